// run.finished.counts (steps per status, interfaces spec) counts leaf steps, so a run failed by a
// block that failed by itself (a foreach whose items are not a list, a sub-workflow given a bad
// input, a block's timeout) ended `failed` with no failed step counted: `1 succeeded, 1 skipped`.
// Such a block now counts as one failed step, as its parent block's error already counted it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { run, tempDir } from './helpers.js';

test('a block that failed by itself counts as one failed step', { timeout: 30_000 }, async () => {
  const r = await run('steps:\n  - { id: a, stub: { output: 5 } }\n  - id: fe\n    foreach: { items: "${steps.a.output}", steps: [ { id: s, stub: true } ] }\n');
  assert.equal(r.fin.status, 'failed');
  assert.deepEqual(r.fin.counts, { succeeded: 1, skipped: 1, failed: 1 });
});

test('under continueOnError, a workflow step given a bad input and a timed-out block count as failed', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), 'inputs: { n: { type: number } }\nsteps:\n  - { id: c, stub: true }\n');
  const r = await run(
    'config: { continueOnError: true }\nsteps:\n  - { id: a, stub: { output: text } }\n  - { id: call, workflow: { path: child.weft.yaml, inputs: { n: "${steps.a.output}" } } }\n  - id: blk\n    timeout: 200ms\n    parallel: [ { id: slow, shell: sleep 5 } ]\n',
    { dir },
  );
  assert.equal(r.fin.status, 'succeeded');
  assert.deepEqual(r.fin.counts, { succeeded: 1, skipped: 1, cancelled: 1, failed: 2 });
});

test('a block whose failed step failed it is not counted again', { timeout: 30_000 }, async () => {
  const r = await run('steps:\n  - id: p\n    parallel:\n      - { id: bad, shell: exit 3 }\n      - { id: ok, stub: true }\n');
  assert.equal(r.fin.status, 'failed');
  assert.deepEqual(r.fin.counts, { failed: 1, succeeded: 1 });
});
