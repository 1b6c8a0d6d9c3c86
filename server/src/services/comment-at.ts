// Whether the cursor is in a YAML comment, from the text alone (completion works on broken text). A
// comment is a `#` at a line's start or after white space, outside a quoted scalar; a `#` on a line of
// a `|`/`>` block scalar is its text. Completion offers nothing in a comment: `# see ${steps.|` is not
// a template, `method: GET # P|` not a value.
import { lineCursor } from './yaml-path.js';
import { closingQuote } from './flow-context.js';
import { lineStartAt } from '../engine-api.js';

/**
 * The index of the `#` that starts a comment on `line` (a line's text, or the part of it before the
 * cursor), or -1. YAML's rules for one line: a quote opens a scalar only where a node starts (after the
 * indentation, `- `, `key: `, and in a flow collection after `{`, `[`, `,`), so `it's # x` is a plain
 * scalar and a comment; inside '…' a doubled '' is a quote, inside "…" a backslash escapes; a line
 * that ends inside a quoted scalar has no comment.
 */
export function commentStart(line: string): number {
  let depth = 0; // flow collections open on the line
  let nodeStart = true; // a node (a quoted scalar, a flow collection) may start here
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    const next = line[i + 1];
    const spaceOrEnd = next === undefined || next === ' ' || next === '\t';
    if (c === ' ' || c === '\t') continue;
    if (c === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) return i;
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

/** True when `offset` is in a comment: after a comment's `#` on its line, and not in a block scalar's text. */
export function inComment(text: string, offset: number): boolean {
  const lineStart = lineStartAt(text, offset);
  const before = text.slice(lineStart, offset);
  if (!before.includes('#') || commentStart(before) < 0) return false;
  // The line scan reads every line above, so it runs only for a line with a comment-like `#`.
  const indent = /^[ \t]*/.exec(before)![0].length;
  return lineCursor(text, lineStart + indent).inBlockScalarOf === undefined;
}

