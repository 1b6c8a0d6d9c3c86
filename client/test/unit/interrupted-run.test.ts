// The Runs view's end for a record whose writer is gone (runs/interrupted-run.ts): a run read from
// a record of a killed process must read `cancelled` with the engine's note, its running step
// cancelled and its pending step skipped, instead of spinning forever; a record whose writer lives,
// or that names no writer (older records), is left running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import { RunModel } from '../../src/runs/run-model.js';
import { interruptedEnd } from '../../src/runs/interrupted-run.js';
import { WRITER_GONE } from '../../../engine/src/run/record-writer.js';
import type { RunEvent } from '../../../engine/src/run/events.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';

const plan: PlanNode[] = [
  { id: 'a', path: 'a', kind: 'shell', name: 'a', stage: 1, needs: [] },
  { id: 'b', path: 'b', kind: 'shell', name: 'b', stage: 2, needs: ['a'] },
];

function modelOf(writer: Record<string, unknown>): RunModel {
  const m = new RunModel('r1');
  const t = Date.now() - 5000;
  m.apply({ type: 'run.started', runId: 'r1', ts: t, workflow: 'w', file: '/w/w.weft.yaml', inputs: {}, plan, ...writer } as RunEvent);
  m.apply({ type: 'step.started', runId: 'r1', ts: t + 10, path: 'a', attempt: 1 } as RunEvent);
  return m;
}

test('a record whose writer process has exited ends cancelled, with the note', () => {
  const dead = spawnSync('true').pid; // exited and reaped: its pid is free
  const m = modelOf({ host: os.hostname(), pid: dead });
  const fin = interruptedEnd(m, m.root.startedAt + 1200);
  assert.ok(fin, 'the run is ended');
  assert.equal(fin.status, 'cancelled');
  assert.equal(fin.error, WRITER_GONE);
  assert.equal(fin.durationMs, 1200);
  assert.deepEqual(fin.counts, { cancelled: 1, skipped: 1 });
  m.apply(fin);
  assert.equal(m.root.status, 'cancelled');
  assert.equal(m.root.error, WRITER_GONE);
  assert.equal(m.step('a')!.status, 'cancelled');
  assert.equal(m.step('b')!.status, 'skipped');
});

test('a record whose writer lives, of another host, or without writer fields stays running', () => {
  assert.equal(interruptedEnd(modelOf({ host: os.hostname(), pid: 1 }), Date.now()), undefined, 'live writer (pid 1, started before the run)');
  assert.equal(interruptedEnd(modelOf({ host: `${os.hostname()}-other`, pid: 999_999 }), Date.now()), undefined, 'other host');
  assert.equal(interruptedEnd(modelOf({}), Date.now()), undefined, 'older record');
});
