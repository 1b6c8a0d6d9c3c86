// The line helpers of the services (server/src/services/line-breaks.ts) against the two line
// tables they must agree with: the editor's TextDocument and the engine's line index, on random
// texts mixing LF, CRLF and lone CRs.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLineIndex } from '../../../engine/src/model/line-index.js';
import { rng } from '../../../test/support/prng.js';
import { lineBreakOf, lineEndAt, lineStartAt, nextLineStart, splitLines } from '../../src/services/line-breaks.js';

const SEED = 20260517;

describe('line breaks', () => {
  it(`agree with TextDocument and the engine's line index (seed ${SEED})`, () => {
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
        assert.equal(lineEndAt(text, start), start + lines[line].length, `end of line ${line} of ${JSON.stringify(text)}`);
        assert.equal(nextLineStart(text, start), line + 1 < lines.length ? doc.offsetAt({ line: line + 1, character: 0 }) : -1);
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
  });

  it('an offset between CR and LF is on the line that the CRLF ends', () => {
    assert.equal(lineStartAt('ab\r\ncd', 3), 0);
    assert.equal(lineEndAt('ab\r\ncd', 3), 2);
    assert.equal(nextLineStart('ab\r\ncd', 3), 4);
  });
});
