// `==` and `<`-style comparisons at run time: text reads as a number only as JSON writes one (as an
// input's text does: not `0x10`, ` 3`, `012`, `Infinity`), infinities compare equal to themselves,
// `__proto__` is an ordinary key, and texts are ordered by code point, as `length` counts them.
// Found by the differential test against reference-evaluator.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateWith } from './evaluate-with.js';

const ev = evaluateWith;

describe('text that reads as a number', () => {
  it('is JSON number text', () => {
    assert.equal(ev("${'3' == 3}"), true);
    assert.equal(ev("${'-2.5e1' == -25}"), true);
    assert.equal(ev("${'10' > 9}"), true);
    assert.equal(ev("${'10' > '9'}"), true, 'two texts that read as numbers compare as numbers');
  });

  it('is not hex, padded, zero-led, Infinity or empty text', () => {
    for (const text of ['0x10', ' 16', '16 ', '016', '+16', '16.', 'Infinity', '', '0b10000']) {
      const n = text === 'Infinity' ? '1e400' : text === '' ? '0' : '16';
      assert.equal(ev(`\${inputs.t == ${n}}`, { t: text }), false, `'${text}' == ${n}`);
    }
    assert.equal(ev('${inputs.t < 5}', { t: '0x10' }), true, "'0x10' is compared as text with '5', not read as 16");
  });
});

describe('NaN', () => {
  it('equals nothing, itself neither, alone or inside a list or an object', () => {
    assert.equal(ev('${inputs.x == inputs.x}', { x: NaN }), false);
    assert.equal(ev('${inputs.x == inputs.x}', { x: [[NaN]] }), false, 'a list holding NaN, compared with itself');
    assert.equal(ev('${inputs.x == inputs.x}', { x: { a: NaN } }), false, 'an object holding NaN, compared with itself');
    assert.equal(ev('${inputs.x != inputs.x}', { x: [NaN] }), true);
    assert.equal(ev('${inputs.x == inputs.x}', { x: [[1], { a: 'b' }] }), true, 'without NaN a list is equal to itself');
  });
});

describe('ordering', () => {
  it('an infinity is <= and >= itself', () => {
    assert.equal(ev('${1e400 >= 1e400}'), true);
    assert.equal(ev('${-1e400 <= -1e400}'), true);
    assert.equal(ev('${inputs.x <= inputs.x}', { x: Infinity }), true);
    assert.equal(ev('${1e400 > 1e400}'), false);
    assert.equal(ev('${inputs.x >= inputs.x}', { x: NaN }), false, 'NaN is not ordered');
  });

  it('texts by code point: an emoji after every other BMP character', () => {
    assert.equal(ev('${inputs.a < inputs.b}', { a: '\uffff', b: '😀' }), true);
    assert.equal(ev('${inputs.a > inputs.b}', { a: '😀', b: '\ue000' }), true);
    assert.equal(ev("${'abc' < 'abd'}"), true);
    assert.equal(ev("${'ab' < 'abc'}"), true);
  });
});

describe('deep equality', () => {
  it('a __proto__ key is a key like any other', () => {
    assert.equal(ev(`\${fromJson('{"__proto__": {}}') == fromJson('{"x": {}}')}`), false);
    assert.equal(ev(`\${fromJson('{"__proto__": {}}') == fromJson('{"__proto__": {}}')}`), true);
    assert.equal(ev(`\${fromJson('{"a": 1, "b": [1, {"c": null}]}') == fromJson('{"b": [1, {"c": null}], "a": 1}')}`), true);
  });
});
