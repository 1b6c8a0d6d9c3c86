// Where the cursor is inside a flow mapping (`- {id: c, needs: [a, |]}`), for completion.
// The indentation scan of yaml-path.ts sees such a line as one sequence item and would offer step
// keys anywhere in it; this says whether the cursor is on a key or in the value of which key, and
// the keys leading to that mapping inside the flow (`{id: c, http: {method: P|}}`: `http`), so that
// completion can look the value up in the schema as it does for block style. Where a key goes, it
// gives the path to the mapping and the keys the mapping already has, before the cursor and after it
// (`flowKeysAfter`), so completion offers that mapping's missing keys.
// From the text alone (quotes and comments respected), like the rest of cursor-context.ts: the text
// from the line where the flow collection opens, which `flowStartLine` finds when the collection goes
// on over several lines (`- {id: c,\n     |}`).
import { KEY_NAME, outdentedLinesAbove, unquoteKey } from './yaml-path.js';
import { lineEndAt, lineStartAt } from '../engine-api.js';

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
  /** Where the outermost flow collection opens in the text (the index of its `{` or `[`). */
  flowStart: number;
  /**
   * Where a key goes (`key` undefined): the keys of the mapping the cursor is in that come before the
   * cursor's entry. With `path` then the path to that mapping (empty for the outermost).
   */
  keys?: string[];
}

/** An entry of a flow mapping: its key (yaml-path.ts's key rule) and the text after its `:`. */
const ENTRY_RE = new RegExp(`^\\s*${KEY_NAME}\\s*:(?:\\s+|$)(.*)$`, 's');

interface OpenCollection { ch: string; at: number; entryStart: number; keys: string[] }

/**
 * The flow collections open at the end of `text` (comments blanked), outermost first, and whether a
 * `}` or `]` closed nothing (the text starts inside a collection), and whether the text ends inside
 * a quoted scalar (`open` then the collections open where it starts).
 * One scan, by YAML's rules: a quote opens a scalar only where a scalar starts (so `it's` is plain);
 * inside '…' a doubled '' is a quote, inside "…" a backslash escapes the next character. Each open
 * collection remembers where its current entry starts (after its last top-level ',') and the keys of
 * its entries before that.
 */
function scanFlow(text: string): { open: OpenCollection[]; stray: boolean; inQuote: boolean } {
  const open: OpenCollection[] = [];
  let stray = false;
  /** The last character before `i` that is not white space ('' at the start). */
  let prev = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '"' || c === "'") && '{[,:-'.includes(prev)) { // a quote starts a scalar only there ('' at the start: includes('') is true)
      const close = closingQuote(text, i);
      if (close < 0) return { open, stray, inQuote: true }; // the end is inside the quoted scalar
      i = close;
      prev = c;
      continue;
    }
    if (c === '{' || c === '[') open.push({ ch: c, at: i, entryStart: i + 1, keys: [] });
    else if (c === '}' || c === ']') { if (!open.length) stray = true; open.pop(); }
    else if (c === ',' && open.length) {
      const top = open[open.length - 1];
      const entry = top.ch === '{' ? ENTRY_RE.exec(text.slice(top.entryStart, i)) : null;
      if (entry) top.keys.push(unquoteKey(entry[1]));
      top.entryStart = i + 1;
    }
    if (!/\s/.test(c)) prev = c;
  }
  return { open, stray, inQuote: false };
}

/**
 * The spot in the innermost flow mapping open before the cursor, or undefined if none is; `before`
 * is the text from the start of the line where the outermost collection opens up to the cursor.
 * A `{` or `[` that does not open a value (`shell: awk '{print}'`, `echo {a,b}`: inside a plain
 * scalar) is text, not a collection. Inside a quoted scalar that is a flow mapping's value
 * (`{method: "P|"}`, `{path: "./|"}`) the spot is that value, quote included in `valueText`; inside a
 * quoted key there is no key or value to offer (a spot with neither `keys` nor `path`).
 */
