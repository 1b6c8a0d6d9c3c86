// The status of a started block when the run stops (fail-fast, cancel) while steps inside it are
// still open: `failed` when the failure that stops the run is inside it (a failure propagated to
// it), even though the stop cancelled other steps inside it, as Argo fails the DAG whose task failed
// and GitHub Actions the run whose matrix job failed (the other jobs cancelled); else `cancelled`
// (a cancel, a failure outside it). Until the twenty-sixth session a block with a cancelled step
// inside was `cancelled` whatever stopped it, so the branch or foreach that failed the run read as
// stopped by something else. Before, every started block was `cancelled`, so
// the block holding the failure read `failed` when the failing step was its last open step and
// `cancelled` when a step after it was still pending: `a` then `b: needs a` made the block look
// stopped by something else. Statuses from the event log, no timed assertions.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { cancelWhen, eventsAt as at, finished, run, tempDir } from './helpers.js';

describe('a started block when the run stops', () => {
  test('the block holding the failure is failed whether or not a step after the failing one was pending', { timeout: 30_000 }, async () => {
    const body = (after: string) => `steps:
  - id: blk
    parallel:
      branches:
        x:
          - id: a
            shell: 'exit 1'
${after}  - id: other
    stub: { output: o, delay: 30s }
`;
    const alone = await run(body(''));
    assert.equal(finished(alone.events, 'blk').status, 'failed', 'the failing step was its last open step');
    const { events, fin } = await run(body(`          - id: b
            needs: a
            stub: true
`));
    assert.equal(fin.status, 'failed');
    assert.equal(fin.error, 'blk/x/a failed: exit code 1');
    assert.equal(finished(events, 'blk/x/b').status, 'skipped');
    const blk = finished(events, 'blk');
    assert.equal(blk.status, 'failed', JSON.stringify(blk));
    assert.equal(blk.error, '1 step failed');
    assert.equal(blk.output, undefined, "a failed block's output is null: no preview");
    assert.equal(finished(events, 'other').status, 'cancelled', 'a block outside is stopped as before');
    assert.deepEqual(fin.counts, { failed: 1, skipped: 1, cancelled: 1 }, 'the block is not counted: its step failed');
  });

  test('a called workflow in a foreach: the failing call fails, and so does the foreach, though the stop cancelled its other iterations', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'child.weft.yaml'), `inputs: { x: { type: number } }
steps:
  - id: c1
    shell: 'if [ \${inputs.x} = 2 ]; then exit 9; fi; sleep 30'
  - id: c2
    stub: { output: "\${steps.c1.output}" }
`);
    const { events, fin } = await run(`steps:
  - id: each
    foreach:
      items: [1, 2, 3]
      steps:
        - id: call
          workflow: { path: ./child.weft.yaml, inputs: { x: "\${item}" } }
`, { dir });
    assert.equal(fin.error, 'each/1/call/c1 failed: exit code 9');
    assert.equal(finished(events, 'each/1/call/c2').status, 'skipped');
    assert.equal(finished(events, 'each/1/call').status, 'failed');
    for (const i of [0, 2]) {
      assert.equal(finished(events, `each/${i}/call/c1`).status, 'cancelled');
      assert.equal(finished(events, `each/${i}/call`).status, 'cancelled');
    }
    const each = finished(events, 'each');
    assert.equal(each.status, 'failed', 'the failure that stopped the run is inside it');
    assert.equal(each.error, '1 step failed');
    assert.equal(at(events, 'step.finished', 'each').length, 1);
    assert.deepEqual(fin.counts, { failed: 1, skipped: 3, cancelled: 2 }, 'blocks are not counted: a step inside failed');
  });

  test('nested branches: every block around the failing step fails, a sibling block that was only stopped is cancelled', { timeout: 30_000 }, async () => {
    const { events, fin } = await run(`steps:
  - id: outer
    parallel:
      branches:
        left:
          - id: inner
            parallel:
              branches:
                bad: [ { id: boom, shell: 'sleep 0.2; exit 4' } ]
                slow: [ { id: wait, stub: { output: w, delay: 30s } } ]
        right:
          - id: side
            parallel: [ { id: nap, stub: { output: n, delay: 30s } } ]
`);
    assert.equal(fin.error, 'outer/left/inner/bad/boom failed: exit code 4');
    assert.equal(finished(events, 'outer/left/inner/slow/wait').status, 'cancelled');
    assert.equal(finished(events, 'outer/right/side/nap').status, 'cancelled');
    for (const p of ['outer/left/inner', 'outer']) {
      const b = finished(events, p);
      assert.deepEqual([b.status, b.error], ['failed', '1 step failed'], p);
    }
    assert.deepEqual([finished(events, 'outer/right/side').status, finished(events, 'outer/right/side').error], ['cancelled', 'cancelled']);
  });

  test('a cancel is a cancel: the block that holds a failure the run went on past, and a step the cancel stopped, is cancelled', { timeout: 30_000 }, async () => {
    const { events, fin } = await run(`config: { continueOnError: true }
steps:
  - id: blk
    parallel:
      branches:
        x: [ { id: bad, shell: 'exit 2' } ]
        y: [ { id: slow, stub: { output: s, delay: 30s } } ]
`, cancelWhen((evs) => evs.some((e) => e.type === 'step.finished' && e.path === 'blk/x/bad') && evs.some((e) => e.type === 'step.started' && e.path === 'blk/y/slow')));
    assert.equal(fin.status, 'cancelled');
    assert.equal(finished(events, 'blk/x/bad').status, 'failed');
    assert.equal(finished(events, 'blk/y/slow').status, 'cancelled');
    assert.deepEqual([finished(events, 'blk').status, finished(events, 'blk').error], ['cancelled', 'cancelled']);
  });

  test('a block stopped by a failure outside it, its steps succeeded or pending, is cancelled', { timeout: 30_000 }, async () => {
    const { events, fin } = await run(`steps:
  - id: slow
    stub: { output: s, delay: 30s }
  - id: blk
    parallel:
      branches:
        x:
          - { id: a, stub: { output: a } }
          - { id: b, stub: { output: "\${steps.slow.output}" } }
  - id: bad
    shell: 'exit 1'
`);
    assert.equal(fin.error, 'bad failed: exit code 1');
    assert.equal(finished(events, 'blk/x/a').status, 'succeeded');
    assert.equal(finished(events, 'blk/x/b').status, 'skipped');
    const blk = finished(events, 'blk');
    assert.equal(blk.status, 'cancelled', JSON.stringify(blk));
    assert.equal(blk.error, 'cancelled');
  });
});
