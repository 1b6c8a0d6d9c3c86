// The graph layout: dagre places every leaf, blocks become clusters around their children, a
// dependency on a block is drawn from its last steps, and sub-workflows are drawn in within a limit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { drawnPlan, GRAPH_NODE_LIMIT } from '../../src/graph-view/drawn-plan.js';
import { layoutPlan } from '../../src/graph-view/layout.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';

const n = (id: string, path: string, stage: number, needs: string[] = [], kind = 'stub', children?: PlanNode[]): PlanNode =>
  ({ id, path, kind: kind as PlanNode['kind'], name: id, stage, needs, ...(children ? { children } : {}) });

test('leaves, clusters and edges', () => {
  const plan = [
    n('fetch', 'fetch', 1),
    n('fan', 'fan', 2, ['fetch'], 'parallel', [
      n('left', 'fan/left', 1, [], 'branch', [n('l1', 'fan/left/l1', 1)]),
      n('right', 'fan/right', 1, [], 'branch', [n('r1', 'fan/right/r1', 1), n('r2', 'fan/right/r2', 2, ['fan/right/r1'])]),
    ]),
    n('combine', 'combine', 3, ['fan']),
  ];
  const l = layoutPlan(plan);
  assert.deepEqual(l.nodes.map((x) => x.path).sort(), ['combine', 'fan/left/l1', 'fan/right/r1', 'fan/right/r2', 'fetch']);
  assert.deepEqual(l.clusters.map((x) => x.path), ['fan', 'fan/left', 'fan/right']);
  const edges = l.edges.map((e) => `${e.from}->${e.to}`).sort();
  assert.deepEqual(edges, ['fan/left/l1->combine', 'fan/right/r1->fan/right/r2', 'fan/right/r2->combine', 'fetch->fan/left/l1', 'fetch->fan/right/r1']);
  const x = (p: string) => l.nodes.find((b) => b.path === p)!.x;
  assert.ok(x('fetch') < x('fan/right/r1') && x('fan/right/r1') < x('fan/right/r2') && x('fan/right/r2') < x('combine'));
  const fan = l.clusters[0];
  for (const p of ['fan/left/l1', 'fan/right/r2']) {
    const b = l.nodes.find((q) => q.path === p)!;
    assert.ok(b.x >= fan.x && b.x + b.width <= fan.x + fan.width, `${p} inside fan`);
  }
});

test("a sub-workflow's steps are drawn in as deep as the graph stays within its limit", () => {
  // Each file calls the next four times: 4 + 16 + 64 + ... nodes, as the plan lists them.
  const calls = (prefix: string, depth: number): PlanNode[] =>
    ['a', 'b', 'c', 'd'].map((id) => depth === 0 ? n(id, prefix + id, 1) : n(id, prefix + id, 1, [], 'workflow', calls(`${prefix}${id}/`, depth - 1)));
  // As the page gets it: cut by the host (graph-panel.ts) before it is posted.
  const small = layoutPlan(drawnPlan(calls('', 1)));
  assert.deepEqual([small.clusters.length, small.nodes.length], [4, 16], 'one level of calls: every call a cluster');
  const deep = layoutPlan(drawnPlan(calls('', 6))); // 5,460 nodes in the plan
  const drawn = deep.nodes.length + deep.clusters.length;
  assert.ok(drawn <= GRAPH_NODE_LIMIT, `${drawn} nodes drawn`);
  assert.deepEqual([deep.clusters.length, deep.nodes.length], [4 + 16 + 64, 256], 'three levels of calls drawn in (340 nodes; four would be 1,364)');
  assert.ok(deep.nodes.every((b) => b.kind === 'workflow'), 'the calls past that are boxes');
});

test('a file of more steps than the limit is drawn whole: the limit leaves out only sub-workflow steps', () => {
  const plan = Array.from({ length: GRAPH_NODE_LIMIT + 1 }, (_, i) => n(`s${i}`, `s${i}`, 1));
  assert.deepEqual(drawnPlan(plan), plan);
});
