// Unit tests of the Runs view's model, fed with recorded event sequences: stages with parallel steps,
// parallel branches, foreach iterations created from event paths, sub-workflow steps not in the plan,
// block status aggregation, idempotent replay (editor + file watcher) and per-node change tracking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RunModel, parseRecord, type ModelNode } from '../../src/runs/run-model.js';
import type { RunEvent } from '../../../engine/src/run/events.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';

const R = 'r1';
const node = (id: string, stage: number, needs: string[] = [], kind = 'stub', children?: PlanNode[], path = id): PlanNode =>
  ({ id, path, kind: kind as PlanNode['kind'], name: id, stage, needs, ...(children ? { children } : {}) });

const plan: PlanNode[] = [
  node('fetch', 1),
  node('a', 2, ['fetch']),
  node('b', 2, ['fetch']),
  node('c', 2, ['fetch']),
  node('fan', 3, ['a'], 'parallel', [
    { id: 'left', path: 'fan/left', kind: 'branch', name: 'left', stage: 1, needs: [], children: [node('l1', 1, [], 'shell', undefined, 'fan/left/l1')] },
    { id: 'right', path: 'fan/right', kind: 'branch', name: 'right', stage: 1, needs: [], children: [node('r1', 1, [], 'shell', undefined, 'fan/right/r1'), node('r2', 2, ['fan/right/r1'], 'shell', undefined, 'fan/right/r2')] },
  ]),
  node('each', 3, ['b'], 'foreach', [node('size', 1, [], 'shell', undefined, 'each/size')]),
  node('child', 3, ['c'], 'workflow'),
];

let ts = 1000;
const ev = (e: Record<string, unknown>): RunEvent => ({ runId: R, ts: (ts += 10), ...e }) as unknown as RunEvent;
const started = ev({ type: 'run.started', workflow: 'demo', file: '/w/demo.weft.yaml', inputs: {}, plan });
const labels = (n: ModelNode): string[] => n.children.map((c) => (c.type === 'stage' ? `stage${c.stage}` : c.type === 'step' ? c.id : c.type === 'branch' ? `branch:${c.name}` : c.type === 'iteration' ? `#${c.index}` : '?'));

test('stages group the top scope when it has more than one; branches and nested stages', () => {
  const m = new RunModel(R);
  m.apply(started);
  assert.deepEqual(labels(m.root), ['stage1', 'stage2', 'stage3']);
  const s2 = m.root.children[1];
  assert.deepEqual(labels(s2), ['a', 'b', 'c']);
  const fan = m.step('fan')!;
  assert.deepEqual(labels(fan), ['branch:left', 'branch:right']);
  assert.deepEqual(labels(fan.children[0]), ['l1']); // one stage: no stage node
  assert.deepEqual(labels(fan.children[1]), ['stage1', 'stage2']);
  assert.equal(m.step('fan/right/r2')!.parent!.type, 'stage');
});

