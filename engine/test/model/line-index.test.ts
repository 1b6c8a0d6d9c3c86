// Offsets <-> 0-based line/character positions, for LF, CRLF and lone CR line ends; and the local
// line scans (the line around an offset, a text's line break) that the language server reads the
// text around the cursor with, against the index and the editor's TextDocument.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLineIndex, lineBreakAt, lineBreakOf, lineEndAt, lineStartAt, nextLineStart, splitLines } from '../../src/model/line-index.js';
import { rng } from '../../../test/support/prng.js';

describe('line index', () => {
  it('maps offsets to positions and back with LF', () => {
    const text = 'ab\ncde\n\nf';
    const idx = createLineIndex(text);
    assert.equal(idx.lineCount, 4);
    const expected: [number, number, number][] = [
      [0, 0, 0], [1, 0, 1], [2, 0, 2], [3, 1, 0], [5, 1, 2], [6, 1, 3], [7, 2, 0], [8, 3, 0], [9, 3, 1],
    ];
    for (const [offset, line, character] of expected) {
      assert.deepEqual(idx.positionAt(offset), { line, character }, `offset ${offset}`);
      assert.equal(idx.offsetAt({ line, character }), offset, `position ${line}:${character}`);
    }
  });

  it('treats CRLF as one line end, and a lone CR as one too', () => {
    const text = 'a\r\nbc\r\n\rd';
    const idx = createLineIndex(text);
    assert.equal(idx.lineCount, 4);
    assert.deepEqual(idx.positionAt(3), { line: 1, character: 0 }); // 'b'
    assert.deepEqual(idx.positionAt(4), { line: 1, character: 1 }); // 'c'
    assert.deepEqual(idx.positionAt(7), { line: 2, character: 0 }); // the lone '\r'
    assert.deepEqual(idx.positionAt(8), { line: 3, character: 0 }); // 'd'
    assert.equal(idx.offsetAt({ line: 1, character: 0 }), 3);
    assert.equal(idx.offsetAt({ line: 3, character: 0 }), 8);
  });

  it('counts a final line end as the start of an empty last line', () => {
    assert.equal(createLineIndex('a\n').lineCount, 2);
    assert.equal(createLineIndex('a\r\n').lineCount, 2);
    assert.equal(createLineIndex('').lineCount, 1);
    assert.deepEqual(createLineIndex('a\n').positionAt(2), { line: 1, character: 0 });
  });

  it('clamps out-of-range offsets and positions', () => {
    const idx = createLineIndex('ab\ncd');
    assert.deepEqual(idx.positionAt(-4), { line: 0, character: 0 });
    assert.deepEqual(idx.positionAt(99), { line: 1, character: 2 });
    assert.equal(idx.offsetAt({ line: -1, character: 3 }), 0);
    assert.equal(idx.offsetAt({ line: 7, character: 0 }), 5);
    // A character past the end of a line stops before its line break, as in the LSP's TextDocument.
    assert.equal(idx.offsetAt({ line: 0, character: 50 }), 2);
  });

  it('agrees with the LSP TextDocument on every offset and on positions past a line end', () => {
    const text = 'steps:\r\n  - id: a\n    shell: echo\r  x\r\n\r\n\n\rend';
    const idx = createLineIndex(text);
    const doc = TextDocument.create('file:///x.weft.yaml', 'yaml', 1, text);
    for (let o = 0; o <= text.length; o++) assert.deepEqual(idx.positionAt(o), doc.positionAt(o), `offset ${o}`);
    for (let line = 0; line < idx.lineCount; line++) {
      for (let character = 0; character < 20; character++) {
        assert.equal(idx.offsetAt({ line, character }), doc.offsetAt({ line, character }), `position ${line}:${character}`);
      }
    }
  });

  it('round-trips every offset of a mixed text', () => {
    const text = 'steps:\r\n  - id: a\n    shell: echo\r  x\n';
    const idx = createLineIndex(text);
    for (let o = 0; o <= text.length; o++) {
      // An offset between '\r' and '\n' of a CRLF has no position of its own.
      if (text[o - 1] === '\r' && text[o] === '\n') continue;
      assert.equal(idx.offsetAt(idx.positionAt(o)), o, `offset ${o}`);
    }
  });
});

describe('line scans', () => {
  const SEED = 20260517;

  it(`agree with TextDocument and the line index (seed ${SEED})`, () => {
    const next = rng(SEED);
    const pieces = ['a', 'b', ' ', '\n', '\r', '\r\n'];
    for (let round = 0; round < 400; round++) {
      let text = '';
      const len = Math.floor(next() * 12);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(next() * pieces.length)];
      const doc = TextDocument.create('file:///t', 'weft-yaml', 1, text);
      const index = createLineIndex(text);
      const lines = splitLines(text);
      assert.equal(lines.length, doc.lineCount, JSON.stringify(text));
      assert.equal(lines.length, index.lineCount, JSON.stringify(text));
      for (let line = 0; line < lines.length; line++) {
        const start = doc.offsetAt({ line, character: 0 });
        assert.equal(text.slice(start, start + lines[line].length), lines[line]);
        const end = lineEndAt(text, start);
        assert.equal(end, start + lines[line].length, `end of line ${line} of ${JSON.stringify(text)}`);
        const nextStart = line + 1 < lines.length ? doc.offsetAt({ line: line + 1, character: 0 }) : -1;
        assert.equal(nextLineStart(text, start), nextStart);
        assert.equal(lineBreakAt(text, end), nextStart < 0 ? 0 : nextStart - end, `break after line ${line}`);
      }
      for (let o = 0; o <= text.length; o++) {
        const p = index.positionAt(o);
        assert.equal(lineStartAt(text, o), index.offsetAt({ line: p.line, character: 0 }), `line start at ${o} of ${JSON.stringify(text)}`);
        // Between a CR and its LF too: both put the offset before the CR.
        assert.deepEqual(doc.positionAt(o), p);
      }
    }
  });

  it('gives the line break of the first line', () => {
    assert.equal(lineBreakOf('a\r\nb\n'), '\r\n');
    assert.equal(lineBreakOf('a\rb'), '\r');
    assert.equal(lineBreakOf('a\nb\r\n'), '\n');
    assert.equal(lineBreakOf('ab'), '\n');
    assert.equal(lineBreakOf('ab\r'), '\r', 'a CR at the very end');
  });

  it('an offset between CR and LF is on the line that the CRLF ends', () => {
    assert.equal(lineStartAt('ab\r\ncd', 3), 0);
    assert.equal(lineEndAt('ab\r\ncd', 3), 2);
    assert.equal(nextLineStart('ab\r\ncd', 3), 4);
  });
});