export function flowSpot(before: string): FlowSpot | undefined {
  const lineBefore = blankComments(before);
  if (lineBefore === undefined) return undefined; // the cursor is in a comment
  const { open, inQuote } = scanFlow(lineBefore);
  let k = open.length - 1;
  while (k >= 0 && open[k].ch !== '{') k--;
  if (k < 0) return undefined;
  const flowStart = open[0].at;
  if (!VALUE_START_RE.test(lineBefore.slice(lineStartAt(lineBefore, flowStart), flowStart))) return undefined;
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
    // Where a key goes only when the mapping is the innermost collection (not `{a: [x, |`), and
    // not inside a quoted key.
    if (inQuote || k !== open.length - 1) return { key: undefined, valueText: '', flowStart };
    return { key: undefined, valueText: '', flowStart, path: pathTo(k), keys: open[k].keys };
  }
  return { key: unquoteKey(m[1]), valueText: m[2], path: pathTo(open.length), flowStart };
}

/**
 * The keys of the rest of the flow mapping the cursor is in, from the text after the cursor (to the
 * end of its line, or of the flow collection's lines): each entry's key up to where the mapping
 * closes, by the quoting rules of scanFlow.
 */
export function flowKeysAfter(after: string): string[] {
  const lineAfter = blankComments(after) ?? after;
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
      if (i < 0) break; // not closed
      prev = c;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    if (!/\s/.test(c)) prev = c;
  }
  return keys;
}

/**
 * `text` with each comment (a `#` at a line's start or after white space, outside quotes, to the end
 * of its line) turned into spaces, so that a `,` or key in it counts for nothing; undefined when the
 * text ends inside a comment. Quotes by scanFlow's rules; an unclosed quote ends the blanking.
 */
export function blankComments(text: string): string | undefined {
  let out = '';
  let from = 0;
  let prev = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if ((c === '"' || c === "'") && '{[,:-'.includes(prev)) {
      const close = closingQuote(text, i);
      if (close < 0) break;
      i = close;
      prev = c;
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = lineEndAt(text, i);
      if (end >= text.length) return undefined;
      out += text.slice(from, i) + ' '.repeat(end - i);
      from = end;
      i = end - 1;
      continue;
    }
    if (!/\s/.test(c)) prev = c;
  }
  return out + text.slice(from);
}

/**
 * Before a flow collection that opens a value: indentation, `- `, a `key:`, an anchor or a tag; on
 * the first line after a byte order mark, which is not content.
 */
const VALUE_START_RE = new RegExp(`^\uFEFF?[ \\t]*(?:-[ \\t]+)*(?:${KEY_NAME}[ \\t]*:[ \\t]+)?(?:[&!][^\\s]*[ \\t]+)*$`);
/** How far up flowStartLine looks for the line where a flow collection opens. */
const MAX_LINES_UP = 500;

/**
 * The start of the line where the flow collection the cursor is in opens, when that is above the
 * cursor's line (`- {id: c,\n     |}`); else the start of the cursor's line. A flow collection's
 * further lines are indented more than its first (YAML requires it), so only the lines above that
 * are less indented than every line below them can be its first: from each, a scan to the cursor
 * must leave a collection open that opens on that line, where a value starts (not `echo {` in a
 * block scalar). The nearest line less indented whose scan leaves only collections opened below it
 * is block style: the search stops there, as at a line not indented at all.
 */
export function flowStartLine(text: string, offset: number): number {
  const cursorLine = lineStartAt(text, offset);
  let best = cursorLine;
  // Lines blank or a comment only are passed over.
  for (const { start, line } of outdentedLinesAbove(text, cursorLine, MAX_LINES_UP, /^\s*(#.*)?$/)) {
    const before = blankComments(text.slice(start, offset));
    const scanned = before === undefined ? undefined : scanFlow(before);
    if (!scanned || scanned.inQuote || scanned.stray || !scanned.open.length) continue;
    const first = scanned.open[0].at;
    if (first >= line.length) break; // every open collection opens below: this line is block style
    if (VALUE_START_RE.test(line.slice(0, first))) best = start;
  }
  return best;
}

/**
 * The index of the quote that closes the scalar whose opening quote is at `open`, or -1 when it is not
 * closed in `text`: inside '…' a doubled '' is a quote, inside "…" a backslash escapes the next character.
 */
export function closingQuote(text: string, open: number): number {
  const q = text[open];
  for (let i = open + 1; i < text.length; i++) {
    if (q === '"' && text[i] === '\\') i++;
    else if (q === "'" && text[i] === "'" && text[i + 1] === "'") i++;
    else if (text[i] === q) return i;
  }
  return -1;
}
