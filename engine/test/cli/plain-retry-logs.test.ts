// Plain lines (`weft run` in CI or a pipe): a step's last log line without a newline is held until
// the line ends or the step finishes. A retry starts the step's output again, so what its failed
// attempt held is written before the retry line; it was glued to the next attempt's first line
// (`c | partialpartial` for a step that printed 'partial' twice, once per attempt).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlainPrinter } from '../../src/cli/render/plain.js';
import type { RunEvent } from '../../src/run/events.js';

const R = { runId: 'r1', ts: 1 };

test("a failed attempt's unfinished log line is written before its retry, not joined to the next attempt's", () => {
  const out: string[] = [];
  const p = new PlainPrinter((s) => out.push(s));
  const evs: RunEvent[] = [
    { ...R, type: 'step.started', path: 'c', attempt: 1, kind: 'shell' },
    { ...R, type: 'step.log', path: 'c', stream: 'stdout', text: 'partial' },
    { ...R, type: 'step.retrying', path: 'c', attempt: 1, error: 'exit code 1', delayMs: 10 },
    { ...R, type: 'step.started', path: 'c', attempt: 2, kind: 'shell' },
    { ...R, type: 'step.log', path: 'c', stream: 'stdout', text: 'partial' },
    { ...R, type: 'step.finished', path: 'c', status: 'failed', durationMs: 5, attempts: 2, error: 'exit code 1', kind: 'shell' },
  ];
  for (const e of evs) p.event(e);
  assert.deepEqual(out.join('').split('\n'), [
    '▶ c started',
    '  c | partial',
    '↻ c attempt 1 failed: exit code 1; retrying in 10ms',
    '▶ c started (attempt 2)',
    '  c | partial',
    '✗ c failed in 5ms after 2 attempts: exit code 1',
    '',
  ]);
});
