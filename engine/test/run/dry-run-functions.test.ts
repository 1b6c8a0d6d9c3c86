// A dry run of a valid workflow must not fail. `fromJson` of a step's output (`items:
// ${fromJson(steps.list.output)}`, a common foreach) was given the placeholder text
// `<steps.list.output>`, which is no JSON: the step failed before it started and the dry run ended
// `failed`. A field of a placeholder was null (`${steps.a.output.name}` showed nothing). A function
// given a placeholder, and a field of one, are now placeholders themselves, which show where the
// value comes from; a foreach over one has one symbolic item, as over a step's output.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finished, run } from './helpers.js';

test('a dry run: functions and fields of values it does not have are placeholders, not failures', async () => {
  const r = await run(
    [
      'steps:',
      `  - { id: a, shell: 'echo "{\\"name\\": \\"x\\"}"' }`,
      "  - { id: b, shell: 'echo ${length(fromJson(steps.a.output))} ${steps.a.output.name} ${steps.a.output[0]}' }",
      '  - { id: c, stub: { output: "${json(steps.a.output)}" } }',
      '  - id: d',
      '    foreach:',
      '      items: ${fromJson(steps.a.output)}',
      '      steps: [ { id: e, stub: { output: "${item.name}" } } ]',
      '',
    ].join('\n'),
    { dryRun: true },
  );
  assert.equal(r.fin.status, 'succeeded', r.fin.error);
  assert.equal(finished(r.events, 'b').status, 'skipped');
  assert.equal(finished(r.events, 'b').output, 'echo <length(fromJson(steps.a.output))> <steps.a.output.name> <steps.a.output[0]>');
  // A dry-skipped step shows its configuration, templates evaluated.
  assert.equal(finished(r.events, 'c').output, '{"output":"<json(steps.a.output)>"}');
  assert.equal(finished(r.events, 'd/0/e').output, '{"output":"<item of <fromJson(steps.a.output)>.name>"}');
});
