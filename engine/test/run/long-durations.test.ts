// Durations past Node's timer limit (2^31-1 ms, 24.8 days): `delay`, `timeout`, retry delays and
// `config.timeout` of 720h wait as long as they say. Node runs a longer setTimeout after 1 ms with a
// TimeoutOverflowWarning, which ended a 30-day stub at once, failed a run with a 30-day timeout as it
// started, and turned a step's 30-day timeout into a timer re-armed every millisecond.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { later, MAX_TIMER_MS } from '../../src/run/long-timer.js';
import { finished, run, sleep } from './helpers.js';

test('720h delays, timeouts and retry delays wait; nothing overflows Node\'s timers', { timeout: 30_000 }, async () => {
  const warnings: string[] = [];
  let poll: ReturnType<typeof setInterval> | undefined;
  const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
  process.on('warning', onWarning);
  try {
    const r = await run(
      `config:
  timeout: 720h
steps:
  - id: waits
    stub: { output: x, delay: 720h }
  - id: quick
    shell: sleep 0.3; echo done
    timeout: 720h
  - id: again
    shell: exit 1
    retries: { max: 1, delay: 720h, maxDelay: 1000h }
`,
      {
        continueOnError: true,
        // Cancel once the quick step is done and the retry is waiting: the long ones must still be waiting then.
        onHandle: (h, events) => {
          poll = setInterval(() => {
            const quick = events.some((e) => e.type === 'step.finished' && e.path === 'quick');
            const retrying = events.some((e) => e.type === 'step.retrying' && e.path === 'again');
            if (quick && retrying) {
              clearInterval(poll);
              setTimeout(() => h.cancel(), 200);
            }
          }, 20);
        },
      },
    );
    assert.equal(finished(r.events, 'quick').status, 'succeeded');
    assert.equal(finished(r.events, 'waits').status, 'cancelled', 'the 720h delay was still running when the run was cancelled');
    assert.equal(finished(r.events, 'again').status, 'cancelled', 'the 720h retry delay was still waiting');
    assert.equal(r.fin.status, 'cancelled', 'not failed by its 720h timeout');
    await sleep(50);
    assert.deepEqual(warnings.filter((w) => w.startsWith('TimeoutOverflowWarning')), []);
  } finally {
    clearInterval(poll);
    process.off('warning', onWarning);
  }
});

test('later() waits in steps of at most 2^31-1 ms, and clear() cancels it', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  let fired = 0;
  later(() => fired++, MAX_TIMER_MS * 2 + 10);
  t.mock.timers.tick(MAX_TIMER_MS);
  t.mock.timers.tick(MAX_TIMER_MS);
  assert.equal(fired, 0);
  t.mock.timers.tick(10);
  assert.equal(fired, 1);
  const cleared = later(() => fired++, MAX_TIMER_MS + 1);
  t.mock.timers.tick(MAX_TIMER_MS);
  cleared.clear();
  t.mock.timers.tick(5);
  assert.equal(fired, 1);
});
