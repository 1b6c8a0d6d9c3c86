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

/** The spot in the innermost flow mapping open before the cursor on its line, or undefined if none is. */
export function flowSpot(lineBefore: string): FlowSpot | undefined {
  const open: { ch: string; at: number }[] = [];
  let quote: string | undefined;
  /** The last character before `i` that is not white space ('' at the line's start). */
  let prev = '';
  for (let i = 0; i < lineBefore.length; i++) {
    const c = lineBefore[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) { quote = undefined; prev = c; }
      continue;
    }
    if ((c === '"' || c === "'") && (prev === '' || '{[,:-'.includes(prev))) quote = c; // a quote starts a scalar only there
    else if (c === '#' && (i === 0 || /\s/.test(lineBefore[i - 1]))) return undefined; // a comment
    else if (c === '{' || c === '[') open.push({ ch: c, at: i + 1 });
    else if (c === '}' || c === ']') open.pop();
    if (!/\s/.test(c)) prev = c;
  }
  if (quote) return undefined;
  let k = open.length - 1;
  while (k >= 0 && open[k].ch !== '{') k--;
  if (k < 0) return undefined;
  // The entry of that mapping the cursor is in: after its last ',' outside nested collections.
  const inner = lineBefore.slice(open[k].at);
  let depth = 0;
  let entryStart = 0;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i];
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (c === ',' && depth === 0) entryStart = i + 1;
    else if ((c === '"' || c === "'") && depth === 0) {
      const end = inner.indexOf(c, i + 1);
      if (end < 0) break;
      i = end;
    }
  }
  const m = ENTRY_RE.exec(inner.slice(entryStart));
  if (!m) return { key: undefined, valueText: '' };
  return { key: m[1].replace(/^["']|["']$/g, ''), valueText: m[2] };
}
