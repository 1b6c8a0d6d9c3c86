// Where the cursor is inside a flow mapping on its line (`- {id: c, needs: [a, |]}`), for completion.
// The indentation scan of yaml-path.ts sees such a line as one sequence item and would offer step
// keys anywhere in it; this says whether the cursor is on a key or in the value of which key, and
// the keys leading to that mapping inside the line (`{id: c, http: {method: P|}}`: `http`), so that
// completion can look the value up in the schema as it does for block style.
// From the line's text alone (quotes and comments respected), like the rest of cursor-context.ts.
import { KEY_NAME, unquoteKey } from './yaml-path.js';

export interface FlowSpot {
  /** The key whose value the cursor is in; undefined on a key (or where a key goes). */
  key: string | undefined;
  /** The value typed so far, up to the cursor (for `needs: [a, b`: `[a, b`). */
  valueText: string;
  /**
   * The path from the line's outermost flow collection to the value the cursor is in (keys, '[]'
   * for a flow sequence's item): it ends with `key`, or with `key, '[]'` in a flow list that is its
   * value. Undefined on a key, or when a key on the way is not a plain or quoted scalar.
   */
  path?: string[];
  /** Where the outermost flow collection opens in the line (the index of its `{` or `[`). */
  flowStart: number;
}

/** An entry of a flow mapping: its key (yaml-path.ts's key rule) and the text after its `:`. */
const ENTRY_RE = new RegExp(`^\\s*${KEY_NAME}\\s*:(?:\\s+|$)(.*)$`, 's');

/**
 * The spot in the innermost flow mapping open before the cursor on its line, or undefined if none is.
 * One scan, by YAML's rules: a quote opens a scalar only where a scalar starts (so `it's` is plain);
 * inside '…' a doubled '' is a quote, inside "…" a backslash escapes the next character. Each open
 * collection remembers where its current entry starts (after its last top-level ',').
 */
export function flowSpot(lineBefore: string): FlowSpot | undefined {
  const open: { ch: string; at: number; entryStart: number }[] = [];
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
    else if (c === '{' || c === '[') open.push({ ch: c, at: i, entryStart: i + 1 });
    else if (c === '}' || c === ']') open.pop();
    else if (c === ',' && open.length) open[open.length - 1].entryStart = i + 1;
    if (!/\s/.test(c)) prev = c;
  }
  if (quote) return undefined;
  let k = open.length - 1;
  while (k >= 0 && open[k].ch !== '{') k--;
  if (k < 0) return undefined;
  const flowStart = open[0].at;
  const m = ENTRY_RE.exec(lineBefore.slice(open[k].entryStart));
  if (!m) return { key: undefined, valueText: '', flowStart };
  const key = unquoteKey(m[1]);
  // The keys (or '[]') of the collections around the cursor's, each up to where the next one opens.
  const path: string[] = [];
  for (let j = 0; j < open.length; j++) {
    if (open[j].ch === '[') { path.push('[]'); continue; }
    const entry = ENTRY_RE.exec(lineBefore.slice(open[j].entryStart, j + 1 < open.length ? open[j + 1].at : undefined));
    if (!entry) return { key, valueText: m[2], flowStart };
    path.push(unquoteKey(entry[1]));
  }
  return { key, valueText: m[2], path, flowStart };
}
