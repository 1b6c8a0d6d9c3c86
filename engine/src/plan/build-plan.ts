// Analysis -> plan: the steps as a tree with their stage and what each waits for. The same object is
// the `plan` of `run.started`, the answer to `weft/plan` and what `weft plan` prints.
import type { Analysis } from '../analysis/types.js';
import type { Scope, Step } from '../model/types.js';
import type { Plan, PlanNode } from './types.js';

export function buildPlan(analysis: Analysis): Plan {
  const { model } = analysis;
  return {
    workflow: model.name,
    file: model.file,
    steps: planScope(analysis, model.root),
    stages: analysis.stageCount.get(model.root) ?? 0,
    criticalPath: analysis.criticalPath.map((s) => s.path),
    maxConcurrency: model.config.maxConcurrency,
  };
}

function planScope(analysis: Analysis, scope: Scope): PlanNode[] {
  return scope.steps.map((s) => planStep(analysis, s));
}

function planStep(analysis: Analysis, step: Step): PlanNode {
  const node: PlanNode = {
    id: step.id,
    path: step.path,
    kind: step.kind ?? 'unknown',
    name: step.name ?? step.id,
    stage: analysis.stages.get(step) ?? 1,
    needs: [...(analysis.deps.get(step) ?? [])].map((d) => d.path),
  };
  if (step.branches) {
    const shorthand = step.branches.every((b) => b.scope.branch === b.scope.steps[0]?.id && b.scope.steps.length === 1 && !isNamedBranch(step, b.name));
    node.children = shorthand
      ? step.branches.flatMap((b) => planScope(analysis, b.scope))
      : step.branches.map((b) => ({
          id: b.name,
          path: `${step.path}/${b.name}`,
          kind: 'branch' as const,
          name: b.name,
          stage: 1,
          needs: [],
          children: planScope(analysis, b.scope),
        }));
  } else if (step.body) {
    node.children = planScope(analysis, step.body);
  }
  return node;
}

function isNamedBranch(step: Step, name: string): boolean {
  const p = step.raw.parallel;
  return !!p && typeof p === 'object' && !Array.isArray(p) && !!(p as { branches?: Record<string, unknown> }).branches?.[name];
}
