// Failure and time (spec 3.3): fail-fast with nothing started after the failure and no process left,
// continue-on-error, skip propagation, step and run timeouts, retries, cancel.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { test } from 'node:test';
import { alive, finished, indexOf, readPids, run, tempDir } from './helpers.js';

test('fail-fast: nothing starts after the failure, running steps are cancelled, no process survives', async () => {
  const dir = tempDir();
  const pids = path.join(dir, 'pids');
  const queued = Array.from({ length: 20 }, (_, i) => `  - id: q${i}\n    stub: { delay: 200ms }`).join('\n');
  const yaml = `config:
  maxConcurrency: 3
steps:
  - id: sleeper
    shell: 'echo $$ >> pids; sleep 30 & echo $! >> pids; wait'
  - id: boom
    shell: 'sleep 0.3; echo bad >&2; exit 3'
${queued}
  - id: after
    needs: boom
    stub: true
`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(fin.status, 'failed');
  const boom = finished(events, 'boom');
  assert.equal(boom.status, 'failed');
  assert.match(boom.error!, /exit code 3: bad/);
  const failAt = indexOf(events, 'step.finished', 'boom');
  const startsAfter = events.slice(failAt).filter((e) => e.type === 'step.started');
  assert.equal(startsAfter.length, 0);
  assert.equal(finished(events, 'sleeper').status, 'cancelled');
  assert.equal(finished(events, 'after').status, 'skipped');
  assert.ok((fin.counts.skipped ?? 0) >= 10, 'most queued steps never started');
  const ps = readPids(pids);
  assert.equal(ps.length, 2, 'the shell and its background sleep wrote their pids');
  for (const pid of ps) assert.equal(alive(pid), false, `process ${pid} is gone`);
});

test('continue-on-error: dependents run and see status, error and a null output; the run succeeds', async () => {
  const yaml = `config:
  continueOnError: true
steps:
  - id: stepA
    stub: { output: A }
  - id: stepB
    shell: exit 1
  - id: aggregate
    stub:
      output: "a=\${steps.stepA.output} b=[\${steps.stepB.output}] \${steps.stepB.status}: \${steps.stepB.error}"
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.equal(fin.counts.failed, 1);
  assert.equal(finished(events, 'aggregate').output, 'a=A b=[] failed: exit code 1');
});

test('--continue-on-error on the run, and a step-level override back to fail-fast', async () => {
  const yaml = `steps:
  - id: soft
    shell: exit 1
  - id: hard
    needs: soft
    continueOnError: false
    shell: exit 2
  - id: never
    needs: hard
    stub: true
`;
  const { events, fin } = await run(yaml, { continueOnError: true });
  assert.equal(fin.status, 'failed');
  assert.equal(finished(events, 'soft').status, 'failed');
  assert.equal(finished(events, 'hard').status, 'failed');
  assert.equal(finished(events, 'never').status, 'skipped');
});

test('skip propagation: a skipped dependency skips dependents unless they have their own if', async () => {
  const yaml = `inputs:
  enabled:
    type: boolean
    default: false
steps:
  - id: optional
    if: \${inputs.enabled}
    stub: { output: yes }
  - id: uses
    stub: { output: "\${steps.optional.output}" }
  - id: decides
    needs: optional
    if: \${steps.optional.status == 'skipped'}
    stub: { output: fallback }
  - id: blk
    if: \${false}
    parallel:
      - id: inner
        stub: true
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'optional').status, 'skipped');
  assert.equal(finished(events, 'uses').status, 'skipped');
  assert.equal(finished(events, 'decides').status, 'succeeded');
  assert.equal(finished(events, 'blk/inner').status, 'skipped');
  assert.equal(finished(events, 'blk').status, 'skipped');
  const again = await run(yaml, { inputs: { enabled: 'true' } });
  assert.equal(finished(again.events, 'uses').output, 'yes');
  assert.equal(finished(again.events, 'decides').status, 'skipped');
});

test('timeout: the attempt is aborted, its process tree killed, and the step fails', async () => {
  const dir = tempDir();
  const yaml = `steps:
  - id: slow
    timeout: 300ms
    shell: 'echo $$ >> pids; sleep 30 & echo $! >> pids; wait'
`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(fin.status, 'failed');
  assert.equal(finished(events, 'slow').error, 'timed out after 300ms');
  for (const pid of readPids(path.join(dir, 'pids'))) assert.equal(alive(pid), false);
});

test('retries: a step that fails twice then succeeds (counter file)', async () => {
  const yaml = `steps:
  - id: flaky
    retries: { max: 3, delay: 20ms }
    shell: 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; if [ $n -lt 3 ]; then echo "try $n" >&2; exit 1; fi; echo ok'
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  const retries = events.filter((e) => e.type === 'step.retrying');
  assert.equal(retries.length, 2);
  assert.equal(retries[0].type === 'step.retrying' && retries[0].attempt, 1);
  const f = finished(events, 'flaky');
  assert.equal(f.attempts, 3);
  assert.equal(f.output, 'ok');
  assert.equal(f.error, undefined, "the failed attempts' error is cleared by the success");
  assert.deepEqual(
    events.filter((e) => e.type === 'step.started').map((e) => (e as { attempt: number }).attempt),
    [1, 2, 3],
  );
});

test('retries give up after max and timeouts are retried', async () => {
  const yaml = `steps:
  - id: always
    timeout: 100ms
    retries: { max: 1, delay: 10ms, backoff: fixed }
    shell: sleep 5
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'failed');
  const f = finished(events, 'always');
  assert.equal(f.attempts, 2);
  assert.match(f.error!, /timed out/);
});

test('run timeout cancels the run, which fails', async () => {
  const yaml = `config:
  timeout: 300ms
steps:
  - id: long
    shell: sleep 30
  - id: later
    needs: long
    stub: true
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'failed');
  assert.match(fin.error!, /run timed out after 300ms/);
  assert.equal(finished(events, 'long').status, 'cancelled');
  assert.equal(finished(events, 'later').status, 'skipped');
});

test('cancel: running steps cancelled, the rest skipped, the run cancelled, no process left', async () => {
  const dir = tempDir();
  const yaml = `steps:
  - id: a
    shell: 'echo $$ >> pids; sleep 30'
  - id: b
    needs: a
    stub: true
  - id: blk
    needs: a
    parallel:
      - id: c
        stub: true
`;
  const { events, fin } = await run(yaml, {
    dir,
    onHandle: (h, evs) => {
      const poll = setInterval(() => {
        if (evs.some((e) => e.type === 'step.log' || e.type === 'step.started')) {
          clearInterval(poll);
          setTimeout(() => h.cancel(), 100);
        }
      }, 10);
    },
  });
  assert.equal(fin.status, 'cancelled');
  assert.equal(finished(events, 'a').status, 'cancelled');
  assert.equal(finished(events, 'b').status, 'skipped');
  assert.equal(finished(events, 'blk/c').status, 'skipped');
  for (const pid of readPids(path.join(dir, 'pids'))) assert.equal(alive(pid), false);
});
