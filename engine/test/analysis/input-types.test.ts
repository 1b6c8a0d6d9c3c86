// The analyser's check of literal `workflow` inputs agrees with the run's (coerceInputs): over a table
// of values for every declared type, validate refuses exactly what the run refuses, in the run's words.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { literalInputProblem } from '../../src/analysis/input-types.js';
import type { InputDecl } from '../../src/model/types.js';
import { coerceInputs } from '../../src/run/workflow-frame.js';

const TYPES: InputDecl['type'][] = ['string', 'number', 'boolean', 'object', 'array'];
const VALUES: unknown[] = [
  null, 0, 5, -2.5, NaN, Infinity, true, false,
  '', ' ', 'abc', '5', '-2', '0.5', ' 2.5 ', '0x10', '.5', '+1', '1.', '012', '-0', '1e3', '1E-2', '1e999', 'Infinity',
  'true', 'false', 'True', 'YES', 'no', '1', '0', 'on', 'off', 'maybe',
  '{"a": 1}', '[1, 2]', '{', 'null', '"x"',
  [], [1, 2], ['${steps.a.output}'], {}, { a: 1 }, { t: '${steps.a.output}' },
];

const decl = (type: InputDecl['type']): InputDecl => ({ name: 'n', nameRange: { start: 0, end: 0 }, type, required: true });

/** The run's answer: undefined when it takes the value, else its message. */
function runProblem(type: InputDecl['type'], value: unknown): string | undefined {
  try {
    coerceInputs([decl(type)], { n: value });
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

describe('literal workflow inputs: validate agrees with the run', () => {
  for (const type of TYPES) {
    it(`a ${type} input`, () => {
      for (const value of VALUES) {
        const run = runProblem(type, value);
        const problem = literalInputProblem(decl(type), value);
        const shown = JSON.stringify(value) ?? String(value);
        assert.equal(problem !== undefined, run !== undefined, `${shown}: validate says ${problem}, the run says ${run}`);
        // The same words, except that the run's JSON shows an infinite number as null (NaN never comes from YAML).
        if (run && !(typeof value === 'number' && !Number.isFinite(value))) assert.equal(`input 'n' ${problem}`, run, shown);
      }
    });
  }

  it('a value holding a template is not known before the run', () => {
    for (const type of TYPES) {
      assert.equal(literalInputProblem(decl(type), '${steps.a.output}'), undefined);
      assert.equal(literalInputProblem(decl(type), 'n-${steps.a.output}'), undefined);
    }
  });
});
