// The plan as text, in the shape of the seeds' "Execution flow": stage by stage, what runs first,
// what runs in parallel and what it waits for, nested blocks indented.
import type { Plan, PlanNode } from '../plan/types.js';

export function planText(plan: Plan): string {
  const count = countSteps(plan.steps);
  const lines = [
    `${plan.workflow}: ${count} step${count === 1 ? '' : 's'}, ${plan.stages} stage${plan.stages === 1 ? '' : 's'}, up to ${plan.maxConcurrency} at once`,
    '',
  ];
  scopeLines(plan.steps, '  ', lines);
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

function scopeLines(nodes: PlanNode[], indent: string, out: string[]): void {
  const byStage = new Map<number, PlanNode[]>();
  for (const n of nodes) byStage.set(n.stage, [...(byStage.get(n.stage) ?? []), n]);
  const stages = [...byStage.keys()].sort((a, b) => a - b);
  const last = stages[stages.length - 1];
  const ids = new Map(nodes.map((n) => [n.path, n.id]));
  for (const stage of stages) {
    const group = byStage.get(stage)!;
    const names = group.map((n) => n.id).join(', ');
    let text: string;
    if (stages.length === 1) text = group.length > 1 ? `${names} run in parallel` : `${names} runs`;
    else if (stage === stages[0]) text = group.length > 1 ? `${names} run first, in parallel` : `${names} runs first`;
    else {
      // Group the stage's steps by what they wait for: "a, b (after x) and c (after y) run in parallel".
      const byDeps = new Map<string, PlanNode[]>();
      for (const n of group) {
        const key = waitsFor(n, ids).join(', ');
        byDeps.set(key, [...(byDeps.get(key) ?? []), n]);
      }
      if (byDeps.size === 1) {
        const deps = [...byDeps.keys()][0];
        const verb = group.length > 1 ? `${names} run in parallel` : stage === last ? `${names} runs last` : `${names} runs`;
        text = `${verb}${deps ? ` (${group.length > 1 ? 'all depend' : 'depends'} on ${deps})` : ''}`;
      } else {
        const phrases = [...byDeps].map(([deps, ns]) => `${ns.map((n) => n.id).join(', ')}${deps ? ` (after ${deps})` : ''}`);
        text = `${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]} run in parallel`;
      }
    }
    out.push(`${indent}${stages.length > 1 ? `${stage}. ` : ''}${text}`);
    for (const n of group) {
      if (!n.children?.length) continue;
      if (n.kind === 'parallel' && n.children.every((c) => c.kind === 'branch')) {
        const count = n.children.length;
        out.push(`${indent}   ${n.id}: ${count === 1 ? '1 branch' : `${count} branches in parallel`}`);
        for (const b of n.children) {
          out.push(`${indent}     ${b.id}:`);
          scopeLines(b.children ?? [], `${indent}       `, out);
        }
      } else {
        const what = n.kind === 'foreach' ? `${n.id}: for each item` : n.kind === 'workflow' ? `${n.id}: sub-workflow` : `${n.id}:`;
        out.push(`${indent}   ${what}`);
        scopeLines(n.children, `${indent}     `, out);
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
