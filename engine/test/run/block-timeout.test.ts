// A block's `timeout` (spec 2: every step may have one, blocks included; 3.3: the attempt is
// aborted and fails with 'timed out after <duration>'): the steps inside the block are stopped as
// fail-fast stops a run's, the block fails, and the usual failure rules apply to it. Asserted from
// the event log and /proc, never from times.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { alive, finished, indexOf, readPids, run, tempDir } from './helpers.js';

describe('block timeout', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  test('a parallel block times out: its sleeper is cancelled and killed, its queued step skipped, the block fails; outside steps go on under continueOnError', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const yaml = `steps:
  - id: par
    timeout: 1s
    continueOnError: true
    parallel:
      maxConcurrency: 2
      branches:
        slow:
          - id: sleeper
            shell: 'echo $$ >> pids; sleep 30 & echo $! >> pids; wait'
          - id: after_sleeper
            needs: sleeper
            stub: true
        quick:
          - id: fast
            stub: { output: ok }
        queued:
          - id: waits
            shell: 'sleep 30'
  - id: outside
    shell: 'sleep 1.5; echo outside'
  - id: uses
    needs: par
    stub: { output: "\${steps.par.status}: \${steps.par.error}" }
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'succeeded', 'the block tolerated its own failure');
    const par = finished(events, 'par');
    assert.equal(par.status, 'failed');
    assert.equal(par.error, 'timed out after 1s');
    const sleeper = finished(events, 'par/slow/sleeper');
    assert.equal(sleeper.status, 'cancelled');
    assert.equal(sleeper.error, 'cancelled: par timed out after 1s');
    assert.equal(finished(events, 'par/slow/after_sleeper').status, 'skipped');
    assert.equal(finished(events, 'par/quick/fast').status, 'succeeded');
    // maxConcurrency 2: sleeper and waits ran (fast is a stub and took no time), or waits was parked.
    const waits = finished(events, 'par/queued/waits');
    assert.ok(waits.status === 'cancelled' || waits.status === 'skipped', waits.status);
    assert.ok(indexOf(events, 'step.finished', 'par/slow/sleeper') < indexOf(events, 'step.finished', 'par'), 'children end before the block');
    const outside = finished(events, 'outside');
    assert.equal(outside.status, 'succeeded', 'a step outside the block is not touched by its timeout');
    assert.equal(outside.output, 'outside');
    assert.equal(finished(events, 'uses').output, 'failed: timed out after 1s');
    const ps = readPids(path.join(dir, 'pids'));
    assert.equal(ps.length, 2, 'the shell and its background sleep wrote their pids');
    for (const pid of ps) assert.equal(alive(pid), false, `process ${pid} is gone`);
  });

  test('fail-fast: a block that times out fails the run; a foreach with a templated timeout; nested blocks are cancelled', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const yaml = `inputs:
  t: 500ms
steps:
  - id: each
    timeout: \${inputs.t}
    foreach:
      items: [a, b]
      steps:
        - id: inner
          parallel:
            - id: nap
              shell: 'echo $$ >> pids; exec sleep 30'
        - id: next
          needs: inner
          stub: true
  - id: outside
    shell: 'sleep 30'
  - id: later
    needs: each
    stub: true
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'failed');
    assert.equal(fin.error, 'each failed: timed out after 500ms');
    assert.equal(finished(events, 'each').error, 'timed out after 500ms');
    for (const i of [0, 1]) {
      assert.equal(finished(events, `each/${i}/inner/nap`).status, 'cancelled');
      assert.equal(finished(events, `each/${i}/inner`).status, 'cancelled');
      assert.equal(finished(events, `each/${i}/next`).status, 'skipped');
    }
    assert.equal(finished(events, 'outside').status, 'cancelled', 'fail-fast then stops the run');
    assert.equal(finished(events, 'later').status, 'skipped');
    const ps = readPids(path.join(dir, 'pids'));
    assert.equal(ps.length, 2);
    for (const pid of ps) assert.equal(alive(pid), false, `process ${pid} is gone`);
  });

  test('a block that ends before its timeout is not touched by it; a workflow step times out too', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const fs = await import('node:fs');
    fs.writeFileSync(path.join(dir, 'child.weft.yaml'), `steps:
  - id: long
    shell: 'echo $$ >> pids; exec sleep 30'
`);
    const yaml = `config:
  continueOnError: true
steps:
  - id: quick
    timeout: 30s
    parallel:
      - id: a
        stub: { output: A }
  - id: call
    timeout: 400ms
    workflow: { path: ./child.weft.yaml }
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'succeeded');
    assert.equal(finished(events, 'quick').status, 'succeeded');
    assert.equal(finished(events, 'call').status, 'failed');
    assert.equal(finished(events, 'call').error, 'timed out after 400ms');
    assert.equal(finished(events, 'call/long').status, 'cancelled');
    for (const pid of readPids(path.join(dir, 'pids'))) assert.equal(alive(pid), false, `process ${pid} is gone`);
  });
});
