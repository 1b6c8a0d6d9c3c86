// The plan as text, in the shape of the seeds' "Execution flow": stage by stage, what runs first,
// what runs in parallel (or one at a time, under `maxConcurrency: 1`) and what it waits for, nested
// blocks indented.
import { literalBlockLimit } from '../analysis/block-limits.js';
import type { Analysis } from '../analysis/types.js';
import type { Plan, PlanNode } from '../plan/types.js';

/** The paths of the parallel and foreach blocks of the file that run their steps one at a time. */
export function serialBlockPaths(analysis: Analysis): Set<string> {
  return new Set(analysis.model.allSteps.filter((s) => literalBlockLimit(s) === 1).map((s) => s.path));
}

/**
 * `serialBlocks`: the paths of blocks whose steps run one at a time (serialBlockPaths); the run's
 * own limit is the plan's. Steps under either are not said to run in parallel.
 */
export function planText(plan: Plan, serialBlocks: ReadonlySet<string> = new Set()): string {
  const count = countSteps(plan.steps);
  const lines = [
    `${plan.workflow}: ${count} step${count === 1 ? '' : 's'}, ${plan.stages} stage${plan.stages === 1 ? '' : 's'}, up to ${plan.maxConcurrency} at once`,
    '',
  ];
  scopeLines(plan.steps, '  ', lines, { serialBlocks, serial: plan.maxConcurrency === 1 });
  if (plan.criticalPath.length) lines.push('', `critical path: ${plan.criticalPath.join(' -> ')}`);
  return lines.join('\n') + '\n';
}

/**
 * The file's own steps (as the code lens counts them): not a sub-workflow's, which the plan lists
 * only up to its budget, so that a count of them would depend on the budget.
 */
function countSteps(nodes: PlanNode[]): number {
  return nodes.reduce((n, s) => n + (s.kind === 'branch' ? 0 : 1) + (s.kind === 'workflow' ? 0 : countSteps(s.children ?? [])), 0);
}

interface Limits {
  serialBlocks: ReadonlySet<string>;
  /** The steps of this list run one at a time (the run's limit, or an enclosing block's). */
  serial: boolean;
}

function scopeLines(nodes: PlanNode[], indent: string, out: string[], limits: Limits): void {
  const byStage = new Map<number, PlanNode[]>();
  for (const n of nodes) byStage.set(n.stage, [...(byStage.get(n.stage) ?? []), n]);
  const stages = [...byStage.keys()].sort((a, b) => a - b);
  const last = stages[stages.length - 1];
  const ids = new Map(nodes.map((n) => [n.path, n.id]));
  const together = limits.serial ? 'one at a time' : 'in parallel';
  for (const stage of stages) {
    const group = byStage.get(stage)!;
    const names = group.map((n) => n.id).join(', ');
    let text: string;
    if (stages.length === 1) text = group.length > 1 ? `${names} run ${together}` : `${names} runs`;
    else if (stage === stages[0]) text = group.length > 1 ? `${names} run first, ${together}` : `${names} runs first`;
    else {
      // Group the stage's steps by what they wait for: "a, b (after x) and c (after y) run in parallel".
      const byDeps = new Map<string, PlanNode[]>();
      for (const n of group) {
        const key = waitsFor(n, ids).join(', ');
        byDeps.set(key, [...(byDeps.get(key) ?? []), n]);
      }
      if (byDeps.size === 1) {
        const deps = [...byDeps.keys()][0];
        const verb = group.length > 1 ? `${names} run ${together}` : stage === last ? `${names} runs last` : `${names} runs`;
        text = `${verb}${deps ? ` (${group.length > 1 ? 'all depend' : 'depends'} on ${deps})` : ''}`;
      } else {
        const phrases = [...byDeps].map(([deps, ns]) => `${ns.map((n) => n.id).join(', ')}${deps ? ` (after ${deps})` : ''}`);
        text = `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]} run ${together}`;
      }
    }
    out.push(`${indent}${stages.length > 1 ? `${stage}. ` : ''}${text}`);
    for (const n of group) {
      if (!n.children?.length) continue;
      const inner = { ...limits, serial: limits.serial || limits.serialBlocks.has(n.path) };
      if (n.kind === 'parallel' && n.children.every((c) => c.kind === 'branch')) {
        const count = n.children.length;
        out.push(`${indent}   ${n.id}: ${count === 1 ? '1 branch' : `${count} branches${inner.serial ? ', one step at a time' : ' in parallel'}`}`);
        for (const b of n.children) {
          out.push(`${indent}     ${b.id}:`);
          scopeLines(b.children ?? [], `${indent}       `, out, inner);
        }
      } else {
        const what = n.kind === 'foreach' ? `${n.id}: for each item` : n.kind === 'workflow' ? `${n.id}: sub-workflow` : `${n.id}:`;
        out.push(`${indent}   ${what}`);
        scopeLines(n.children, `${indent}     `, out, inner);
      }
    }
  }
}

/**
 * The ids `n` waits for, in its list: its own needs, and for a block those of its steps that are in
 * this list too (a block's steps wait for what they read, not the block: `group1` of the seed's
 * chained groups is stage 2 because its steps read `prepare`, and says so).
 */
function waitsFor(n: PlanNode, ids: Map<string, string>): string[] {
  const out = new Set(n.needs.map((p) => ids.get(p) ?? p.split('/').pop()!));
  if (n.kind === 'parallel' || n.kind === 'foreach') {
    const inner = (c: PlanNode): void => {
      for (const p of c.needs) {
        const id = ids.get(p);
        if (id !== undefined && p !== n.path) out.add(id);
      }
      c.children?.forEach(inner);
    };
    n.children?.forEach(inner);
  }
  return [...out].sort();
}
