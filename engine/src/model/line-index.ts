// Converts between character offsets (what the model stores) and 0-based line/character positions
// (what LSP and the command line show). The table of line starts is built on the first lookup: an
// analysis without diagnostics never needs it, and a 1,000-step file has some 4,000 lines. Positions
// past a line's text stop before its line break, as in the LSP's TextDocument, so that the command
// line and the language server (which uses both) agree on every offset.
//
// A line ends at "\n", "\r\n" or a lone "\r" (the LSP spec; the parse reads a lone CR as a LF,
// yaml-parse.ts). The local scans below (the line around an offset, the line break a text uses) say
// the same as the table without building it; the language server reads the text around the cursor
// with them (server/src/engine-api.ts), so there is one definition of a line in the repository.
import type { LineIndex, Position } from './types.js';

/** The length of the line break that starts at `i`: 2 for CRLF, 1 for LF or a lone CR, else 0. */
export function lineBreakAt(text: string, i: number): 0 | 1 | 2 {
  const c = text.charCodeAt(i);
  if (c === 10) return 1;
  if (c === 13) return text.charCodeAt(i + 1) === 10 ? 2 : 1;
  return 0;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const n = lineBreakAt(text, i);
    if (n) {
      i += n - 1;
      starts.push(i + 1);
    }
  }
  return starts;
}

const isBreak = (c: number) => c === 10 || c === 13;

/**
 * The start of the line that holds `offset`. An offset between the CR and the LF of a CRLF is on
 * the line that the CRLF ends, as for the line index.
 */
export function lineStartAt(text: string, offset: number): number {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13 && text.charCodeAt(i + 1) !== 10) return i + 1;
  }
  return 0;
}

/** Where the line that holds `offset` ends: its break's first character, or the end of the text. */
export function lineEndAt(text: string, offset: number): number {
  let i = Math.max(0, offset);
  if (i > 0 && i < text.length && text.charCodeAt(i - 1) === 13 && text.charCodeAt(i) === 10) return i - 1;
  for (; i < text.length; i++) if (isBreak(text.charCodeAt(i))) return i;
  return text.length;
}

/** The start of the line after the one that holds `offset`, or -1 when that is the last line. */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEndAt(text, offset);
  return end >= text.length ? -1 : end + lineBreakAt(text, end);
}

/** The lines of `text` without their breaks (one more than the breaks, as LSP counts them). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The line break `text` uses: that of its first line, or LF when it has none (for inserted lines). */
export function lineBreakOf(text: string): '\n' | '\r\n' | '\r' {
  const end = lineEndAt(text, 0);
  if (end >= text.length) return '\n';
  return lineBreakAt(text, end) === 2 ? '\r\n' : text[end] === '\r' ? '\r' : '\n';
}

export function createLineIndex(text: string): LineIndex {
  /** `offset`, moved back over the line break it is in or after (not past `lineStart`). */
  const beforeBreak = (offset: number, lineStart: number): number => {
    while (offset > lineStart && isBreak(text.charCodeAt(offset - 1))) offset--;
    return offset;
  };
  let table: number[] | undefined;
  const get = () => (table ??= lineStarts(text));
  return {
    get lineCount() {
      return get().length;
    },
    positionAt(offset: number): Position {
      const starts = get();
      const o = Math.max(0, Math.min(offset, text.length));
      let lo = 0;
      let hi = starts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo, character: beforeBreak(o, starts[lo]) - starts[lo] };
    },
    offsetAt(position: Position): number {
      const starts = get();
      if (position.line < 0) return 0;
      if (position.line >= starts.length) return text.length;
      const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
      const start = starts[position.line];
      return position.character <= 0 ? start : beforeBreak(Math.min(start + position.character, lineEnd), start);
    },
  };
}
