// Template evaluation at run time (language spec section 4).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateTemplate, isTruthy, type EvalScope } from '../../src/template/evaluate.js';
import { parseTemplate } from '../../src/template/parse.js';

const scope: EvalScope = {
  step: (id) =>
    ({
      fetch: { output: { items: [1, 2, 3], name: 'x' }, status: 'succeeded', error: null, attempts: 1, durationMs: 5 },
      failed: { output: null, status: 'failed', error: 'boom', attempts: 2, durationMs: 1 },
      text: { output: '3', status: 'succeeded', error: null, attempts: 1, durationMs: 1 },
    })[id],
  inputs: { topic: 'graphs', depth: 2, flags: { on: true } },
  env: { HOME: '/home/u' },
  run: { id: 'r1', workflow: 'w', startedAt: 0 },
  variable: (name) => (name === 'file' ? { found: true, value: 'a.txt' } : name === 'index' ? { found: true, value: 4 } : { found: false, value: undefined }),
};
const ev = (s: string) => evaluateTemplate(parseTemplate(s), scope);

test('a single template keeps its type; mixed text becomes text', () => {
  assert.deepEqual(ev('${steps.fetch.output.items}'), [1, 2, 3]);
  assert.equal(ev('${inputs.depth}'), 2);
  assert.equal(ev('n=${inputs.depth} items=${steps.fetch.output.items}'), 'n=2 items=[1,2,3]');
  assert.equal(ev('[${steps.failed.output}]'), '[]');
  assert.equal(ev('cost: $${literal}'), 'cost: ${literal}');
});

test('paths, indexes, functions, operators', () => {
  assert.equal(ev('${steps.fetch.output.items[1]}'), 2);
  assert.equal(ev('${steps.fetch.output.items[0]}'), 1);
  assert.equal(ev("${steps.fetch.output['name']}"), 'x');
  assert.equal(ev('${steps.fetch.output.missing}'), null);
  assert.equal(ev('${length(steps.fetch.output.items)}'), 3);
  assert.equal(ev("${contains(steps.fetch.output.items, 2) && startsWith(inputs.topic, 'gr')}"), true);
  assert.equal(ev('${json(inputs.flags)}'), '{"on":true}');
  assert.deepEqual(ev(`\${fromJson('{"a":[1]}')}`), { a: [1] });
  assert.equal(ev('${steps.failed.status}: ${steps.failed.error}'), 'failed: boom');
  assert.equal(ev("${steps.failed.output ?? 'fallback'}"), 'fallback');
  assert.equal(ev('${steps.text.output == 3}'), true, 'numeric text compares as a number');
  assert.equal(ev('${inputs.depth > 1 && !false}'), true);
  assert.equal(ev('${file}#${index}'), 'a.txt#4');
  assert.equal(ev('${env.HOME}'), '/home/u');
  assert.equal(ev('${run.id}'), 'r1');
});

test('truthiness for if: the text "false" and empty text are false', () => {
  assert.equal(isTruthy('false'), false);
  assert.equal(isTruthy(' '), false);
  assert.equal(isTruthy('no'), true);
  assert.equal(isTruthy(0), false);
  assert.equal(isTruthy([]), true);
  assert.equal(isTruthy(null), false);
});

test('run-time errors are errors of the step', () => {
  assert.throws(() => ev("${fromJson('{bad')}"), /fromJson/);
});

test('fromJson of text that is not JSON says what and where, as parse: json does, not V8\'s words', () => {
  // V8 said `Unexpected token 'o', "notjson" is not valid JSON`: no position, the text quoted.
  assert.throws(() => ev("${fromJson('notjson')}"), { message: "fromJson: the text is not valid JSON: unexpected token 'o' at line 1, column 2 (position 1)" });
  assert.throws(() => ev(`\${fromJson('{"a": 1,}')}`), { message: 'fromJson: the text is not valid JSON: expected double-quoted property name at line 1, column 9 (position 8)' });
});
