// Offsets <-> 0-based line/character positions, for LF, CRLF and lone CR line ends.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLineIndex } from '../../src/model/line-index.js';

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
