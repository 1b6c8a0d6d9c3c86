// The analyser's check of literal `workflow` inputs (literalInputProblem) and the run's conversion of
// inputs (coerceInputs) share one rule, inputValueProblem: over a table of values for every declared
// type, the run refuses exactly what the rule refuses, with the rule's message after `input 'n' `, and
// what it takes it converts to a value of the declared type, one the rule takes again as it is. A
// few messages are pinned word for word, so that a change to the shared words is a visible change.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { inputValueProblem, literalInputProblem } from '../../src/analysis/input-types.js';
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

/** The run's answer: its message when it refuses the value, else the value it converted it to. */
function runOf(type: InputDecl['type'], value: unknown): { error: string } | { value: unknown } {
  try {
    return { value: coerceInputs([decl(type)], { n: value }).n };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** What a value the rule takes becomes: text is read as JSON reads it, a typed value stays (as text for a string input). */
function converted(type: InputDecl['type'], value: unknown): unknown {
  if (value === null) return null;
  if (type === 'string') return String(value);
  return typeof value === 'string' ? JSON.parse(value) : value;
}

describe('literal workflow inputs: validate and the run share one rule', () => {
  for (const type of TYPES) {
    it(`a ${type} input`, () => {
      for (const value of VALUES) {
        const run = runOf(type, value);
        const problem = literalInputProblem(decl(type), value);
        const shown = JSON.stringify(value) ?? String(value);
        if (problem !== undefined) {
          assert.deepEqual(run, { error: `input 'n' ${problem}` }, shown);
          continue;
        }
        assert.ok('value' in run, `${shown}: validate takes it, the run says ${'error' in run ? run.error : ''}`);
        assert.deepEqual(run.value, converted(type, value), shown);
        if (run.value !== null) assert.equal(inputValueProblem(decl(type), run.value), undefined, `${shown} converted`);
      }
    });
  }

  it('says the same words as before the rules were shared', () => {
    const cases: [InputDecl['type'], unknown, string][] = [
      ['number', '0x10', "input 'n' must be a number (as JSON writes one: 16, -2, 0.5, 1e3), got '0x10'"],
      ['boolean', 'yes', "input 'n' must be a boolean (true or false), got 'yes'"],
      ['array', '{', "input 'n' must be JSON array, got '{'"],
      // The text is named, cut after 60 characters.
      ['object', `[${'1,'.repeat(40)}1]`, `input 'n' must be JSON object, got '[${'1,'.repeat(29)}1...'`],
      ['object', [1], "input 'n' must be an object, got an array"],
      ['string', { a: 1 }, "input 'n' must be a string, got an object"],
      ['boolean', 1, "input 'n' must be a boolean, got number 1"],
      // YAML's .inf: the rule names it; the run's own copy said `number null` (JSON's word for it).
      ['number', Infinity, "input 'n' must be a number, got number Infinity"],
    ];
    for (const [type, value, message] of cases) assert.deepEqual(runOf(type, value), { error: message }, message);
  });

  it('a value holding a template is not known before the run', () => {
    for (const type of TYPES) {
      assert.equal(literalInputProblem(decl(type), '${steps.a.output}'), undefined);
      assert.equal(literalInputProblem(decl(type), 'n-${steps.a.output}'), undefined);
    }
  });
});
