// The graph page's layout runner (webview/layout-runner.ts) with fake workers: a layout runs in the
// worker; a newer layout ends the worker busy with an older one and that one's late answer is ignored;
// a worker that cannot start, or whose script fails, leaves the layouts to the main thread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayoutRunner, type WorkerAnswer, type WorkerJob, type WorkerLike } from '../../src/graph-view/webview/layout-runner.js';
import { layoutPlan } from '../../src/graph-view/layout.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';

const n = (id: string, needs: string[] = []): PlanNode => ({ id, path: id, kind: 'stub', name: id, stage: 1, needs });

class FakeWorker implements WorkerLike {
  jobs: WorkerJob[] = [];
  terminated = false;
  onmessage: ((ev: { data: WorkerAnswer }) => void) | null = null;
  onerror: ((ev: { message?: string }) => void) | null = null;
  postMessage(job: WorkerJob): void { this.jobs.push(job); }
  terminate(): void { this.terminated = true; }
  /** Answers a job as layout-worker.ts does. */
  answer(job: WorkerJob): void { this.onmessage?.({ data: { id: job.id, layout: layoutPlan(job.plan), ms: 3, where: 'worker' } }); }
}

function fleet() {
  const made: FakeWorker[] = [];
  return { made, make: () => { const w = new FakeWorker(); made.push(w); return w; } };
}

/** Runs the main-thread fallback when the test says so (the page defers it a macrotask). */
function deferred() {
  const queue: (() => void)[] = [];
  return { queue, defer: (f: () => void) => { queue.push(f); }, flush: () => { while (queue.length) queue.shift()!(); } };
}

const nodes = (r: { layout: { nodes: { path: string }[] } } | undefined) => r?.layout.nodes.map((b) => b.path).sort();

test('lays out in the worker and answers what it sent back', async () => {
  const f = fleet();
  const here = deferred();
  let mainThread = 0;
  const runner = new LayoutRunner(f.make, (p) => { mainThread++; return layoutPlan(p); }, here.defer);
  const r = runner.run([n('a'), n('b', ['a'])]);
  assert.equal(runner.busy, true);
  assert.equal(f.made.length, 1);
  f.made[0].answer(f.made[0].jobs[0]);
  const done = await r;
  assert.deepEqual([nodes(done), done?.where, done?.ms], [['a', 'b'], 'worker', 3]);
  assert.equal(runner.busy, false);
  assert.equal(mainThread + here.queue.length, 0, 'nothing laid out on the main thread');
  // The next layout goes to the same worker.
  const again = runner.run([n('c')]);
  f.made[0].answer(f.made[0].jobs[1]);
  assert.deepEqual(nodes(await again), ['c']);
  assert.equal(f.made.length, 1);
  assert.equal(runner.noWorker, undefined);
});

test('a newer layout ends the worker busy with the older one; the older one answers nothing', async () => {
  const f = fleet();
  const runner = new LayoutRunner(f.make, layoutPlan);
  const old = runner.run([n('a'), n('b'), n('c')]);
  const fresh = runner.run([n('x')]);
  assert.equal(await old, undefined, 'the older layout is cancelled');
  assert.equal(f.made[0].terminated, true, 'the worker busy with it is ended');
  assert.equal(f.made.length, 2, 'a new worker takes the newer plan');
  // The ended worker's answer comes anyway (it was already posted): ignored.
  f.made[0].answer(f.made[0].jobs[0]);
  assert.equal(runner.busy, true);
  f.made[1].answer(f.made[1].jobs[0]);
  assert.deepEqual(nodes(await fresh), ['x']);
  assert.equal(runner.cancelled, 1);
});

test('an answer for a job that is no longer the current one is ignored', async () => {
  const f = fleet();
  const runner = new LayoutRunner(f.make, layoutPlan);
  const r = runner.run([n('a')]);
  const w = f.made[0];
  w.onmessage?.({ data: { id: 99, layout: layoutPlan([n('wrong')]), ms: 1, where: 'worker' } });
  assert.equal(runner.busy, true);
  w.answer(w.jobs[0]);
  assert.deepEqual(nodes(await r), ['a']);
});

test('a layout error in the worker is the layout\'s failure, not the worker\'s', async () => {
  const f = fleet();
  const runner = new LayoutRunner(f.make, layoutPlan);
  const r = runner.run([n('a')]);
  f.made[0].onmessage?.({ data: { id: f.made[0].jobs[0].id, error: 'dagre broke' } });
  await assert.rejects(r, /dagre broke/);
  assert.equal(runner.noWorker, undefined);
});

test('when no worker can start, layouts run on the main thread after a deferral', async () => {
  const here = deferred();
  const runner = new LayoutRunner(() => { throw new Error('blocked by CSP'); }, layoutPlan, here.defer);
  const r = runner.run([n('a'), n('b', ['a'])]);
  assert.match(runner.noWorker ?? '', /could not start \(blocked by CSP\)/);
  assert.equal(here.queue.length, 1, 'deferred, so the page can paint its notice first');
  here.flush();
  const done = await r;
  assert.deepEqual([nodes(done), done?.where], [['a', 'b'], 'page']);
  const none = new LayoutRunner(undefined, layoutPlan, here.defer);
  const p = none.run([n('c')]);
  here.flush();
  assert.equal((await p)?.where, 'page');
  assert.equal(none.noWorker, 'no Worker in this page');
});

test('a worker whose script fails hands its layout to the main thread, and later ones too', async () => {
  const f = fleet();
  const here = deferred();
  const runner = new LayoutRunner(f.make, layoutPlan, here.defer);
  const r = runner.run([n('a')]);
  f.made[0].onerror?.({ message: 'SyntaxError' });
  assert.equal(f.made[0].terminated, true);
  here.flush();
  assert.equal((await r)?.where, 'page');
  assert.match(runner.noWorker ?? '', /failed \(SyntaxError\)/);
  const next = runner.run([n('b')]);
  here.flush();
  assert.equal((await next)?.where, 'page');
  assert.equal(f.made.length, 1, 'no new worker is tried');
});

test('a main-thread layout cancelled before its turn never runs', async () => {
  const here = deferred();
  let calls = 0;
  const runner = new LayoutRunner(undefined, (p) => { calls++; return layoutPlan(p); }, here.defer);
  const old = runner.run([n('a')]);
  const fresh = runner.run([n('b')]);
  here.flush();
  assert.equal(await old, undefined);
  assert.deepEqual(nodes(await fresh), ['b']);
  assert.equal(calls, 1);
});
