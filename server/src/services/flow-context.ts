// Where the cursor is inside a flow mapping on its line (`- {id: c, needs: [a, |]}`), for completion.
// The indentation scan of yaml-path.ts sees such a line as one sequence item and would offer step
// keys anywhere in it; this says whether the cursor is on a key or in the value of which key, and
// the keys leading to that mapping inside the line (`{id: c, http: {method: P|}}`: `http`), so that
// completion can look the value up in the schema as it does for block style. Where a key goes, it
// gives the path to the mapping and the keys the mapping already has, before the cursor and after it
// (`flowKeysAfter`), so completion offers that mapping's missing keys.
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
  /**
   * Where a key goes (`key` undefined): the keys of the mapping the cursor is in that come before the
   * cursor's entry. With `path` then the path to that mapping (empty for the outermost).
   */
  keys?: string[];
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
  const open: { ch: string; at: number; entryStart: number; keys: string[] }[] = [];
  /** The last character before `i` that is not white space ('' at the line's start). */
  let prev = '';
  for (let i = 0; i < lineBefore.length; i++) {
    const c = lineBefore[i];
    if ((c === '"' || c === "'") && '{[,:-'.includes(prev)) { // a quote starts a scalar only there ('' at the line's start: includes('') is true)
      i = closingQuote(lineBefore, i);
      if (i < 0) return undefined; // the cursor is inside the quoted scalar
      prev = c;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(lineBefore[i - 1]))) return undefined; // a comment
    else if (c === '{' || c === '[') open.push({ ch: c, at: i, entryStart: i + 1, keys: [] });
    else if (c === '}' || c === ']') open.pop();
    else if (c === ',' && open.length) {
      const top = open[open.length - 1];
      const entry = top.ch === '{' ? ENTRY_RE.exec(lineBefore.slice(top.entryStart, i)) : null;
      if (entry) top.keys.push(unquoteKey(entry[1]));
      top.entryStart = i + 1;
    }
    if (!/\s/.test(c)) prev = c;
  }
  let k = open.length - 1;
  while (k >= 0 && open[k].ch !== '{') k--;
  if (k < 0) return undefined;
  const flowStart = open[0].at;
  const m = ENTRY_RE.exec(lineBefore.slice(open[k].entryStart));
  // The keys (or '[]') of the collections around the cursor's, each up to where the next one opens:
  // to the value the cursor is in, or where a key goes, to the mapping.
  const pathTo = (end: number): string[] | undefined => {
    const path: string[] = [];
    for (let j = 0; j < end; j++) {
      if (open[j].ch === '[') { path.push('[]'); continue; }
      const entry = ENTRY_RE.exec(lineBefore.slice(open[j].entryStart, j + 1 < open.length ? open[j + 1].at : undefined));
      if (!entry) return undefined;
      path.push(unquoteKey(entry[1]));
    }
    return path;
  };
  if (!m) {
    // Where a key goes only when the mapping is the innermost collection (not `{a: [x, |`).
    if (k !== open.length - 1) return { key: undefined, valueText: '', flowStart };
    return { key: undefined, valueText: '', flowStart, path: pathTo(k), keys: open[k].keys };
  }
  return { key: unquoteKey(m[1]), valueText: m[2], path: pathTo(open.length), flowStart };
}

/**
 * The keys of the rest of the flow mapping the cursor is in, from the text after the cursor on its
 * line: each entry's key up to where the mapping closes, by the quoting rules of flowSpot.
 */
export function flowKeysAfter(lineAfter: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let prev = ',';
  let entryStart = -1; // the cursor's own entry is not counted
  for (let i = 0; i < lineAfter.length; i++) {
    const c = lineAfter[i];
    const end = depth === 0 && (c === ',' || c === '}' || c === ']');
    if (end && entryStart >= 0) {
      const entry = ENTRY_RE.exec(lineAfter.slice(entryStart, i));
      if (entry) keys.push(unquoteKey(entry[1]));
    }
    if (depth === 0 && (c === '}' || c === ']')) break;
    if (end) entryStart = i + 1;
    if ((c === '"' || c === "'") && '{[,:-'.includes(prev)) {
      i = closingQuote(lineAfter, i);
      if (i < 0) break; // not closed on the line
      prev = c;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(lineAfter[i - 1]))) break;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (!/\s/.test(c)) prev = c;
  }
  return keys;
}

/**
 * The index of the quote that closes the scalar whose opening quote is at `open`, or -1 when it is not
 * closed in `text`: inside '…' a doubled '' is a quote, inside "…" a backslash escapes the next character.
 */
function closingQuote(text: string, open: number): number {
  const q = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (q === "'" && text[i] === "'" && text[i + 1] === "'") i++;
    else if (text[i] === q) return i;
  }
  return -1;
}
