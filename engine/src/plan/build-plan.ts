// Analysis -> plan: the steps as a tree with their stage and what each waits for. The same object is
// the `plan` of `run.started`, the answer to `weft/plan` and what `weft plan` prints. A `workflow`
// step's children are the called file's steps, under the step's path (`first/words`), as they run.
// A foreach's `needs` also name what its body reads or needs outside it: the run holds the foreach
// (and so every iteration's steps) until those have finished (language spec 3.2).
import type { Analysis } from '../analysis/types.js';
import type { Scope, Step } from '../model/types.js';
import { bodyOutsideDeps } from '../analysis/foreach-gates.js';
import type { Plan, PlanNode } from './types.js';

/**
 * The most nodes a plan takes from sub-workflows. Calls multiply (a file calling a child three
 * times, which calls its own three times, ...), so past this a `workflow` step is planned without
 * its children; the run still adds them to the views as they start.
 */
export const MAX_SUB_WORKFLOW_NODES = 10_000;

interface Budget {
  left: number;
  /** Each called file's own node count, counted once: its analysis is shared by every step that calls it. */
  sizes: Map<Analysis, number>;
}

export function buildPlan(analysis: Analysis): Plan {
  const { model } = analysis;
  return {
    workflow: model.name,
    file: model.file,
    steps: planScope(analysis, model.root, '', { left: MAX_SUB_WORKFLOW_NODES, sizes: new Map() }),
    stages: analysis.stageCount.get(model.root) ?? 0,
    criticalPath: analysis.criticalPath.map((s) => s.path),
    maxConcurrency: model.config.maxConcurrency,
  };
}

/** `prefix` is the path of the `workflow` step whose child this analysis is ('' at the top). */
function planScope(analysis: Analysis, scope: Scope, prefix: string, budget: Budget): PlanNode[] {
  return scope.steps.map((s) => planStep(analysis, s, prefix, budget));
}

function planStep(analysis: Analysis, step: Step, prefix: string, budget: Budget): PlanNode {
  const path = prefix + step.path;
  const own = analysis.deps.get(step) ?? [];
  // The same gates the scheduler applies (analysis/foreach-gates.ts), so the plan says what the run does.
  const waits = step.kind === 'foreach' ? [...own, ...bodyOutsideDeps(step, (s) => analysis.deps.get(s), own)] : own;
  const node: PlanNode = {
    id: step.id,
    path,
    kind: step.kind ?? 'unknown',
    name: step.name ?? step.id,
    stage: analysis.stages.get(step) ?? 1,
    needs: waits.map((d) => prefix + d.path),
  };
  if (step.branches) {
    node.children = hasBranchNodes(step)
      ? step.branches.map((b) => ({
          id: b.name,
          path: `${path}/${b.name}`,
          kind: 'branch' as const,
          name: b.name,
          stage: 1,
          needs: [],
          children: planScope(analysis, b.scope, prefix, budget),
        }))
      : step.branches.flatMap((b) => planScope(analysis, b.scope, prefix, budget));
  } else if (step.body) {
    node.children = planScope(analysis, step.body, prefix, budget);
  } else if (step.kind === 'workflow') {
    const child = analysis.subWorkflows.get(step);
    const size = child ? ownNodeCount(child, budget.sizes) : 0;
    if (child && size > 0 && size <= budget.left) {
      budget.left -= size;
      node.children = planScope(child, child.model.root, path + '/', budget);
    }
  }
  return node;
}

/** Whether a parallel step's branches are plan nodes of their own (not the shorthand list, one step a branch). */
function hasBranchNodes(step: Step): boolean {
  return !step.branches!.every((b) => b.scope.branch === b.scope.steps[0]?.id && b.scope.steps.length === 1 && !isNamedBranch(step, b.name));
}

/** The nodes a file adds to the plan, its sub-workflows' aside: every step, and named branches. */
function ownNodeCount(analysis: Analysis, sizes: Map<Analysis, number>): number {
  let n = sizes.get(analysis);
  if (n === undefined) {
    n = 0;
    for (const s of analysis.model.allSteps) n += 1 + (s.branches && hasBranchNodes(s) ? s.branches.length : 0);
    sizes.set(analysis, n);
  }
  return n;
}

function isNamedBranch(step: Step, name: string): boolean {
  const p = step.raw.parallel;
  return !!p && typeof p === 'object' && !Array.isArray(p) && !!(p as { branches?: Record<string, unknown> }).branches?.[name];
}
