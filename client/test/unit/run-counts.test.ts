// The counts the run model keeps as events arrive (leaf steps by status, per static path; the steps
// running) are what a walk of the tree finds, after every event of a recorded run and of a run whose
// blocks retry (their earlier attempt's nodes leave). The status bar, the editor's decorations and the
// Runs view's tick read these instead of walking tens of thousands of nodes several times a second.
// And a finished run's summary (its run row, no tree) takes its tree back from the record's events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RunModel, parseRecord, isLeaf, type StepNode } from '../../src/runs/run-model.js';
import type { RunEvent } from '../../../engine/src/run/events.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';

const recorded = parseRecord(fs.readFileSync(path.join(__dirname, 'recordings', 'blocks.jsonl'), 'utf8'));

/** The counts a walk of the tree finds, in the shape the model keeps them. */
function walked(m: RunModel): { leaves: Record<string, Record<string, number>>; statics: Record<string, number>; active: string[] } {
  const leaves: Record<string, Record<string, number>> = {};
  const statics: Record<string, number> = {};
  for (const s of m.allSteps()) {
    statics[s.staticPath] = (statics[s.staticPath] ?? 0) + 1;
    if (!isLeaf(s)) continue;
    const c = (leaves[s.staticPath] ??= {});
    c[s.status] = (c[s.status] ?? 0) + 1;
  }
  return { leaves, statics, active: m.allSteps().filter((s) => s.status === 'running' || s.status === 'retrying').map((s) => s.path).sort() };
}

function kept(m: RunModel): ReturnType<typeof walked> {
  const leaves: Record<string, Record<string, number>> = {};
  const statics: Record<string, number> = {};
  for (const p of new Set(m.allSteps().map((s) => s.staticPath))) {
    const c = m.leafCountsOf(p);
    const by = Object.fromEntries(Object.entries(c?.by ?? {}).filter(([, v]) => v));
    if (Object.keys(by).length) leaves[p] = by;
    assert.equal(c?.total ?? 0, Object.values(by).reduce((a, b) => a + b, 0), `total of ${p}`);
    statics[p] = m.stepsOf(p)?.size ?? 0;
  }
  return { leaves, statics, active: [...m.activeSteps()].map((s: StepNode) => s.path).sort() };
}

function replayChecked(events: RunEvent[]): RunModel {
  const m = new RunModel(events[0].runId);
  events.forEach((e, i) => {
    m.apply(e);
    assert.deepEqual(kept(m), walked(m), `after event ${i} (${e.type} ${'path' in e ? e.path : ''})`);
    const total = m.leafCounts();
    assert.equal(total.total, m.leafSteps().length, `leaf total after event ${i}`);
  });
  return m;
}

test('the kept counts are what a walk finds after every event of a recorded run', () => {
  const m = replayChecked(recorded);
  assert.equal(m.leafCounts().by.succeeded, m.leafSteps().length);
  assert.equal(m.activeSteps().size, 0);
});

let ts = 1000;
const R = 'r1';
const ev = (e: Record<string, unknown>): RunEvent => ({ runId: R, ts: (ts += 10), ...e }) as unknown as RunEvent;
const node = (id: string, kind: string, children?: PlanNode[], p = id): PlanNode => ({ id, path: p, kind: kind as PlanNode['kind'], name: id, stage: 1, needs: [], ...(children ? { children } : {}) });

test('the kept counts follow blocks that retry (earlier nodes leave), steps met only in events, and a run that ends with steps open', () => {
  const plan: PlanNode[] = [
    node('fan', 'parallel', [{ id: 'left', path: 'fan/left', kind: 'branch', name: 'left', stage: 1, needs: [], children: [node('l1', 'shell', undefined, 'fan/left/l1')] }]),
    node('each', 'foreach', [node('size', 'shell', undefined, 'each/size'), node('inner', 'foreach', [node('x', 'shell', undefined, 'each/inner/x')], 'each/inner')]),
    node('child', 'workflow'),
    node('odd', 'shell'),
  ];
  const events: RunEvent[] = [ev({ type: 'run.started', workflow: 'w', file: '/w.weft.yaml', inputs: {}, plan })];
  for (const b of ['each', 'fan', 'child']) events.push(ev({ type: 'step.started', path: b, attempt: 1 }));
  for (const i of [0, 1, 2]) {
    events.push(ev({ type: 'step.started', path: `each/${i}/size`, attempt: 1 }));
    events.push(ev({ type: 'step.finished', path: `each/${i}/size`, status: i === 1 ? 'failed' : 'succeeded', durationMs: 1, attempts: 1 }));
    events.push(ev({ type: 'step.started', path: `each/${i}/inner/0/x`, attempt: 1 }));
  }
  events.push(ev({ type: 'step.started', path: 'child/inner', attempt: 1 }));
  events.push(ev({ type: 'step.started', path: 'odd/under', attempt: 1 })); // a step under a plain step: odd is no leaf then
  events.push(ev({ type: 'step.retrying', path: 'fan/left/l1', attempt: 1, error: 'x', delayMs: 1 }));
  for (const b of ['each', 'fan', 'child']) events.push(ev({ type: 'step.retrying', path: b, attempt: 1, error: 'a step failed', delayMs: 10 }));
  for (const b of ['each', 'fan', 'child']) events.push(ev({ type: 'step.started', path: b, attempt: 2 }));
  events.push(ev({ type: 'step.started', path: 'each/0/size', attempt: 1 }));
  events.push(ev({ type: 'run.finished', status: 'cancelled', durationMs: 100, counts: {} }));
  const m = replayChecked(events);
  assert.equal(m.activeSteps().size, 0);
  assert.equal(m.leafCounts().by.cancelled, 2, 'each/0/size and odd/under, open at the end');
});

test("a finished run's summary shows its run row and takes its tree back from the record's events", () => {
  const started = recorded[0] as Extract<RunEvent, { type: 'run.started' }>;
  const finished = recorded[recorded.length - 1] as Extract<RunEvent, { type: 'run.finished' }>;
  const full = new RunModel(started.runId);
  recorded.forEach((e) => full.apply(e));
  const s = RunModel.summary(started, finished);
  assert.equal(s.summarized, true);
  assert.equal(s.root.children.length, 0);
  for (const k of ['runId', 'workflow', 'file', 'status', 'startedAt', 'finishedAt', 'durationMs', 'error'] as const) assert.deepEqual(s.root[k], full.root[k], k);
  assert.deepEqual(s.root.counts, full.root.counts);
  assert.deepEqual(s.root.inputs, full.root.inputs);
  const root = s.root;
  const rebuilt = new RunModel(started.runId);
  recorded.forEach((e) => rebuilt.apply(e));
  s.adoptTree(rebuilt);
  assert.equal(s.root, root, 'the same run row object');
  assert.equal(s.summarized, false);
  assert.equal(s.allSteps().length, full.allSteps().length);
  assert.ok(s.root.children.every((c) => c.parent === root));
  assert.equal(s.step('each/1/up')!.output, 'Y');
  assert.deepEqual(s.leafCounts(), full.leafCounts());
  s.dropTree();
  assert.deepEqual([s.summarized, s.root.children.length, s.allSteps().length, s.step('each/1/up'), s.leafCounts().total], [true, 0, 0, undefined, 0]);
  assert.equal(s.root.status, 'succeeded');
});
