// A `workflow` step's plan node holds the called file's steps, under the step's path, so the views
// show a sub-workflow's steps (pending, with their kinds and stages) before they start; calls that
// multiply are planned up to a budget.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import type { AnalysisHost } from '../../src/analysis/types.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { buildPlan, MAX_SUB_WORKFLOW_NODES } from '../../src/plan/build-plan.js';
import type { PlanNode } from '../../src/plan/types.js';
import { callChain } from '../helpers/call-chain.js';

const host = (files: Record<string, string>): AnalysisHost => ({ readFile: (abs) => files[path.basename(abs)] });
const planOf = (files: Record<string, string>, entry: string) =>
  buildPlan(analyse(parseWorkflow(files[entry], path.resolve('/ws', entry)), { host: host(files) }));
const count = (nodes: PlanNode[]): number => nodes.reduce((n, c) => n + 1 + count(c.children ?? []), 0);

describe('sub-workflows in the plan', () => {
  const files = {
    'main.weft.yaml': `steps:
  - id: prep
    stub: true
  - id: call
    needs: prep
    workflow: { path: ./child.weft.yaml }
  - id: each
    foreach:
      items: [1, 2]
      steps:
        - id: inner
          workflow: { path: ./child.weft.yaml }
`,
    'child.weft.yaml': `steps:
  - id: a
    shell: echo a
  - id: b
    stub: { output: "\${steps.a.output}" }
  - id: grand
    workflow: ./grandchild.weft.yaml
`,
    'grandchild.weft.yaml': 'steps:\n  - { id: leaf, stub: true }\n',
  };

  it("lists the called file's steps under the step, with paths, needs and stages of their own", () => {
    const plan = planOf(files, 'main.weft.yaml');
    const call = plan.steps.find((s) => s.id === 'call')!;
    assert.deepEqual(call.needs, ['prep']);
    assert.deepEqual(
      call.children!.map((c) => [c.path, c.kind, c.stage, c.needs]),
      [['call/a', 'shell', 1, []], ['call/b', 'stub', 2, ['call/a']], ['call/grand', 'workflow', 1, []]],
    );
    assert.deepEqual(call.children![2].children!.map((c) => c.path), ['call/grand/leaf'], 'and theirs, recursively');
  });

  it('a sub-workflow inside a foreach body is planned under the static body path', () => {
    const each = planOf(files, 'main.weft.yaml').steps.find((s) => s.id === 'each')!;
    assert.deepEqual(each.children![0].children!.map((c) => c.path), ['each/inner/a', 'each/inner/b', 'each/inner/grand']);
  });

  it('a call that cannot be read, or that loops, has no children', () => {
    const plan = planOf({ 'main.weft.yaml': 'steps:\n  - { id: gone, workflow: ./missing.weft.yaml }\n  - { id: self, workflow: ./main.weft.yaml }\n' }, 'main.weft.yaml');
    assert.deepEqual(plan.steps.map((s) => s.children), [undefined, undefined]);
  });

  it('calls that multiply are planned up to the budget, and no further', () => {
    const chain = callChain(7, 4);
    // Unbounded, 4 + 16 + ... + 4^7 + 4^7 leaves: about 38,000 nodes.
    const plan = planOf(chain, 'w0.weft.yaml');
    const n = count(plan.steps);
    assert.ok(n > MAX_SUB_WORKFLOW_NODES / 2 && n <= MAX_SUB_WORKFLOW_NODES + 4, `${n} nodes`);
    assert.ok(plan.steps.every((s) => s.kind === 'workflow'));
  });

  it('the budget counts every node a call adds, named branches included', () => {
    // Each call adds 5 nodes (the parallel step, its branches x and y, a and b): 2,000 calls take the
    // whole budget; counted by steps alone (3 a call), the budget would let all 2,001 through.
    const calls = MAX_SUB_WORKFLOW_NODES / 5 + 1;
    const plan = planOf({
      'main.weft.yaml': `steps:\n${Array.from({ length: calls }, (_, i) => `  - { id: c${i}, workflow: { path: ./branches.weft.yaml } }\n`).join('')}`,
      'branches.weft.yaml': 'steps:\n  - id: p\n    parallel:\n      branches:\n        x: [{ id: a, stub: true }]\n        y: [{ id: b, stub: true }]\n',
    }, 'main.weft.yaml');
    assert.deepEqual(plan.steps[0].children!.map((c) => [c.path, c.children!.map((b) => [b.kind, b.path])]), [['c0/p', [['branch', 'c0/p/x'], ['branch', 'c0/p/y']]]]);
    assert.equal(count(plan.steps) - calls, MAX_SUB_WORKFLOW_NODES);
    assert.equal(plan.steps[calls - 1].children, undefined);
  });
});
