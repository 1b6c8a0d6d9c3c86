// Plain lines (`weft run` in CI or a pipe) show a `workflow` step's output, the called file's
// outputs (what the step gives its caller, as a leaf step's output is shown), also in a dry run,
// where it holds the called file's placeholders. A parallel or foreach block's output only repeats
// its steps' and stays unshown. (No block's output was shown, so a dry run of a call showed nothing.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlainPrinter } from '../../src/cli/render/plain.js';
import type { RunEvent } from '../../src/run/events.js';

const R = { runId: 'r1', ts: 1 };

test("a workflow step's output is shown, a parallel block's is not", () => {
  const out: string[] = [];
  const p = new PlainPrinter((s) => out.push(s));
  const evs: RunEvent[] = [
    { ...R, type: 'step.finished', path: 'call', status: 'skipped', durationMs: 0, attempts: 1, kind: 'workflow', output: '{"greeting":"<steps.hi.output>"}', dryRun: true },
    { ...R, type: 'step.finished', path: 'call2', status: 'succeeded', durationMs: 5, attempts: 1, kind: 'workflow', output: '{"greeting":"hello"}' },
    { ...R, type: 'step.finished', path: 'par', status: 'succeeded', durationMs: 5, attempts: 1, kind: 'parallel', output: '{"a":"A"}' },
  ];
  for (const e of evs) p.event(e);
  assert.deepEqual(out.join('').split('\n'), ['○ call skipped → {"greeting":"<steps.hi.output>"}', '✓ call2 succeeded in 5ms → {"greeting":"hello"}', '✓ par succeeded in 5ms', '']);
});
