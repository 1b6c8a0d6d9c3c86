// Spec conformance, language.md 1 (top level, inputs): "required: false # an input with no default
// is required" — so an input declared `required: false` without a default is optional: the run
// starts without it and `${inputs.NAME}` is null (empty text inside a string), as GitHub Actions
// gives an optional workflow_dispatch input without a default as empty. run.started lists it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finished, run } from '../run/helpers.js';

test('an input with required: false and no default may be left out: it is null', async () => {
  const { events, fin } = await run(`inputs:
  opt: { type: string, required: false }
  n: { type: number, required: false }
  given: { type: number, required: false }
steps:
  - { id: a, stub: { output: "[\${inputs.opt}] \${inputs.n == null} \${inputs.given}" } }
`, { inputs: { given: '7' } });
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'a').output, '[] true 7');
  const started = events[0];
  assert.ok(started.type === 'run.started');
  assert.deepEqual(started.inputs, { opt: null, n: null, given: 7 });
});