test('statuses follow events; parallel steps are running together; blocks aggregate', () => {
  const m = new RunModel(R);
  m.apply(started);
  m.apply(ev({ type: 'step.started', path: 'fetch', attempt: 1 }));
  m.apply(ev({ type: 'step.finished', path: 'fetch', status: 'succeeded', durationMs: 10, attempts: 1, output: 'x' }));
  m.takeChanged();
  for (const p of ['a', 'b', 'c']) m.apply(ev({ type: 'step.started', path: p, attempt: 1 }));
  const changed = m.takeChanged();
  assert.ok(changed.includes(m.step('a')!) && changed.includes(m.step('b')!) && changed.includes(m.root));
  assert.deepEqual(m.leafSteps().filter((s) => s.status === 'running').map((s) => s.id), ['a', 'b', 'c']);
  assert.equal(m.statusOf(m.root.children[1]), 'running');
  assert.equal(m.statusOf(m.root.children[0]), 'succeeded');
  m.apply(ev({ type: 'step.retrying', path: 'a', attempt: 2, error: 'boom', delayMs: 100 }));
  assert.equal(m.step('a')!.status, 'retrying');
  assert.equal(m.step('a')!.attempt, 2);
  m.apply(ev({ type: 'step.started', path: 'fan/left/l1', attempt: 1 }));
  assert.equal(m.statusOf(m.step('fan')!), 'running');
  m.apply(ev({ type: 'step.finished', path: 'fan/left/l1', status: 'failed', durationMs: 5, attempts: 1, error: 'exit 1' }));
  m.apply(ev({ type: 'run.finished', status: 'failed', durationMs: 100, counts: { failed: 1 }, outputs: {} }));
  assert.equal(m.root.status, 'failed');
  assert.equal(m.step('b')!.status, 'cancelled'); // was running when the run ended
  assert.equal(m.step('fan/right/r1')!.status, 'skipped');
  assert.equal(m.statusOf(m.step('fan')!), 'failed');
  assert.equal(m.step('fan/left/l1')!.error, 'exit 1');
});

test('foreach iterations appear from event paths, in index order, with the body cloned', () => {
  const m = new RunModel(R);
  m.apply(started);
  m.apply(ev({ type: 'step.started', path: 'each/2/size', attempt: 1 }));
  m.apply(ev({ type: 'step.started', path: 'each/0/size', attempt: 1 }));
  m.apply(ev({ type: 'step.finished', path: 'each/0/size', status: 'succeeded', durationMs: 3, attempts: 1, output: '42' }));
  const each = m.step('each')!;
  assert.deepEqual(labels(each), ['#0', '#2']);
  assert.equal(m.step('each/0/size')!.status, 'succeeded');
  assert.equal(m.step('each/0/size')!.staticPath, 'each/size');
  assert.equal(m.step('each/2/size')!.status, 'running');
  assert.equal(m.statusOf(each), 'running');
  // In order they are appended; one that starts late still lands in its place.
  for (const i of [3, 5, 4, 1]) m.apply(ev({ type: 'step.started', path: `each/${i}/size`, attempt: 1 }));
  assert.deepEqual(labels(each), ['#0', '#1', '#2', '#3', '#4', '#5']);
  assert.equal(m.step('each/4/size')!.parent, each.children[4]);
});

test('a foreach that never iterated shows its body once, as the plan has it, settled by the engine\'s events', () => {
  // The events `weft run` records for a foreach over [] whose body is a step and a parallel block.
  const body = [
    node('s', 1, [], 'shell', undefined, 'each/s'),
    node('par', 2, ['each/s'], 'parallel', [
      { id: 'left', path: 'each/par/left', kind: 'branch', name: 'left', stage: 1, needs: [], children: [node('l', 1, [], 'stub', undefined, 'each/par/left/l')] },
      { id: 'right', path: 'each/par/right', kind: 'branch', name: 'right', stage: 1, needs: [], children: [node('r', 1, [], 'stub', undefined, 'each/par/right/r')] },
    ], 'each/par'),
  ];
  const m = new RunModel(R);
  m.apply(ev({ type: 'run.started', workflow: 'demo', file: '/w/demo.weft.yaml', inputs: {}, plan: [node('each', 1, [], 'foreach', body)] }));
  m.apply(ev({ type: 'step.started', path: 'each', attempt: 1 }));
  for (const p of ['each/s', 'each/par/left/l', 'each/par/right/r', 'each/par']) {
    m.apply(ev({ type: 'step.finished', path: p, status: 'skipped', durationMs: 0, attempts: 0 }));
  }
  m.apply(ev({ type: 'step.finished', path: 'each', status: 'succeeded', durationMs: 1, attempts: 1, output: [] }));
  const each = m.step('each')!;
  assert.deepEqual(labels(each), ['stage1', 'stage2'], 'the body, laid out once');
  assert.deepEqual(labels(each.children[1]), ['par']);
  const par = m.step('each/par')!;
  assert.deepEqual([par.kind, labels(par)], ['parallel', ['branch:left', 'branch:right']]);
  assert.deepEqual(['each/s', 'each/par/left/l', 'each/par/right/r'].map((p) => [m.step(p)!.kind, m.step(p)!.status]), [['shell', 'skipped'], ['stub', 'skipped'], ['stub', 'skipped']]);
  assert.equal(m.allSteps().filter((s) => s.kind === 'unknown').length, 0, 'no node made up from a path');
  assert.equal(m.statusOf(each), 'succeeded');
});

