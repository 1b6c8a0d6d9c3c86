// Converts between character offsets (what the model stores) and 0-based line/character positions
// (what LSP and the command line show). The table of line starts is built on the first lookup: an
// analysis without diagnostics never needs it, and a 1,000-step file has some 4,000 lines. Positions
// past a line's text stop before its line break, as in the LSP's TextDocument, so that the command
// line and the language server (which uses both) agree on every offset.
import type { LineIndex, Position } from './types.js';

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

const isBreak = (c: number) => c === 10 || c === 13;

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
