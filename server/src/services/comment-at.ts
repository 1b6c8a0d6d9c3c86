// Whether the cursor is in a YAML comment, from the text alone (completion works on broken text). A
// comment is a `#` at a line's start or after white space, outside a quoted scalar; a `#` on a line of
// a `|`/`>` block scalar is its text. Completion offers nothing in a comment: `# see ${steps.|` is not
// a template, `method: GET # P|` not a value.
import { lineInBlockScalar, outdentedLinesAbove } from './yaml-path.js';
import { closingQuote } from './flow-context.js';
import { lineStartAt } from '../engine-api.js';

/**
 * The index of the `#` that starts a comment on the last line of `text` (the lines of a node up to the
 * cursor), or -1. YAML's rules: a quote opens a scalar only where a node starts (a line's start after
 * the indentation, `- `, `key: `, and in a flow collection after `{`, `[`, `,`), so `it's # x` is a
 * plain scalar and a comment; inside '…' a doubled '' is a quote, inside "…" a backslash escapes; a
 * quoted scalar goes on over line breaks, so text that ends inside one has no comment.
 */
export function commentStart(line: string): number {
  let depth = 0; // flow collections open on the line
  let nodeStart = true; // a node (a quoted scalar, a flow collection) may start here
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const next = line[i + 1];
    const spaceOrEnd = next === undefined || next === ' ' || next === '\t';
    if (c === ' ' || c === '\t') continue;
    if (c === '\n' || c === '\r') { nodeStart = true; continue; }
    if (c === '#' && (i === 0 || /[ \t\r\n]/.test(line[i - 1]))) {
      const lineBreak = line.slice(i).search(/[\r\n]/);
      if (lineBreak < 0) return i;
      i += lineBreak - 1; // a comment on a line above: go on at its line break
      continue;
    }
    if (nodeStart && (c === '"' || c === "'")) {
      i = closingQuote(line, i);
      if (i < 0) return -1;
      nodeStart = false;
      continue;
    }
    if (nodeStart && (c === '{' || c === '[')) { depth++; continue; }
    if (nodeStart && (c === '&' || c === '!')) { // an anchor or a tag before the node
      while (i + 1 < line.length && line[i + 1] !== ' ' && line[i + 1] !== '\t') i++;
      continue;
    }
    if ((c === '-' || c === '?') && nodeStart && depth === 0 && spaceOrEnd) continue; // `- ` item, `? ` key
    if (c === ':' && (spaceOrEnd || (depth > 0 && (next === ',' || next === '}' || next === ']')))) { nodeStart = true; continue; }
    if (depth > 0 && c === ',') { nodeStart = true; continue; }
    if (depth > 0 && (c === '}' || c === ']')) { depth--; nodeStart = false; continue; }
    nodeStart = false;
  }
  return -1;
}

/**
 * True when `offset` is in a comment: after a comment's `#` on its line, not inside a quoted scalar
 * that opened on a line above (`shell: "echo\n  # ${steps.|"`), and not in a block scalar's text.
 */
export function inComment(text: string, offset: number): boolean {
  const lineStart = lineStartAt(text, offset);
  const before = text.slice(lineStart, offset);
  if (!before.includes('#') || commentStart(before) < 0) return false;
  // Only for a line with a comment-like `#`, as these scans read the lines above.
  if (commentStart(text.slice(nodeLineAbove(text, lineStart), offset)) < 0) return false;
  return !lineInBlockScalar(text, lineStart);
}

/** How far up nodeLineAbove looks. */
const MAX_LINES_UP = 200;

/**
 * The start of the line where a scalar that goes on to the line at `lineStart` can begin: the nearest
 * line above, less indented than every line after it, that holds a `key:` or a `- ` item (a quoted
 * scalar's further lines are indented more than its key); `lineStart` when there is none.
 */
function nodeLineAbove(text: string, lineStart: number): number {
  for (const { start, line } of outdentedLinesAbove(text, lineStart, MAX_LINES_UP, /^\s*$/)) {
    if (/^[ \t]*(?:-(?:[ \t]|$)|(?:[^\s#'"][^:#]*|"[^"]*"|'[^']*')[ \t]*:(?:[ \t]|$))/.test(line)) return start;
  }
  return lineStart;
}
