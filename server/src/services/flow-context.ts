// Where the cursor is inside a flow mapping on its line (`- {id: c, needs: [a, |]}`), for completion.
// The indentation scan of yaml-path.ts sees such a line as one sequence item and would offer step
// keys anywhere in it; this says whether the cursor is on a key or in the value of which key.
// From the line's text alone (quotes and comments respected), like the rest of cursor-context.ts.

export interface FlowSpot {
  /** The key whose value the cursor is in; undefined on a key (or where a key goes). */
  key: string | undefined;
  /** The value typed so far, up to the cursor (for `needs: [a, b`: `[a, b`). */
  valueText: string;
}

const ENTRY_RE = /^\s*([A-Za-z_$][\w$.-]*|"[^"]*"|'[^']*')\s*:(?:\s+|$)(.*)$/s;

/**
 * The spot in the innermost flow mapping open before the cursor on its line, or undefined if none is.
 * One scan, by YAML's rules: a quote opens a scalar only where a scalar starts (so `it's` is plain);
 * inside '…' a doubled '' is a quote, inside "…" a backslash escapes the next character. Each open
 * collection remembers where its current entry starts (after its last top-level ',').
 */
export function flowSpot(lineBefore: string): FlowSpot | undefined {
  const open: { ch: string; entryStart: number }[] = [];
  let quote: string | undefined;
  /** The last character before `i` that is not white space ('' at the line's start). */
  let prev = '';
  for (let i = 0; i < lineBefore.length; i++) {
    const c = lineBefore[i];
    if (quote === '"') {
      if (c === '\\') i++;
      else if (c === '"') { quote = undefined; prev = c; }
      continue;
    }
    if (quote === "'") {
      if (c === "'" && lineBefore[i + 1] === "'") i++; // '' is an escaped quote
      else if (c === "'") { quote = undefined; prev = c; }
      continue;
    }
    if ((c === '"' || c === "'") && (prev === '' || '{[,:-'.includes(prev))) quote = c; // a quote starts a scalar only there
    else if (c === '#' && (i === 0 || /\s/.test(lineBefore[i - 1]))) return undefined; // a comment
    else if (c === '{' || c === '[') open.push({ ch: c, entryStart: i + 1 });
    else if (c === '}' || c === ']') open.pop();
    else if (c === ',' && open.length) open[open.length - 1].entryStart = i + 1;
    if (!/\s/.test(c)) prev = c;
  }
  if (quote) return undefined;
  let k = open.length - 1;
  while (k >= 0 && open[k].ch !== '{') k--;
  if (k < 0) return undefined;
  const m = ENTRY_RE.exec(lineBefore.slice(open[k].entryStart));
  if (!m) return { key: undefined, valueText: '' };
  return { key: m[1].replace(/^["']|["']$/g, ''), valueText: m[2] };
}
