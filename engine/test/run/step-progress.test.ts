// The one fold of step events into what a view shows (engine/src/run/step-progress.ts), used by the
// terminal's run state and the editor's Runs view: attempts, retries, a finish without a start.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyStepEvent, type StepProgress } from '../../src/run/step-progress.js';

const base = { runId: 'r', path: 'fetch' };
const fresh = (): StepProgress => ({ status: 'pending', attempt: 0 });

test('a failed attempt, a retry and a success: the retry keeps the error, the next start clears it', () => {
  const p = fresh();
  applyStepEvent(p, { ...base, type: 'step.started', ts: 100, attempt: 1 });
  assert.deepEqual([p.status, p.attempt, p.startedAt], ['running', 1, 100]);
  applyStepEvent(p, { ...base, type: 'step.retrying', ts: 150, attempt: 1, error: 'HTTP 503', delayMs: 10 });
  assert.deepEqual([p.status, p.error], ['retrying', 'HTTP 503']);
  applyStepEvent(p, { ...base, type: 'step.started', ts: 160, attempt: 2 });
  assert.deepEqual([p.status, p.attempt, p.startedAt, p.error], ['running', 2, 100, undefined]);
  applyStepEvent(p, { ...base, type: 'step.finished', ts: 200, status: 'succeeded', durationMs: 100, attempts: 2, output: 'ok', reused: false });
  assert.deepEqual(p, { status: 'succeeded', attempt: 2, startedAt: 100, finishedAt: 200, durationMs: 100, error: undefined, output: 'ok', reused: false });
});

test('a finish without a start (a cut record) takes its start from its duration', () => {
  const p = fresh();
  applyStepEvent(p, { ...base, type: 'step.finished', ts: 500, status: 'failed', durationMs: 120, attempts: 3, error: 'exit 1' });
  assert.deepEqual([p.status, p.attempt, p.startedAt, p.error], ['failed', 3, 380, 'exit 1']);
});
