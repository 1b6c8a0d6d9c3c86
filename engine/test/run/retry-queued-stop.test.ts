// A step whose retry delay is over but that waits for a slot (the run's or a block's limit is
// full) has run and failed an attempt: when the run or its block stops then, it is `cancelled`,
// as a step still in its delay is (docs/engine.md "Failure, skips, time"), not `skipped` with the
// failed attempt's error as if it had never run. Order from the event log, no timed assertions.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { alive, cancelWhen, eventsAt as at, run, tempDir } from './helpers.js';

// `flaky` fails at once and retries after 1 ms; `hold` takes the only slot meanwhile, and says
// `ready` once it has run for 200 ms, long after the retry's delay: `flaky` is queued by then.
const workflow = (extra: string) => `config: { maxConcurrency: 1${extra} }
steps:
  - id: flaky
    retries: { max: 3, delay: 1ms }
    shell: 'exit 1'
  - id: hold
    shell: 'echo $$ > pid; sleep 0.2; echo ready; sleep 30'
`;

describe('a retry queued for a slot when the run stops', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  test('a cancel marks it cancelled, not skipped', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const { events, fin } = await run(workflow(''), { dir, ...cancelWhen((evs) => evs.some((e) => e.type === 'step.log' && e.path === 'hold' && e.text.includes('ready'))) });
    assert.equal(fin.status, 'cancelled');
    assert.equal(at(events, 'step.retrying', 'flaky').length, 1, 'flaky failed once and waited for its retry');
    assert.equal(at(events, 'step.started', 'flaky').length, 1, 'its retry never got the slot');
    const f = at(events, 'step.finished', 'flaky')[0];
    assert.equal(f.status, 'cancelled', JSON.stringify(f));
    assert.equal(f.error, 'cancelled');
    assert.equal(f.attempts, 1);
    assert.equal(at(events, 'step.finished', 'hold')[0].status, 'cancelled');
    assert.deepEqual(fin.counts, { cancelled: 2 });
    assert.equal(alive(Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8'))), false);
  });

  test("a block's timeout marks it cancelled too", { timeout: 60_000 }, async () => {
    const yaml = `config: { continueOnError: true }
steps:
  - id: blk
    timeout: 1s
    parallel:
      maxConcurrency: 1
      branches:
        a:
          - id: flaky
            retries: { max: 3, delay: 1ms }
            shell: 'exit 1'
        b:
          - id: hold
            shell: 'sleep 30'
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded', fin.error);
    assert.equal(at(events, 'step.started', 'blk/a/flaky').length, 1, 'its retry never got the block\'s slot');
    const f = at(events, 'step.finished', 'blk/a/flaky')[0];
    assert.equal(f.status, 'cancelled', JSON.stringify(f));
    assert.equal(f.error, 'cancelled: blk timed out after 1s');
    assert.equal(at(events, 'step.finished', 'blk')[0].error, 'timed out after 1s');
  });
});
