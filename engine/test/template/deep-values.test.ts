// Templates over values nested too deeply for JavaScript's recursion: `fromJson` reads JSON of any
// depth (V8's parser does not recurse), but comparing it, writing it as JSON or into text recursed
// and threw a RangeError ("Maximum call stack size exceeded") out of the evaluator. It is a Weft
// error of the step instead, saying what. Deep expressions are the parser's business (nested past
// 100 levels is template-syntax; template.test.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateEvalError } from '../../src/template/evaluate.js';
import { evaluateWith } from './evaluate-with.js';

const DEPTH = 100_000;
const deepText = '['.repeat(DEPTH) + ']'.repeat(DEPTH);
const ev = (template: string) => evaluateWith(template, { deep: deepText, shallow: '[[1]]' });

describe('values nested past what recursion holds', () => {
  for (const template of [
    '${fromJson(inputs.deep) == fromJson(inputs.deep)}',
    '${fromJson(inputs.deep) != fromJson(inputs.deep)}',
    '${contains(fromJson(inputs.deep), fromJson(inputs.deep))}',
    '${json(fromJson(inputs.deep))}',
    'text ${fromJson(inputs.deep)}',
    '${fromJson(inputs.deep) < fromJson(inputs.deep)}',
  ]) {
    it(`${template.slice(0, 40)} fails as a Weft error`, () => {
      assert.throws(() => ev(template), (e) => e instanceof TemplateEvalError && /nested too deeply/.test(e.message));
    });
  }

  it('a deep value that is only passed on or measured still works', () => {
    assert.ok(Array.isArray(ev('${fromJson(inputs.deep)}')));
    assert.equal(ev('${length(fromJson(inputs.deep))}'), 1);
    assert.equal(ev('${fromJson(inputs.shallow) == fromJson(inputs.shallow)}'), true);
  });
});
