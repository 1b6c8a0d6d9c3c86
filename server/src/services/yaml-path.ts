// Where the cursor is in the YAML structure, found by scanning indentation rather than by parsing,
// so it works on broken, half-typed text: the chain of parent keys (`'[]'` for a sequence item),
// and whether the cursor is on a key, on a value, or in a sequence item. Flow collections on one
// line (`needs: [a, b]`) are handled by the caller from the line text.
import { lineEndAt, lineStartAt, splitLines } from '../engine-api.js';
import { withoutBom } from '../../../engine/src/model/read-workflow-file.js';

export type PathSeg = string; // a key, or '[]' for a sequence item

export interface LineCursor {
  /** Parent path of the mapping (or sequence) the cursor's line belongs to. */
  parents: PathSeg[];
  /** What the cursor is on. */
  kind: 'key' | 'value' | 'item' | 'other';
  /** For 'value': the key whose value it is. For 'key': the key being typed (may be ''). */
  key: string;
  /** The partial word before the cursor and where it starts. */
  partial: string;
  partialStart: number;
  /** For 'key': the column of the key (so snippets can indent their continuation lines). */
  column: number;
  /** Text of the value typed so far (for 'value'), up to the cursor. */
  valueText: string;
  valueStart: number;
}

interface Elem { col: number; dash: boolean; key?: string; hasValue: boolean; blockScalar: boolean }

/** A mapping key as the line scans read one, plain or quoted, as a capturing group (flow-context.ts reads flow keys by it too). */
export const KEY_NAME = `([A-Za-z_$][\\w$.-]*|"[^"]*"|'[^']*')`;
const KEY_RE = new RegExp(`^${KEY_NAME}\\s*:(?=\\s|$)`);

