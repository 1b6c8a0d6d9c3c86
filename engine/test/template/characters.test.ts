// `length` and `[i]` count a text's characters as code points: an emoji or a rarer CJK character is
// one, not the two UTF-16 units JavaScript counts, and indexing never splits one into halves.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateWith } from './evaluate-with.js';

const ev = (template: string, text: string) => evaluateWith(template, { text });

describe('characters of a text', () => {
  it('length counts code points', () => {
    assert.equal(ev('${length(inputs.text)}', 'é😀中'), 3);
    assert.equal(ev('${inputs.text.length}', 'é😀中'), 3);
    assert.equal(ev('${length(inputs.text)}', '😀'.repeat(1000)), 1000);
    assert.equal(ev('${length(inputs.text)}', 'plain'), 5);
    // A lone surrogate (not a pair) is one character, as it is one unit.
    assert.equal(ev('${length(inputs.text)}', 'a\ud83d'), 2);
  });

  it('an index picks a whole character, from the end too', () => {
    assert.equal(ev('${inputs.text[1]}', 'é😀中'), '😀');
    assert.equal(ev('${inputs.text[2]}', 'é😀中'), '中');
    assert.equal(ev('${inputs.text[-2]}', 'é😀中'), '😀');
    assert.equal(ev('${inputs.text[3]}', 'é😀中'), null);
    assert.equal(ev('${inputs.text[0]}', 'abc'), 'a');
  });
});
