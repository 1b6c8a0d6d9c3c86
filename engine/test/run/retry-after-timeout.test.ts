// A retry after a timeout waits for what is left of the timed-out attempt: a shell that ignores
// SIGTERM runs until its group gets SIGKILL (two seconds later), and the next attempt of the same
// step must not run beside it (both would write the same files, hold the same port or lock).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunHandle } from '../../src/run/index.js';
import { finished, run } from './helpers.js';

test('the attempt after a timeout starts only once the timed-out attempt has ended, even if it ignores SIGTERM', async () => {
  // The first attempt writes its shell's pid and ignores SIGTERM; the second checks that it is gone.
  const yaml = `steps:
  - id: stubborn
    timeout: 2s
    retries: { max: 1, delay: 10ms, backoff: fixed }
    shell: |
      if [ -e first.pid ]; then
        if kill -0 "$(cat first.pid)" 2>/dev/null; then echo "attempt 1 still running" >&2; exit 9; fi
        echo clean
        exit 0
      fi
      trap '' TERM
      echo $$ > first.pid
      sleep 30
`;
  const { events, fin } = await run(yaml);
  const step = finished(events, 'stubborn');
  assert.equal(step.status, 'succeeded', JSON.stringify(step));
  assert.equal(step.output, 'clean');
  assert.equal(step.attempts, 2);
  assert.equal(fin.status, 'succeeded');
  const retrying = events.find((e) => e.type === 'step.retrying');
  assert.equal(retrying && retrying.type === 'step.retrying' && retrying.error, 'timed out after 2s');
});

test('a run cancelled while a retry waits for the timed-out attempt to end is cancelled, with no third attempt', async () => {
  const yaml = `steps:
  - id: stubborn
    timeout: 1s
    retries: { max: 1, delay: 10ms, backoff: fixed }
    shell: trap '' TERM; sleep 30
`;
  let cancelled = false;
  let handle: RunHandle | undefined;
  const { events, fin } = await run(yaml, {
    onEvent: (e) => {
      if (e.type === 'step.retrying' && !cancelled) {
        cancelled = true;
        // After the retry's delay, while attempt 1 still ignores SIGTERM.
        setTimeout(() => void handle?.cancel(), 100);
      }
    },
    onHandle: (h) => (handle = h),
  });
  assert.equal(fin.status, 'cancelled');
  assert.equal(events.filter((e) => e.type === 'step.started').length, 1, 'no second attempt after the cancel');
  assert.equal(finished(events, 'stubborn').status, 'cancelled');
});
