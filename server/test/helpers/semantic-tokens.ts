// What a client does with semantic tokens results, for the tests that check the server's range and
// delta answers against its full ones: decode the relative integer array, apply a delta's edits to
// the result it names, pick the tokens a range covers.
import * as assert from 'node:assert/strict';
import type { Range, SemanticTokensEdit } from 'vscode-languageserver-protocol';

/** One decoded token, in absolute positions. */
export type Token = [line: number, char: number, length: number, type: number, mods: number];

export function decode(data: number[]): Token[] {
  const out: Token[] = [];
  let line = 0;
  let char = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    char = data[i] ? data[i + 1] : char + data[i + 1];
    out.push([line, char, data[i + 2], data[i + 3], data[i + 4]]);
  }
  return out;
}

/**
 * `data` after a delta's `edits`, as LSP 3.17 has a client apply them: all of one delta's edits are
 * based on the same state of the array (like a text edit list), need not be sorted, and do not
 * overlap; sorted, they are applied from the back. Fails on an edit out of the array or overlapping
 * another, which a client such as VS Code cannot apply either.
 */
export function applyEdits(data: number[], edits: SemanticTokensEdit[]): number[] {
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  let end = 0;
  for (const e of sorted) {
    assert.ok(e.start >= end && e.deleteCount >= 0 && e.start + e.deleteCount <= data.length,
      `edit ${JSON.stringify({ start: e.start, deleteCount: e.deleteCount })} overlaps another or leaves the array (${data.length} integers)`);
    end = e.start + e.deleteCount;
  }
  const out = [...data];
  for (let i = sorted.length - 1; i >= 0; i--) out.splice(sorted[i].start, sorted[i].deleteCount, ...(sorted[i].data ?? []));
  return out;
}

type Pos = { line: number; character: number };
const before = (a: Pos, b: Pos) => a.line < b.line || (a.line === b.line && a.character < b.character);

/**
 * The tokens of `all` that a range request for `r` answers with, as the server defines it
 * (services/semantic-tokens.ts): those that overlap the range, i.e. start before its end and end
 * after its start (an empty range gets the tokens strictly around it).
 */
export const within = (all: Token[], r: Range): Token[] =>
  all.filter(([line, char, len]) => before({ line, character: char }, r.end) && before(r.start, { line, character: char + len }));
