// Mermaid node ids for plan paths (`weft graph --format mermaid`): one id per path, never shared,
// readable, and a function of the path alone (so a file's output does not change when other steps
// are added). Letters, digits and '_' stay; any other character is an escape: `_2f_` (two hex
// digits) for a code unit below 0x100, `_u4e2d_` for the others. A '_' of the path is written `_5f_`
// only where it would otherwise start something that reads as an escape (`a_2d_` is `n_a_5f_2d_`,
// so it is not `a-`, which is `n_a_2d_`). Read left to right, a '_' followed by two hex digits and a
// '_', or by 'u', four hex digits and a '_', is an escape, and any other '_' is itself: every id
// gives back exactly one path. (Before, every '_' stayed, so `a-` and `a_2d_` were one node.)

const ESCAPE_AHEAD = /^(?:[0-9a-f]{2}|u[0-9a-f]{4})_/;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `_${code.toString(16).padStart(2, '0')}_` : `_u${code.toString(16).padStart(4, '0')}_`;
}

export function mermaidId(path: string): string {
  // Built from the end, so that each '_' sees the id text that follows it.
  let tail = '';
  for (let i = path.length - 1; i >= 0; i--) {
    const c = path[i];
    if (/[A-Za-z0-9]/.test(c) || (c === '_' && !ESCAPE_AHEAD.test(tail))) tail = c + tail;
    else tail = escape(c) + tail;
  }
  return 'n_' + tail;
}
