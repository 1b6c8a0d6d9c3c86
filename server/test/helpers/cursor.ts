// Cursor fixtures: the cursor is written as `|` in the text. A block scalar indicator (`key: |`,
// `key: |-`) is not a cursor. Exactly one cursor per fixture. Lines end at LF, CRLF or a lone CR,
// as LSP positions count them (the engine's line index gives line and character).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createLineIndex } from '../../../engine/src/model/line-index.js';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

export interface CursorFixture { text: string; offset: number; line: number; character: number }

export function parseCursor(withCursor: string): CursorFixture {
  const candidates: number[] = [];
  for (let i = 0; i < withCursor.length; i++) {
    if (withCursor[i] !== '|') continue;
    if (withCursor[i + 1] === '|' || withCursor[i - 1] === '|') { i++; continue; } // `||` operator
    const before = withCursor.slice(0, i).split(/\r\n|\r|\n/).pop()!;
    const after = withCursor.slice(i + 1).split(/\r\n|\r|\n/)[0];
    if (/:\s*$/.test(before) && /^[-+0-9]*\s*(#.*)?$/.test(after) && !/\$\{[^}]*$/.test(before)) continue; // `key: |`
    candidates.push(i);
  }
  if (candidates.length !== 1) throw new Error(`expected exactly one cursor '|', found ${candidates.length}`);
  const offset = candidates[0];
  const text = withCursor.slice(0, offset) + withCursor.slice(offset + 1);
  return { text, offset, ...createLineIndex(text).positionAt(offset) };
}

export function loadCursorFixture(name: string): CursorFixture & { file: string } {
  const file = path.join(FIXTURES, name);
  return { ...parseCursor(fs.readFileSync(file, 'utf8')), file };
}

/** Offset of the n-th (0-based) occurrence of `needle` in `text`, plus `delta` characters. */
export function needleOffset(text: string, needle: string, delta = 0, nth = 0): number {
  let idx = -1;
  for (let k = 0; k <= nth; k++) {
    idx = text.indexOf(needle, idx + 1);
    if (idx < 0) throw new Error(`'${needle}' not found`);
  }
  return idx + delta;
}

/** Position of the n-th (0-based) occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): { line: number; character: number } {
  return createLineIndex(text).positionAt(needleOffset(text, needle, delta, nth));
}
