// The inputs a `workflow` step gives the file it calls (run/workflow-frame.ts coerceInputs). Text is
// converted to the declared type, as `--input` is; a typed value (the whole template
// `${steps.x.output}` keeps its type) must already have it, as GitHub Actions checks a reusable
// workflow's typed inputs. A value of the wrong type used to be handed to the child unchecked: an
// object given for a number reached `$(( ${inputs.n} * 2 ))` in the child's shell. A dry run has
// no outputs or items, only placeholders (`<steps.x.output>`), which pass the types: it used to
// fail every call whose number input came from a step or a foreach item.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

const CHILD = 'inputs:\n  n: { type: number }\n  tags: { type: array, default: [] }\n  opts: { type: object, default: {} }\nsteps:\n  - id: double\n    shell: echo $(( ${inputs.n} * 2 ))\n';

function withChild(): string {
  const dir = tempDir('weft-wf-inputs-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), CHILD);
  return dir;
}

test('a typed value of the wrong type fails the workflow step before the child runs', async () => {
  const dir = withChild();
  const yaml = [
    'config: { continueOnError: true }',
    'steps:',
    '  - id: src',
    '    stub: { output: { a: 1, list: [1, 2] } }',
    '  - id: obj_for_number',
    '    workflow: { path: ./child.weft.yaml, inputs: { n: "${steps.src.output}" } }',
    '  - id: list_for_object',
    '    workflow: { path: ./child.weft.yaml, inputs: { n: 1, opts: "${steps.src.output.list}" } }',
    '  - id: object_for_list',
    '    workflow: { path: ./child.weft.yaml, inputs: { n: 1, tags: "${steps.src.output}" } }',
    '  - id: text_for_number',
    '    workflow: { path: ./child.weft.yaml, inputs: { n: "x${steps.src.output.a}" } }',
    '  - id: good',
    '    workflow: { path: ./child.weft.yaml, inputs: { n: "${steps.src.output.a}", tags: "${steps.src.output.list}", opts: "${steps.src.output}" } }',
    '',
  ].join('\n');
  const r = await run(yaml, { dir });
  assert.equal(finished(r.events, 'obj_for_number').error, "input 'n' must be a number, got an object");
  assert.equal(finished(r.events, 'list_for_object').error, "input 'opts' must be an object, got an array");
  assert.equal(finished(r.events, 'object_for_list').error, "input 'tags' must be an array, got an object");
  assert.equal(finished(r.events, 'text_for_number').error, "input 'n' must be a number (as JSON writes one: 16, -2, 0.5, 1e3), got 'x1'");
  for (const p of ['obj_for_number', 'list_for_object', 'object_for_list', 'text_for_number']) {
    assert.equal(finished(r.events, p).status, 'failed', p);
    assert.ok(!r.events.some((e) => e.type === 'step.started' && e.path === `${p}/double`), `${p}'s child never ran a step`);
  }
  assert.equal(finished(r.events, 'good').status, 'succeeded');
  assert.equal(finished(r.events, 'good/double').output, '2');
});

test('--input text: a number must be finite, an object must not be an array', async () => {
  const dir = withChild();
  const file = path.join(dir, 'child.weft.yaml');
  const { startRun, InputError } = await import('../../src/run/index.js');
  await assert.rejects(startRun({ file, inputs: { n: 'Infinity' }, runsDir: path.join(dir, 'runs') }), (e) => e instanceof InputError && /must be a number \(as JSON writes one: 16, -2, 0.5, 1e3\), got 'Infinity'/.test(e.message));
  await assert.rejects(startRun({ file, inputs: { n: '1', opts: '[1]' }, runsDir: path.join(dir, 'runs') }), (e) => e instanceof InputError && /'opts' must be JSON object, got '\[1\]'$/.test(e.message));
});

test('a dry run passes placeholders for outputs and foreach items into typed inputs', async () => {
  const dir = withChild();
  const yaml = [
    'steps:',
    '  - id: src',
    '    shell: echo 3',
    '  - id: call',
    '    workflow: { path: ./child.weft.yaml, inputs: { n: "${steps.src.output}" } }',
    '  - id: each',
    '    foreach:',
    '      items: ${steps.src.output}',
    '      steps:',
    '        - id: inner',
    '          workflow: { path: ./child.weft.yaml, inputs: { n: "${item}" } }',
    '',
  ].join('\n');
  const r = await run(yaml, { dir, dryRun: true });
  assert.equal(r.fin.status, 'succeeded', JSON.stringify(r.fin));
  assert.equal(finished(r.events, 'call/double').status, 'skipped');
  assert.equal(finished(r.events, 'each/0/inner/double').status, 'skipped');
});

test('a default is converted to its input\'s type as a given value is: text that spells a number is the number', async () => {
  const yaml = [
    'inputs:',
    '  ratio: { type: number, default: "0.5" }',
    '  on: { type: boolean, default: "true" }',
    '  tags: { type: array, default: "[1, 2]" }',
    '  version: { type: string, default: 2 }',
    'steps:',
    '  - id: types',
    '    stub: { output: { ratio: "${inputs.ratio}", on: "${inputs.on}", tags: "${inputs.tags}", version: "${inputs.version}" } }',
    '',
  ].join('\n');
  const r = await run(yaml);
  assert.equal(r.fin.status, 'succeeded');
  // Used to be the text as written: "0.5", "true", "[1, 2]", and the number 2 for a string input.
  assert.deepEqual(JSON.parse(String(finished(r.events, 'types').output)), { ratio: 0.5, on: true, tags: [1, 2], version: '2' });
});
