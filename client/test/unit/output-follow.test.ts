// An open step-output editor follows its step (output-follow.ts): which documents a change in the
// Runs model refreshes, and how refreshes are gathered so a chatty step does not rebuild the text
// per log line. The model is fed real event sequences; the suite (output-follow.vscode.ts) sees the editor
// itself follow a running step in code-server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunModel } from '../../src/runs/run-model.js';
import { changedSteps, outputTarget, RefreshQueue } from '../../src/commands/output-follow.js';
import type { RunEvent } from '../../../engine/src/run/events.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';

const plan: PlanNode[] = [
  { id: 'a', path: 'a', kind: 'shell', name: 'a', stage: 1, needs: [] },
  { id: 'each', path: 'each', kind: 'foreach', name: 'each', stage: 1, needs: [], children: [{ id: 'size', path: 'each/size', kind: 'shell', name: 'size', stage: 1, needs: [] }] },
];
let ts = 1000;
const ev = (e: Record<string, unknown>): RunEvent => ({ runId: 'r1', ts: (ts += 10), ...e }) as unknown as RunEvent;

test("a document's run and step come from its path; an encoded step path is decoded", () => {
  assert.deepEqual(outputTarget('/r1/a.txt'), { runId: 'r1', stepPath: 'a' });
  assert.deepEqual(outputTarget('/r1/each/0/size.txt'), { runId: 'r1', stepPath: 'each/0/size' });
  assert.deepEqual(outputTarget('/r1/odd%20name.txt'), { runId: 'r1', stepPath: 'odd name' });
});

test('the changed steps are those a log line or a status touched, with their run', () => {
  const m = new RunModel('r1');
  m.apply(ev({ type: 'run.started', workflow: 'w', file: '/w.weft.yaml', inputs: {}, plan }));
  m.takeChanged();
  m.apply(ev({ type: 'step.log', path: 'a', stream: 'stdout', text: 'first\n' }));
  assert.deepEqual([...changedSteps(m.takeChanged())], ['r1/a']);
  m.apply(ev({ type: 'step.started', path: 'each/0/size', attempt: 1, item: 'x' }));
  const steps = changedSteps(m.takeChanged());
  assert.ok(steps.has('r1/each/0/size'), [...steps].join());
  assert.ok(!steps.has('r1/a'));
  // The run node itself, a stage or an iteration is not a step: nothing of theirs is shown.
  m.apply(ev({ type: 'run.finished', status: 'succeeded', durationMs: 5, counts: {}, outputs: {} }));
  for (const k of changedSteps(m.takeChanged())) assert.match(k, /^r1\/(a|each|each\/0\/size)$/);
});

test('refreshes are gathered: many changes within the delay give one flush, each document once', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const flushed: string[][] = [];
  const q = new RefreshQueue<string>((items) => flushed.push(items), 250);
  for (let i = 0; i < 50; i++) q.add('u1', 'u1');
  q.add('u2', 'u2');
  t.mock.timers.tick(249);
  assert.deepEqual(flushed, []);
  t.mock.timers.tick(1);
  assert.deepEqual(flushed, [['u1', 'u2']]);
  q.add('u1', 'u1');
  t.mock.timers.tick(250);
  assert.deepEqual(flushed, [['u1', 'u2'], ['u1']], 'a later change flushes again');
  q.add('u3', 'u3');
  q.dispose();
  t.mock.timers.tick(500);
  assert.equal(flushed.length, 2, 'nothing after dispose');
});
