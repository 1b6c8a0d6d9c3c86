// The webview's layout skip and order (webview/layout-cache.ts): a plan like the last one laid out is
// not laid out again, a changed one is, a page made anew starts from the layout the last page saved,
// and only the newest plan asked for is answered: an older layout that comes back late is dropped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayoutCache } from '../../src/graph-view/webview/layout-cache.js';
import type { LaidOut, Layouter } from '../../src/graph-view/webview/layout-runner.js';
import { layoutPlan } from '../../src/graph-view/layout.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';

const n = (id: string, needs: string[] = []): PlanNode => ({ id, path: id, kind: 'stub', name: id, stage: 1, needs });

/** Lays out at once (as a worker would, later), counting its calls and cancels. */
class Immediate implements Layouter {
  calls = 0;
  cancels = 0;
  async run(plan: PlanNode[]): Promise<LaidOut> { this.calls++; return { layout: layoutPlan(plan), ms: 1, where: 'worker' }; }
  cancel(): void { this.cancels++; }
}

/** Answers each layout only when the test says so, in any order, and never cancels anything itself (a layout comes back even when it is stale). */
class Held implements Layouter {
  jobs: { plan: PlanNode[]; finish: () => void }[] = [];
  cancels = 0;
  run(plan: PlanNode[]): Promise<LaidOut> {
    return new Promise((resolve) => this.jobs.push({ plan, finish: () => resolve({ layout: layoutPlan(plan), ms: 1, where: 'worker' }) }));
  }
  cancel(): void { this.cancels++; }
}

const ids = (r: { layout: { nodes: { path: string }[] } } | undefined) => r?.layout.nodes.map((b) => b.path).sort();

test('lays a plan out only when it differs from the last one laid out', async () => {
  const lay = new Immediate();
  const cache = new LayoutCache(lay);
  const plan = [n('a'), n('b', ['a'])];
  let starts = 0;
  const starting = () => { starts++; };
  const first = await cache.layout(plan, starting);
  assert.equal(first?.fresh, true);
  const again = await cache.layout(structuredClone(plan), starting);
  assert.equal(again?.fresh, false);
  assert.equal(starts, 1, 'the page is told a layout starts only when one does');
  assert.equal(again?.layout, first?.layout, 'the same layout object, not a new one');
  const changed = await cache.layout([...plan, n('c', ['b'])]);
  assert.equal(changed?.fresh, true);
  assert.equal(changed?.layout.nodes.length, 3);
  assert.deepEqual([lay.calls, cache.layouts, cache.plans, cache.restored], [2, 2, 3, false]);
  assert.deepEqual([cache.lastMs, cache.lastWhere], [1, 'worker']);
});

test('a new page starts from the saved layout; a state that is not one is ignored', async () => {
  const plan = [n('a'), n('b', ['a'])];
  const old = new LayoutCache(new Immediate());
  await old.layout(plan);
  const saved = JSON.parse(JSON.stringify(old.saved())) as unknown; // the webview state is JSON
  const lay = new Immediate();
  const page = new LayoutCache(lay, saved);
  assert.equal(page.restored, true);
  assert.equal((await page.layout(plan))?.fresh, false);
  assert.equal(lay.calls, 0);
  for (const junk of [undefined, null, 'x', { key: 1 }, { key: 'k', layout: null }]) assert.equal(new LayoutCache(new Immediate(), junk).restored, false);
});

test('a layout that finishes after a newer plan was asked for is dropped, not answered nor kept', async () => {
  const lay = new Held();
  const cache = new LayoutCache(lay);
  const big = cache.layout([n('a'), n('b'), n('c')]);
  const small = cache.layout([n('x')]);
  assert.equal(lay.jobs.length, 2);
  // The newer one finishes first, the older one after it.
  lay.jobs[1].finish();
  assert.deepEqual(ids(await small), ['x']);
  lay.jobs[0].finish();
  assert.equal(await big, undefined, 'the older plan gets no layout');
  assert.deepEqual(cache.saved()?.layout.nodes.map((b) => b.path), ['x'], 'the kept layout is the newer plan\'s');
  assert.equal(cache.layouts, 1);
});

test('a newer plan answered from the cache still wins over an older layout in flight', async () => {
  const lay = new Held();
  const cache = new LayoutCache(lay);
  const first = cache.layout([n('x')]);
  lay.jobs[0].finish();
  assert.deepEqual(ids(await first), ['x']);
  const edit = cache.layout([n('x'), n('y', ['x'])]);
  const undo = await cache.layout([n('x')]);
  assert.deepEqual([undo?.fresh, ids(undo)], [false, ['x']]);
  assert.equal(lay.cancels, 1, 'the answer from the cache cancels the layout in flight');
  lay.jobs[1].finish();
  assert.equal(await edit, undefined);
  assert.deepEqual(cache.saved()?.layout.nodes.map((b) => b.path), ['x']);
  // And a plan is laid out again afterwards as usual.
  const grown = cache.layout([n('x'), n('z', ['x'])]);
  lay.jobs[2].finish();
  assert.deepEqual(ids(await grown), ['x', 'z']);
});

test('cancel drops the layout in flight; one that fails after it is not reported either', async () => {
  const failing: Layouter & { fail?: () => void } = { run: () => new Promise((_, reject) => { failing.fail = () => reject(new Error('boom')); }), cancel: () => undefined };
  const cache = new LayoutCache(failing);
  const stale = cache.layout([n('a')]);
  cache.cancel();
  failing.fail!();
  assert.equal(await stale, undefined);
  const current = cache.layout([n('b')]);
  failing.fail!();
  await assert.rejects(current, /boom/, 'the newest plan\'s failure is reported');
});
