// `weft run`'s "peak N running at once" and the live tree's "N running" count steps holding a slot.
// A step waiting to retry gives its slot back during the backoff delay (docs/engine.md,
// Scheduling), so it is not running then: a foreach with maxConcurrency 2 whose steps retried was
// summed up as 'peak 3 running at once', as if the limit had been broken.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RunState } from '../../src/cli/render/run-state.js';
import type { RunEvent } from '../../src/run/events.js';

const R = { runId: 'r1' };
const leaf = (id: string) => ({ id, path: id, kind: 'shell' as const, name: id, stage: 1, needs: [] });
const started = (path: string, ts: number, attempt = 1): RunEvent => ({ ...R, type: 'step.started', ts, path, attempt, kind: 'shell' });
const finished = (path: string, ts: number, attempts = 1): RunEvent => ({ ...R, type: 'step.finished', ts, path, status: 'succeeded', durationMs: 1, attempts, kind: 'shell' });

test('a step waiting to retry is not counted as running, and is again when its next attempt starts', () => {
  const s = new RunState();
  const evs: RunEvent[] = [
    { ...R, type: 'run.started', ts: 0, workflow: 'w', file: '/w.weft.yaml', inputs: {}, plan: [leaf('a'), leaf('b'), leaf('c')] },
    started('a', 1),
    started('b', 1),
    { ...R, type: 'step.retrying', ts: 2, path: 'a', attempt: 1, error: 'exit code 1', delayMs: 50 },
    started('c', 2),
  ];
  for (const e of evs) s.apply(e);
  assert.equal(s.running, 2, 'b and c hold the two slots; a waits for its retry');
  s.apply(finished('b', 3));
  s.apply(started('a', 4, 2));
  assert.equal(s.running, 2);
  s.apply(finished('a', 5, 2));
  s.apply(finished('c', 5));
  assert.equal(s.running, 0);
  assert.equal(s.peak, 2);
  // The timeline still draws one bar per step, from its first start to its end.
  assert.deepEqual(
    s.intervals.map((i) => [i.path, i.start, i.end]),
    [
      ['a', 1, 5],
      ['b', 1, 3],
      ['c', 2, 5],
    ],
  );
});

test('a step cancelled while waiting to retry leaves the count as it was', () => {
  const s = new RunState();
  s.apply({ ...R, type: 'run.started', ts: 0, workflow: 'w', file: '/w.weft.yaml', inputs: {}, plan: [leaf('a')] });
  s.apply(started('a', 1));
  s.apply({ ...R, type: 'step.retrying', ts: 2, path: 'a', attempt: 1, error: 'x', delayMs: 50 });
  s.apply({ ...R, type: 'step.finished', ts: 3, path: 'a', status: 'cancelled', durationMs: 2, attempts: 1, kind: 'shell' });
  assert.equal(s.running, 0);
  assert.equal(s.intervals[0].end, 3);
});
