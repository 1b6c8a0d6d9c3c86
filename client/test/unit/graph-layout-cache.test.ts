// The webview's layout skip (webview/layout-cache.ts): a plan like the last one laid out is not laid
// out again, a changed one is, and a page made anew starts from the layout the last page saved.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LayoutCache } from '../../src/graph-view/webview/layout-cache.js';
import { layoutPlan } from '../../src/graph-view/layout.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';

const n = (id: string, needs: string[] = []): PlanNode => ({ id, path: id, kind: 'stub', name: id, stage: 1, needs });

test('lays a plan out only when it differs from the last one laid out', () => {
  let calls = 0;
  const cache = new LayoutCache((p) => { calls++; return layoutPlan(p); });
  const plan = [n('a'), n('b', ['a'])];
  const first = cache.layout(plan);
  assert.equal(first.fresh, true);
  const again = cache.layout(structuredClone(plan));
  assert.equal(again.fresh, false);
  assert.equal(again.layout, first.layout, 'the same layout object, not a new one');
  const changed = cache.layout([...plan, n('c', ['b'])]);
  assert.equal(changed.fresh, true);
  assert.equal(changed.layout.nodes.length, 3);
  assert.deepEqual([calls, cache.layouts, cache.plans, cache.restored], [2, 2, 3, false]);
  assert.equal(typeof cache.lastMs, 'number');
});

test('a new page starts from the saved layout; a state that is not one is ignored', () => {
  const plan = [n('a'), n('b', ['a'])];
  const old = new LayoutCache(layoutPlan);
  old.layout(plan);
  const saved = JSON.parse(JSON.stringify(old.saved())) as unknown; // the webview state is JSON
  let calls = 0;
  const page = new LayoutCache((p) => { calls++; return layoutPlan(p); }, saved);
  assert.equal(page.restored, true);
  assert.equal(page.layout(plan).fresh, false);
  assert.equal(calls, 0);
  for (const junk of [undefined, null, 'x', { key: 1 }, { key: 'k', layout: null }]) assert.equal(new LayoutCache(layoutPlan, junk).restored, false);
});