test('an iteration takes its item from the events of the steps directly in it', () => {
  const m = new RunModel(R);
  m.apply(started);
  m.apply(ev({ type: 'step.started', path: 'each/1/size', attempt: 1, item: 'data/b.csv' }));
  m.apply(ev({ type: 'step.finished', path: 'each/0/size', status: 'skipped', durationMs: 0, attempts: 0, item: 'data/a.csv' }));
  m.apply(ev({ type: 'step.started', path: 'each/2/size', attempt: 1 })); // an engine without items
  const each = m.step('each')!;
  const items = each.children.map((c) => (c.type === 'iteration' ? [c.index, c.item] : []));
  assert.deepEqual(items, [[0, 'data/a.csv'], [1, 'data/b.csv'], [2, undefined]]);
  m.takeChanged();
  m.apply(ev({ type: 'step.finished', path: 'each/1/size', status: 'succeeded', durationMs: 3, attempts: 1, item: 'data/b.csv' }));
  assert.ok(m.takeChanged().includes(each.children[1]), 'the iteration is refreshed with its step');
});

test('an iteration whose body has stages takes its item from a step in any of them, and not from a nested block', () => {
  const m = new RunModel(R);
  const body = [node('a', 1, [], 'shell', undefined, 'each/a'), node('b', 2, ['each/a'], 'foreach', [node('x', 1, [], 'shell', undefined, 'each/b/x')], 'each/b')];
  m.apply(ev({ type: 'run.started', workflow: 'demo', file: '/w/demo.weft.yaml', inputs: {}, plan: [node('each', 1, [], 'foreach', body)] }));
  // The inner foreach's step carries the inner item: it names the inner iteration only.
  m.apply(ev({ type: 'step.started', path: 'each/0/b/0/x', attempt: 1, item: 'inner' }));
  m.apply(ev({ type: 'step.started', path: 'each/0/b', attempt: 1, item: 'outer' }));
  const outer = m.step('each')!.children[0];
  assert.deepEqual([outer.type, labels(outer)], ['iteration', ['stage1', 'stage2']]);
  assert.equal(outer.type === 'iteration' && outer.item, 'outer');
  const inner = m.step('each/0/b')!.children[0];
  assert.equal(inner.type === 'iteration' && inner.item, 'inner');
});

test('sub-workflow steps that the plan lists are there, pending, before they start', () => {
  const m = new RunModel(R);
  const call = node('call', 1, [], 'workflow', [node('a', 1, [], 'shell', undefined, 'call/a'), node('b', 2, ['call/a'], 'stub', undefined, 'call/b')]);
  m.apply(ev({ type: 'run.started', workflow: 'demo', file: '/w/demo.weft.yaml', inputs: {}, plan: [call] }));
  const b = m.step('call/b')!;
  assert.deepEqual([b.kind, b.status, b.needs], ['stub', 'pending', ['call/a']]);
  assert.deepEqual(labels(m.step('call')!), ['stage1', 'stage2']);
  m.apply(ev({ type: 'step.started', path: 'call/a', attempt: 1 }));
  assert.equal(m.step('call/a')!.status, 'running');
  assert.equal(m.allSteps().filter((s) => s.path === 'call/a').length, 1, 'the event finds the planned node');
});

