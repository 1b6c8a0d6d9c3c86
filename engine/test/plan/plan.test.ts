// The plan tree (interfaces spec, run.started's `plan`): branch nodes, shorthand parallel lists,
// foreach children, stages, and `needs` as the paths each step waits for.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import type { PlanNode } from '../../src/plan/types.js';

const plan = buildPlan(analyse(parseWorkflow(`name: plan-demo
config:
  maxConcurrency: 4
steps:
  - id: read_file
    name: Read the data
    file: { action: read, path: data.txt }
  - id: analyses
    parallel:
      branches:
        summary:
          - id: sum
            llm: { prompt: "Summarize: \${steps.read_file.output}" }
        keypoints:
          - id: keys
            llm: { prompt: "Key points: \${steps.read_file.output}" }
          - id: rank
            needs: keys
            stub: true
  - id: quick
    parallel: [ {id: a, stub: true}, {id: b, needs: read_file, stub: true} ]
  - id: per_item
    needs: quick
    foreach:
      items: [1, 2]
      steps:
        - id: size
          shell: echo \${item}
        - id: count
          shell: echo \${steps.size.output}
  - id: combine
    llm: { prompt: "\${steps.analyses.output} \${steps.per_item.output}" }
`, '/w/plan-demo.weft.yaml')));

/** [path, kind, stage, needs] for every node, depth first. */
function rows(nodes: PlanNode[]): [string, string, number, string[]][] {
  return nodes.flatMap((n) => [[n.path, n.kind, n.stage, n.needs] as [string, string, number, string[]], ...rows(n.children ?? [])]);
}

describe('buildPlan', () => {
  it('carries the workflow, file, stage count, concurrency and critical path', () => {
    assert.equal(plan.workflow, 'plan-demo');
    assert.equal(plan.file, '/w/plan-demo.weft.yaml');
    assert.equal(plan.stages, 4);
    assert.equal(plan.maxConcurrency, 4);
    assert.deepEqual(plan.criticalPath, ['read_file', 'quick/b', 'per_item/size', 'per_item/count', 'combine']);
  });

  it('is a tree: named branches become branch nodes, a shorthand list does not, foreach bodies are children', () => {
    assert.deepEqual(rows(plan.steps), [
      ['read_file', 'file', 1, []],
      ['analyses', 'parallel', 2, []],
      ['analyses/summary', 'branch', 1, []],
      ['analyses/summary/sum', 'llm', 1, ['read_file']],
      ['analyses/keypoints', 'branch', 1, []],
      ['analyses/keypoints/keys', 'llm', 1, ['read_file']],
      ['analyses/keypoints/rank', 'stub', 2, ['analyses/keypoints/keys']],
      ['quick', 'parallel', 2, []],
      ['quick/a', 'stub', 1, []],
      ['quick/b', 'stub', 1, ['read_file']],
      ['per_item', 'foreach', 3, ['quick']],
      ['per_item/size', 'shell', 1, []],
      ['per_item/count', 'shell', 2, ['per_item/size']],
      ['combine', 'llm', 4, ['analyses', 'per_item']],
    ]);
  });

  it('names nodes by their name, or their id', () => {
    assert.equal(plan.steps[0].name, 'Read the data');
    assert.equal(plan.steps[1].name, 'analyses');
    assert.equal(plan.steps[1].children![0].name, 'summary');
  });

  it('is plain JSON (what run.started carries)', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(plan)), plan);
  });
});
