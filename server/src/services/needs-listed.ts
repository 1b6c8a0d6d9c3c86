// The ids a `needs` list already has, for completion to leave out: the whole value of the `needs:` key
// the cursor is under, not only the text before the cursor on its line (a block list's other items, a
// flow list's other lines, the entries after the cursor). From the text alone, like cursor-context.ts;
// comments count for nothing, and the word the cursor is in is not listed.
import { lineEndAt, lineStartAt, nextLineStart } from '../engine-api.js';
import { commentStart } from './comment-at.js';

/** How far the scans go, in lines, up to the key and down its value. */
const MAX_LINES = 500;
/** A `needs:` key first on its line (after the indentation and any `- `), plain or quoted. */
const NEEDS_KEY_RE = /^([ ]*(?:-[ ]+)*)(["']?)needs\2[ \t]*:(?=\s|$)/;
/** An id-like word that is not part of an anchor, alias or tag (cursor-context.ts reads a flow list's rest by it too). */
export const NEEDS_WORD_RE = /(?<![\w&!*-])[A-Za-z_][\w-]*/g;

/**
 * The ids written in the value of the `needs:` key whose value the cursor is in (the nearest such key
 * on the cursor's line or above, indented no more than the cursor's line), except the word at the
 * cursor; empty when there is no such key.
 */
export function listedNeeds(text: string, offset: number): string[] {
  const lineAt = (start: number) => text.slice(start, lineEndAt(text, start));
  const indentOf = (line: string) => /^[ ]*/.exec(line)![0].length;
  const blank = (line: string) => /^\s*(#.*)?$/.test(line);
  const cursorLine = lineStartAt(text, offset);
  const maxIndent = indentOf(lineAt(cursorLine));
  let keyLine = -1;
  let keyCol = 0;
  for (let start = cursorLine, n = 0; n < MAX_LINES; n++) {
    const line = lineAt(start);
    const m = NEEDS_KEY_RE.exec(line);
    if (m && indentOf(line) <= maxIndent) { keyLine = start; keyCol = m[1].length; break; }
    if (start === 0) break;
    start = lineStartAt(text, start - 1);
  }
  if (keyLine < 0) return [];
  const ids: string[] = [];
  const collect = (start: number, from: number) => {
    const line = lineAt(start);
    const c = commentStart(line);
    const body = c < 0 ? line : line.slice(0, c);
    for (const w of body.slice(from).matchAll(NEEDS_WORD_RE)) {
      const at = start + from + w.index!;
      if (at <= offset && offset <= at + w[0].length) continue; // the word being typed
      ids.push(w[0]);
    }
  };
  collect(keyLine, NEEDS_KEY_RE.exec(lineAt(keyLine))![0].length);
  // The value's further lines: indented more than the key, or a `- ` item at its column (a block
  // sequence may sit at its key's column).
  for (let start = nextLineStart(text, keyLine), n = 0; start >= 0 && n < MAX_LINES; start = nextLineStart(text, start), n++) {
    const line = lineAt(start);
    if (blank(line)) continue;
    const indent = indentOf(line);
    if (indent < keyCol || (indent === keyCol && !/^[ ]*-(\s|$)/.test(line))) break;
    collect(start, 0);
  }
  return ids;
}