test('sub-workflow steps that the plan does not list nest under their block', () => {
  const m = new RunModel(R);
  m.apply(started);
  m.apply(ev({ type: 'step.started', path: 'child/inner', attempt: 1 }));
  const inner = m.step('child/inner')!;
  assert.equal(inner.parent, m.step('child'));
  assert.equal(inner.name, 'inner');
});

test("a block's next attempt shows only that attempt inside it", () => {
  const m = new RunModel(R);
  m.apply(started);
  // Attempt 1 of each: three iterations, one fails; of fan: l1 fails with a log, r1 succeeds; of
  // child: a step of the called file, met only in events.
  for (const b of ['each', 'fan', 'child']) m.apply(ev({ type: 'step.started', path: b, attempt: 1 }));
  for (const i of [0, 1, 2]) m.apply(ev({ type: 'step.finished', path: `each/${i}/size`, status: i === 1 ? 'failed' : 'succeeded', durationMs: 1, attempts: 1, output: `${i}` }));
  m.apply(ev({ type: 'step.log', path: 'fan/left/l1', stream: 'stderr', text: 'boom\n' }));
  m.apply(ev({ type: 'step.finished', path: 'fan/left/l1', status: 'failed', durationMs: 1, attempts: 1, error: 'exit 1' }));
  m.apply(ev({ type: 'step.finished', path: 'fan/right/r1', status: 'succeeded', durationMs: 1, attempts: 1, output: 'r' }));
  m.apply(ev({ type: 'step.finished', path: 'child/inner', status: 'failed', durationMs: 1, attempts: 1 }));
  for (const b of ['each', 'fan', 'child']) m.apply(ev({ type: 'step.retrying', path: b, attempt: 1, error: 'a step failed', delayMs: 10 }));
  for (const b of ['each', 'fan', 'child']) m.apply(ev({ type: 'step.started', path: b, attempt: 2 }));
  const each = m.step('each')!;
  assert.deepEqual(labels(each), [], 'the earlier iterations are gone');
  assert.equal(m.step('each/1/size'), undefined);
  assert.deepEqual(['fan/left/l1', 'fan/right/r1', 'fan/right/r2'].map((p) => [m.step(p)!.status, m.step(p)!.logTail, m.step(p)!.output]), [['pending', '', undefined], ['pending', '', undefined], ['pending', '', undefined]]);
  assert.equal(m.step('child/inner'), undefined);
  assert.deepEqual(labels(m.step('child')!), []);
  assert.equal(m.statusOf(m.step('fan')!), 'running');
  // Attempt 2: one iteration this time.
  m.apply(ev({ type: 'step.finished', path: 'each/0/size', status: 'succeeded', durationMs: 1, attempts: 1, output: 'again' }));
  m.apply(ev({ type: 'step.finished', path: 'each', status: 'succeeded', durationMs: 5, attempts: 2, output: ['again'] }));
  assert.deepEqual(labels(each), ['#0']);
  assert.equal(m.step('each/0/size')!.output, 'again');
  assert.deepEqual([each.status, each.attempt], ['succeeded', 2]);
});

test('replaying run.started (editor and watcher both saw it) keeps the state; logs keep a tail', () => {
  const m = new RunModel(R);
  m.apply(started);
  m.apply(ev({ type: 'step.started', path: 'fetch', attempt: 1 }));
  m.apply(started);
  assert.equal(m.step('fetch')!.status, 'running');
  for (let i = 0; i < 2000; i++) m.apply(ev({ type: 'step.log', path: 'fetch', stream: 'stdout', text: `line ${i}\n` }));
  assert.ok(m.step('fetch')!.logTail.length <= 4096);
  assert.match(m.step('fetch')!.logTail, /line 1999\n$/);
});

test('parseRecord tolerates a half-written last line', () => {
  const text = JSON.stringify(started) + '\n' + JSON.stringify(ev({ type: 'step.started', path: 'a', attempt: 1 })) + '\n{"type":"step.fin';
  assert.equal(parseRecord(text).length, 2);
});
