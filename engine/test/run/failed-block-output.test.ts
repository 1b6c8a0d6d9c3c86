// Spec 3.3: under continueOnError, the steps that depend on a failed step still run, and in them
// `${steps.X.output}` is null. A failed block (a foreach, a parallel block, a workflow step) gave
// what its steps had made instead: a foreach `[null, "ok2", "ok3"]`, a workflow step its child's
// outputs. Its steps' own outputs are still in the record, each under its own path.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

test("a failed block's output is null to the steps after it, as a failed step's is", { timeout: 30_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), [
    'outputs: { made: "${steps.ok.output}" }',
    'steps:',
    '  - { id: ok, stub: { output: child-made } }',
    '  - { id: bad, shell: exit 4, needs: ok }',
    '',
  ].join('\n'));
  const r = await run([
    'steps:',
    '  - id: each',
    '    continueOnError: true',
    '    foreach:',
    '      items: [1, 2, 3]',
    '      steps:',
    "        - { id: s, shell: 'test ${item} != 1 && echo ok${item}' }",
    '  - id: par',
    '    continueOnError: true',
    '    parallel:',
    '      - { id: good, stub: { output: G } }',
    '      - { id: broken, shell: exit 2 }',
    '  - id: call',
    '    continueOnError: true',
    '    workflow: { path: child.weft.yaml }',
    '  - id: after',
    '    stub: { output: "each=${steps.each.output} par=${steps.par.output} call=${steps.call.output} ${steps.each.status}" }',
    '',
  ].join('\n'), { dir });
  assert.equal(r.fin.status, 'succeeded');
  for (const id of ['each', 'par', 'call']) assert.equal(finished(r.events, id)?.status, 'failed', id);
  assert.equal(finished(r.events, 'after')?.output, 'each= par= call= failed');
  // What the block's steps made is kept, each under its own path.
  assert.equal(finished(r.events, 'each/1/s')?.output, 'ok2');
  assert.equal(finished(r.events, 'par/good')?.output, 'G');
});
