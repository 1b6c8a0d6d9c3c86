// Spec conformance, language.md 3.3 (retries): "`retries: N`: up to N more attempts after a failure,
// waiting `delay` (default 1s) doubled each time (`backoff: exponential`, the default) up to
// `maxDelay` (default 30s), with jitter." The delays are read from step.retrying's `delayMs` (the
// delay the engine chose), never timed; the jitter is the documented factor in [0.9, 1.1].
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cancelWhen, eventsAt, finished, run } from '../run/helpers.js';

const delays = (events: Awaited<ReturnType<typeof run>>['events'], p: string) => eventsAt(events, 'step.retrying', p).map((e) => e.delayMs);

/** True when `d` is `base` with the documented jitter (a factor in [0.9, 1.1], rounded). */
const jittered = (d: number | undefined, base: number) => d !== undefined && d >= Math.floor(base * 0.9) && d <= Math.ceil(base * 1.1);

test('the delay doubles each time by default (exponential), and every attempt is made', async () => {
  const { events, fin } = await run(`steps:\n  - { id: f, retries: { max: 3, delay: 100ms }, shell: "exit 1" }\n`);
  assert.equal(fin.status, 'failed');
  const d = delays(events, 'f');
  assert.equal(d.length, 3, 'N more attempts, N retrying events');
  [100, 200, 400].forEach((base, i) => assert.ok(jittered(d[i], base), `retry ${i + 1}: ${base}ms with jitter, got ${d[i]}`));
  assert.deepEqual(eventsAt(events, 'step.retrying', 'f').map((e) => e.attempt), [1, 2, 3]);
  assert.equal(finished(events, 'f').attempts, 4);
});

test('backoff: fixed keeps the delay; maxDelay caps the doubling', async () => {
  const { events } = await run(
    `steps:
  - { id: fixed, continueOnError: true, retries: { max: 3, delay: 100ms, backoff: fixed }, shell: "exit 1" }
  - { id: capped, continueOnError: true, retries: { max: 3, delay: 100ms, maxDelay: 150ms }, shell: "exit 1" }
`,
  );
  const f = delays(events, 'fixed');
  assert.equal(f.length, 3);
  for (const d of f) assert.ok(jittered(d, 100), `fixed: 100ms with jitter, got ${d}`);
  const c = delays(events, 'capped');
  assert.ok(jittered(c[0], 100), `first: 100ms, got ${c[0]}`);
  assert.deepEqual(c.slice(1), [150, 150], 'then 200ms and 400ms, capped at maxDelay');
});

test('retries: N with no delay waits the default 1s', async () => {
  const { events, fin } = await run(`steps:\n  - { id: f, retries: 1, shell: "exit 1" }\n`);
  assert.equal(fin.status, 'failed');
  const [d] = delays(events, 'f');
  assert.ok(jittered(d, 1000), `1s with jitter, got ${d}`);
  assert.equal(finished(events, 'f').attempts, 2);
});

test('the default maxDelay is 30s: a 40s delay waits 30s (the run is cancelled during the wait)', async () => {
  const { events, fin } = await run(
    `steps:\n  - { id: f, retries: { max: 2, delay: 40s }, shell: "exit 1" }\n`,
    cancelWhen((evs) => evs.some((e) => e.type === 'step.retrying')),
  );
  assert.deepEqual(delays(events, 'f'), [30_000]);
  assert.equal(fin.status, 'cancelled');
  assert.equal(finished(events, 'f').status, 'cancelled');
});
