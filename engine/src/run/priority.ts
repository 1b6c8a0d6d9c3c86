// Priorities for the ready queue (language spec 3.2): the longest remaining path from a step to the
// end of the graph, the step's own weight included. Weights are durations recorded in earlier runs
// (ms, by static path) when there are any, else one unit per step. Blocks are modelled as a start
// and an end node (children start after the block's start, the block ends after its children), so
// a step before a large block ranks by everything that must follow it. Iterative (no recursion):
// 100,000-step chains must not overflow the stack.
import type { Analysis } from '../analysis/types.js';
import type { Step } from '../model/types.js';

export interface Priorities {
  /** Remaining path of each leaf step, itself included. */
  leaf: Map<Step, number>;
  /** Remaining path after each block's end (what waits for it), for sub-workflow tails. */
  afterEnd: Map<Step, number>;
  /** Longest path through the whole graph. */
  total: number;
}

/** Weight of a leaf: recorded duration for its static path, else the mean of known ones, else 1. */
export function weightFn(durations: Map<string, number> | undefined, prefix = ''): (s: Step) => number {
  if (!durations || durations.size === 0) return () => 1;
  let sum = 0;
  for (const v of durations.values()) sum += v;
  const fallback = Math.max(1, sum / durations.size);
  return (s) => Math.max(1, durations.get(prefix + s.path) ?? fallback);
}

export function computePriorities(
  analysis: Analysis,
  durations: Map<string, number> | undefined,
  prefix = '',
): Priorities {
  const steps = analysis.model.allSteps;
  const index = new Map<Step, number>();
  steps.forEach((s, i) => index.set(s, i));
  const weight = weightFn(durations, prefix);
  const n = steps.length * 2;
  // Adjacency as flat arrays: edges from node -> (to, weight).
  const out: { to: number; w: number }[][] = Array.from({ length: n }, () => []);
  const indeg = new Int32Array(n);
  const edge = (a: number, b: number, w: number) => {
    out[a].push({ to: b, w });
    indeg[b]++;
  };
  const afterEndChild = new Map<Step, number>();
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    let w = 0;
    if (s.kind === 'workflow') {
      const child = analysis.subWorkflows.get(s);
      if (child) w = computePriorities(child, durations, prefix + s.path + '/').total;
      afterEndChild.set(s, w);
    } else if (!isBlock(s)) w = weight(s);
    edge(2 * i, 2 * i + 1, w);
    for (const d of analysis.deps.get(s) ?? []) {
      const j = index.get(d);
      if (j !== undefined) edge(2 * j + 1, 2 * i, 0);
    }
    for (const scope of childScopes(s)) {
      for (const c of scope.steps) {
        const j = index.get(c);
        if (j === undefined) continue;
        edge(2 * i, 2 * j, 0);
        edge(2 * j + 1, 2 * i + 1, 0);
      }
    }
  }
  // Kahn's order, then longest paths backwards.
  const order: number[] = [];
  for (let v = 0; v < n; v++) if (indeg[v] === 0) order.push(v);
  for (let k = 0; k < order.length; k++) {
    for (const e of out[order[k]]) if (--indeg[e.to] === 0) order.push(e.to);
  }
  const longest = new Float64Array(n);
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k];
    let best = 0;
    for (const e of out[v]) best = Math.max(best, e.w + longest[e.to]);
    longest[v] = best;
  }
  const leaf = new Map<Step, number>();
  const afterEnd = new Map<Step, number>();
  let total = 0;
  for (let i = 0; i < steps.length; i++) {
    if (isBlock(steps[i])) afterEnd.set(steps[i], longest[2 * i + 1]);
    else leaf.set(steps[i], longest[2 * i]);
    total = Math.max(total, longest[2 * i]);
  }
  return { leaf, afterEnd, total };
}

export function isBlock(s: Step): boolean {
  return s.kind === 'parallel' || s.kind === 'foreach' || s.kind === 'workflow';
}

export function childScopes(s: Step) {
  const scopes = [];
  for (const b of s.branches ?? []) scopes.push(b.scope);
  if (s.body) scopes.push(s.body);
  return scopes;
}