/** A key that KEY_NAME read, without its quotes. */
export function unquoteKey(key: string): string {
  return key.replace(/^["']|["']$/g, '');
}

/** Splits a line into its leading `- ` items and an optional `key:`. */
function elements(line: string): Elem[] {
  const out: Elem[] = [];
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  for (;;) {
    if (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
      out.push({ col: i, dash: true, hasValue: true, blockScalar: false });
      i++;
      while (i < line.length && line[i] === ' ') i++;
      continue;
    }
    break;
  }
  const rest = line.slice(i);
  const m = KEY_RE.exec(rest);
  if (m) {
    const after = rest.slice(m[0].length).replace(/\s+#.*$/, '').trim();
    const key = unquoteKey(m[1]);
    const blockScalar = /^[|>][-+0-9]*$/.test(after);
    const anchorOnly = /^&\S+$/.test(after) || /^!\S+$/.test(after);
    out.push({ col: i, dash: false, key, hasValue: after !== '' && !anchorOnly, blockScalar });
  }
  return out;
}

function isBlank(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#');
}

/**
 * Parent keys of a position given the column its content starts at, scanning lines above. `item`:
 * the position's line is a sequence item (`- ` at `col`). A block sequence may sit at its key's own
 * column (`steps:` then `- id: a` below it, also `needs:` then `- a` in a step): a key at the column
 * of the sequence item found last, with the dashes of its sibling items, is that sequence's key.
 */
export function parentsAbove(lines: string[], lineNo: number, col: number, item = false): { parents: PathSeg[]; inBlockScalarOf?: string } {
  const parents: PathSeg[] = [];
  let c = col;
  /** The innermost parent found so far is a sequence item at column `c`, whose key may be at `c` too. */
  let seq = item;
  let inBlockScalarOf: string | undefined;
  for (let l = lineNo - 1; l >= 0 && (c > 0 || seq); l--) {
    const line = lines[l];
    if (isBlank(line)) continue;
    const els = elements(line);
    if (els.length === 0) {
      // A continuation line (plain multi-line scalar, flow collection): skip it.
      continue;
    }
    for (let k = els.length - 1; k >= 0; k--) {
      const e = els[k];
      if (e.col > c || (e.col === c && (e.dash || !seq))) continue;
      if (e.dash) {
        parents.unshift('[]');
      } else {
        if (e.blockScalar && parents.length === 0 && inBlockScalarOf === undefined) inBlockScalarOf = e.key;
        parents.unshift(e.key!);
      }
      seq = e.dash;
      c = e.col;
    }
  }
  return { parents, inBlockScalarOf };
}

/**
 * Whether the line that starts at `lineStart` is a line of a `|`/`>` block scalar (its text, not YAML).
 * The line is asked about at its first character: at its start, the scan sees no indentation and
 * finds no parents at all.
 */
export function lineInBlockScalar(text: string, lineStart: number): boolean {
  return lineCursor(text, lineStart + indentAt(text, lineStart)).inBlockScalarOf !== undefined;
}

/** The indentation (spaces and tabs) of the line that starts at `lineStart`. */
export function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i - lineStart;
}

/**
 * The lines above the one at `lineStart` that are less indented than every line after them (up to
 * it), nearest first: the lines where a node that goes on to `lineStart`'s line (a flow collection, a
 * quoted scalar) can begin. Each is given by its start and text; lines that `skip` matches (blank
 * ones) are passed over. The scan ends after a line not indented at all, or `maxLines` lines up.
 */
export function* outdentedLinesAbove(text: string, lineStart: number, maxLines: number, skip: RegExp): Generator<{ start: number; line: string }> {
  let minIndent = indentAt(text, lineStart);
  let start = lineStart;
  for (let n = 0; n < maxLines && start > 0 && minIndent > 0; n++) {
    start = lineStartAt(text, start - 1);
    const line = text.slice(start, lineEndAt(text, start));
    if (skip.test(line)) continue;
    const indent = indentAt(text, start);
    if (indent >= minIndent) continue;
    minIndent = indent;
    yield { start, line };
  }
}

/** Analyses the line of `offset` in `text`. */
export function lineCursor(text: string, offset: number): LineCursor & { inBlockScalarOf?: string } {
  const lineStart = lineStartAt(text, offset);
  const before = text.slice(lineStart, offset);
  const allLines = splitLines(text.slice(0, lineStart));
  allLines.pop(); // the empty remainder after the last line break
  // A byte order mark is not content: YAML's columns on the first line start after it.
  if (allLines.length) allLines[0] = withoutBom(allLines[0]!);
  const lineNo = allLines.length;

  // `  - - key: value` / `  - partial` / `  partial`
  const lead = /^(\s*)((?:-\s+)*)/.exec(before)!;
  const contentCol = lead[0].length;
  const rest = before.slice(contentCol);
  const dashCols: number[] = [];
  for (let i = lead[1].length; i < contentCol; i++) if (before[i] === '-') dashCols.push(i);
  const firstCol = dashCols.length ? dashCols[0] : contentCol;
  const up = parentsAbove(allLines, lineNo, firstCol, dashCols.length > 0);
  const parents = [...up.parents, ...dashCols.map(() => '[]')];

  const keyMatch = /^([A-Za-z_$][\w$.-]*|"[^"]*"|'[^']*')\s*:(\s*)(.*)$/.exec(rest);
  if (keyMatch) {
    const key = keyMatch[1].replace(/^["']|["']$/g, '');
    const valueStart = offset - keyMatch[3].length;
    const pm = /[\w$.-]*$/.exec(keyMatch[3])!;
    return {
      parents, kind: 'value', key, partial: pm[0], partialStart: offset - pm[0].length, column: contentCol,
      valueText: keyMatch[3], valueStart, inBlockScalarOf: up.inBlockScalarOf,
    };
  }
  const wordMatch = /^[A-Za-z_$][\w$-]*$|^$/.exec(rest);
  if (wordMatch && !up.inBlockScalarOf) {
    return {
      parents, kind: dashCols.length && rest === '' ? 'item' : 'key', key: rest, partial: rest,
      partialStart: offset - rest.length, column: contentCol, valueText: '', valueStart: offset,
    };
  }
  const pm = /[\w$.-]*$/.exec(rest)!;
  return {
    parents, kind: dashCols.length ? 'item' : 'other', key: '', partial: pm[0], partialStart: offset - pm[0].length,
    column: contentCol, valueText: rest, valueStart: offset - rest.length, inBlockScalarOf: up.inBlockScalarOf,
  };
}
