// A block waiting to retry (block-retry.ts) when the run stops, and what a retry must give back:
// a cancel or a fail-fast elsewhere during the backoff delay ends the run at once (the delays here
// are a minute, the tests' time limits less, so a run that waited for them fails its test), the
// block `cancelled` after one attempt and no process of it left; slots are free between attempts
// (maxConcurrency 1 would hang on a leaked one); `--resume` after a retried block reuses what its
// last attempt wrote, and the recorded durations are its steps' last runs. Asserted from the event
// log and /proc, never from times.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseWorkflow } from '../../src/model/parse.js';
import { previousDurations } from '../../src/run/history.js';
import { alive, cancelWhen, eventsAt as at, FLAKY, lastFinished as last, peak, readPids, run, tempDir } from './helpers.js';

describe('block retries and stops', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  test('a cancel during the retry delay ends the run at once: the block cancelled, no process left', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const yaml = `steps:
  - id: par
    retries: { max: 2, delay: 60s }
    parallel:
      - id: flaky
        shell: 'until [ -f pids ]; do sleep 0.02; done; exit 3'
      - id: sleeper
        shell: 'sleep 30 & echo $$ $! > pids.tmp; mv pids.tmp pids; wait'
  - id: after
    needs: par
    stub: true
`;
    const { events, fin } = await run(yaml, { dir, ...cancelWhen((evs) => evs.some((e) => e.type === 'step.retrying' && e.path === 'par')) });
    assert.equal(fin.status, 'cancelled');
    const par = last(events, 'par');
    assert.equal(par.status, 'cancelled');
    assert.equal(par.attempts, 1);
    assert.equal(at(events, 'step.started', 'par').length, 1, 'no second attempt');
    assert.equal(last(events, 'par/sleeper').status, 'cancelled');
    assert.equal(last(events, 'after').status, 'skipped');
    const ps = readPids(path.join(dir, 'pids'));
    assert.equal(ps.length, 2);
    for (const pid of ps) assert.equal(alive(pid), false, `process ${pid} is gone`);
    assert.deepEqual(fin.counts, { failed: 1, cancelled: 1, skipped: 1 });
  });

  test('a fail-fast elsewhere while the block waits to retry stops the run and cancels the block', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const yaml = `steps:
  - id: par
    retries: { max: 2, delay: 60s }
    parallel:
      - id: flaky
        shell: exit 3
  - id: outside
    shell: 'until [ -f go ]; do sleep 0.02; done; exit 5'
`;
    const { events, fin } = await run(yaml, {
      dir,
      onEvent: (e) => {
        if (e.type === 'step.retrying' && e.path === 'par') fs.writeFileSync(path.join(dir, 'go'), '');
      },
    });
    assert.equal(fin.status, 'failed');
    assert.equal(fin.error, 'outside failed: exit code 5', 'the block waiting to retry did not stop the run');
    const par = last(events, 'par');
    assert.equal(par.status, 'cancelled');
    assert.equal(par.attempts, 1);
    assert.equal(at(events, 'step.started', 'par').length, 1);
    assert.ok(events.indexOf(at(events, 'step.retrying', 'par')[0]) < events.indexOf(last(events, 'outside')));
  });

  test('slots are given back between attempts: maxConcurrency 1 in the run and the block', { timeout: 30_000 }, async () => {
    const yaml = `config:
  maxConcurrency: 1
steps:
  - id: par
    retries: { max: 2, delay: 10ms }
    parallel:
      maxConcurrency: 1
      branches:
        a:
          - id: flaky
            shell: ${FLAKY}
        b:
          - id: other
            shell: echo other
          - id: then
            needs: other
            shell: echo then
  - id: free
    shell: echo free
  - id: after
    needs: par
    shell: echo after
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded', fin.error);
    assert.equal(last(events, 'par').attempts, 2);
    assert.equal(peak(events), 1, 'one step at a time');
    for (const p of ['par/a/flaky', 'par/b/other', 'par/b/then', 'free', 'after']) assert.equal(last(events, p).status, 'succeeded', p);
  });

  test('--resume after a retried block reuses what its last attempt wrote', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const yaml = `steps:
  - id: par
    retries: { max: 1, delay: 10ms }
    parallel:
      branches:
        a:
          - id: count
            shell: 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo run$n'
          - id: flaky
            needs: count
            shell: ${FLAKY}
  - id: after
    needs: par
    shell: '[ -f fixed ] && echo "\${steps.par.output.a}"'
`;
    const first = await run(yaml, { dir });
    assert.equal(first.fin.status, 'failed');
    assert.equal(last(first.events, 'par').status, 'succeeded');
    assert.equal(last(first.events, 'par').attempts, 2);
    assert.equal(last(first.events, 'par/a/count').output, 'run2');
    fs.writeFileSync(path.join(dir, 'fixed'), '');
    const second = await run(yaml, { dir, resume: 'last' });
    assert.equal(second.fin.status, 'succeeded', second.fin.error);
    const count = last(second.events, 'par/a/count');
    assert.equal(count.reused, true);
    assert.equal(count.output, 'run2', "the last attempt's output");
    assert.equal(last(second.events, 'par/a/flaky').reused, true);
    assert.equal(last(second.events, 'par').attempts, 1);
    assert.equal(last(second.events, 'after').output, 'ok');
    assert.equal(fs.readFileSync(path.join(dir, 'count'), 'utf8').trim(), '2', 'nothing reused ran again');
  });

  test("the recorded durations of a retried block's steps are those of their last run", { timeout: 30_000 }, async () => {
    const yaml = `steps:
  - id: par
    retries: { max: 1, delay: 10ms }
    parallel:
      branches:
        a:
          - id: count
            shell: '[ -f marker ] || sleep 0.2; echo counted'
          - id: flaky
            needs: count
            shell: ${FLAKY}
`;
    const { events, fin, file, runsDir } = await run(yaml);
    assert.equal(fin.status, 'succeeded', fin.error);
    assert.equal(at(events, 'step.finished', 'par/a/count').length, 2);
    const d = await previousDurations(runsDir, parseWorkflow(fs.readFileSync(file, 'utf8'), file));
    assert.equal(d?.get('par/a/count'), last(events, 'par/a/count').durationMs, 'its last run, not the mean of both');
    assert.equal(d?.get('par/a/flaky'), last(events, 'par/a/flaky').durationMs);
  });
});
