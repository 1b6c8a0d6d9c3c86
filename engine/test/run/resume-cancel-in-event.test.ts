// `onEvent` is called synchronously, and a host may cancel the run from it (as the resume hunt's
// driver did, to interrupt a run after k events). A cancel made from a block's own step.started
// left the run hanging: the block was stopped while it was being started, was then expanded all the
// same, and `done` never resolved (found by the resume differential hunt, on a `workflow` step).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { RunHandle } from '../../src/run/index.js';
import { run, tempDir } from './helpers.js';

const BLOCKS: Record<string, string> = {
  workflow: 'workflow: { path: ./child.weft.yaml }',
  parallel: 'parallel: [ { id: a, shell: sleep 5 }, { id: b, stub: true } ]',
  foreach: 'foreach: { items: [1, 2], steps: [ { id: a, shell: sleep 5 } ] }',
};

for (const [kind, body] of Object.entries(BLOCKS)) {
  test(`a cancel from the step.started of a ${kind} block ends the run`, { timeout: 20_000 }, async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'child.weft.yaml'), 'steps:\n  - id: inner\n    shell: sleep 5\n');
    let handle: RunHandle | undefined;
    const r = await run(`steps:\n  - id: first\n    shell: echo 1\n  - id: blk\n    needs: first\n    ${body}\n  - id: after\n    needs: blk\n    stub: true\n`, {
      dir,
      onEvent: (e) => {
        // After `first` has run, the handle is there: the cancel is made inside the event.
        if (e.type === 'step.started' && e.path === 'blk') {
          assert.ok(handle, 'the run had started');
          handle.cancel();
        }
      },
      onHandle: (h) => (handle = h),
    });
    assert.equal(r.fin.status, 'cancelled');
    const blk = r.events.filter((e) => e.type === 'step.finished' && e.path === 'blk');
    assert.equal(blk.length, 1);
    assert.equal(blk[0]!.type === 'step.finished' && blk[0]!.status, 'cancelled');
    // What is inside it never ran, and is in the record as skipped, as for any stopped block.
    const inside = r.events.filter((e) => e.type === 'step.finished' && e.path.startsWith('blk/'));
    assert.ok(inside.length > 0, 'the steps inside the block are in the record');
    assert.ok(inside.every((e) => e.type === 'step.finished' && e.status === 'skipped'));
    assert.equal(r.events.filter((e) => e.type === 'step.started' && e.path.startsWith('blk/')).length, 0);
  });
}
