// Converts between character offsets (what the model stores) and 0-based line/character positions
// (what LSP and the command line show). The table of line starts is built on the first lookup: an
// analysis without diagnostics never needs it, and a 1,000-step file has some 4,000 lines.
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

export function createLineIndex(text: string): LineIndex {
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
      return { line: lo, character: o - starts[lo] };
    },
    offsetAt(position: Position): number {
      const starts = get();
      if (position.line < 0) return 0;
      if (position.line >= starts.length) return text.length;
      const lineEnd = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
      return Math.max(starts[position.line], Math.min(starts[position.line] + position.character, lineEnd));
    },
  };
}
