// The dependency graph of language spec 3.2: direct dependencies from references and `needs`, the
// flattened graph of leaf steps the scheduler and the critical path use, and reachability.
import { isBlockKind, type Scope, type Step } from '../model/types.js';
import { children, descendants } from './scopes.js';
import type { StepReference } from './types.js';

/** What a step without dependencies iterates over. */
const NO_DEPS: ReadonlySet<Step> = new Set();

export function directDeps(steps: Step[], references: StepReference[]): { deps: Map<Step, Set<Step>>; dependents: Map<Step, Set<Step>> } {
  const deps = new Map<Step, Set<Step>>();
  const dependents = new Map<Step, Set<Step>>();
  for (const s of steps) {
    deps.set(s, new Set());
    dependents.set(s, new Set());
  }
  for (const ref of references) {
    if (!ref.from || !ref.target) continue;
    deps.get(ref.from)?.add(ref.target);
    dependents.get(ref.target)?.add(ref.from);
  }
  return { deps, dependents };
}

/** Leaf steps: actions, plus `workflow` calls (their inside lives in another file). */
export function isLeaf(step: Step): boolean {
  return !isBlockKind(step.kind) || step.kind === 'workflow';
}

/** The leaves a step stands for when something waits for it: itself, or every leaf inside a block. */
export function leavesOf(step: Step): Step[] {
  return isLeaf(step) ? [step] : descendants(step).filter(isLeaf);
}

/**
 * Flattened dependencies between leaves: a leaf waits for the leaves of its own dependencies and
 * of every enclosing block's dependencies.
 */
export function leafGraph(steps: Step[], deps: Map<Step, Set<Step>>): Map<Step, Set<Step>> {
  const graph = new Map<Step, Set<Step>>();
  const leafCache = new Map<Step, Step[]>();
  const leaves = (s: Step) => {
    let l = leafCache.get(s);
    if (!l) leafCache.set(s, (l = leavesOf(s)));
    return l;
  };
  for (const step of steps) {
    if (!isLeaf(step)) continue;
    const set = new Set<Step>();
    // The step itself, then each enclosing block (the walk of `ancestors`, without its list).
    for (let holder: Step | undefined = step; holder; holder = holder.scope.owner) {
      for (const d of deps.get(holder) ?? NO_DEPS) for (const l of leaves(d)) if (l !== step) set.add(l);
    }
    graph.set(step, set);
  }
  return graph;
}

/** Dependencies among the steps of one scope: a step waits for a sibling if it or anything inside it does. */
export function scopeDeps(scope: Scope, deps: Map<Step, Set<Step>>): Map<Step, Set<Step>> {
  const result = new Map<Step, Set<Step>>();
  // The step of this scope that is `target` or encloses it (the walk of `ancestors`, without its list).
  const siblingOf = (target: Step): Step | undefined => {
    for (let s: Step | undefined = target; s; s = s.scope.owner) if (s.scope === scope) return s;
    return undefined;
  };
  for (const step of scope.steps) {
    const set = new Set<Step>();
    const add = (s: Step) => {
      for (const d of deps.get(s) ?? NO_DEPS) {
        const sib = siblingOf(d);
        if (sib && sib !== step) set.add(sib);
      }
    };
    add(step);
    if (step.branches || step.body) for (const s of descendants(step)) add(s);
    result.set(step, set);
  }
  return result;
}

/** Longest-path depth (1-based) of each node of a graph; nodes on cycles get what the walk reaches. */
export function depths<T>(nodes: Iterable<T>, edges: Map<T, Set<T>>): Map<T, number> {
  const depth = new Map<T, number>();
  const onStack = new Set<T>();
  const visit = (root: T) => {
    // Iterative DFS so a 100,000-step chain cannot overflow the stack.
    const stack: { node: T; it: Iterator<T> }[] = [{ node: root, it: (edges.get(root) ?? new Set()).values() }];
    onStack.add(root);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = top.it.next();
      if (!next.done) {
        const d = next.value;
        if (!depth.has(d) && !onStack.has(d)) {
          onStack.add(d);
          stack.push({ node: d, it: (edges.get(d) ?? new Set()).values() });
        }
        continue;
      }
      let best = 0;
      for (const d of edges.get(top.node) ?? []) best = Math.max(best, depth.get(d) ?? 0);
      depth.set(top.node, best + 1);
      onStack.delete(top.node);
      stack.pop();
    }
  };
  for (const n of nodes) if (!depth.has(n)) visit(n);
  return depth;
}

/** The heaviest chain through a DAG of leaves, from its first step to its last. */
export function criticalPath(graph: Map<Step, Set<Step>>, weight: (s: Step) => number): Step[] {
  const best = new Map<Step, { total: number; prev: Step | undefined }>();
  const order = topoOrder(graph);
  for (const step of order) {
    let total = 0;
    let prev: Step | undefined;
    for (const d of graph.get(step) ?? []) {
      const b = best.get(d);
      if (b && b.total > total) {
        total = b.total;
        prev = d;
      }
    }
    best.set(step, { total: total + weight(step), prev });
  }
  let end: Step | undefined;
  let endTotal = -1;
  for (const step of order) {
    const t = best.get(step)!.total;
    if (t > endTotal) {
      endTotal = t;
      end = step;
    }
  }
  const path: Step[] = [];
  for (let s = end; s; s = best.get(s)?.prev) path.unshift(s);
  return path;
}

/** Dependencies before dependents; steps on cycles are placed where the walk meets them. */
export function topoOrder<T>(graph: Map<T, Set<T>>): T[] {
  const d = depths(graph.keys(), graph);
  // Bucketed by depth, keys in their order within a depth (what a stable sort gives), in linear time.
  const byDepth: T[][] = [];
  for (const node of graph.keys()) (byDepth[d.get(node)!] ??= []).push(node);
  return byDepth.flat();
}

/** Whether `from` (transitively) waits for `to` in the leaf graph. */
export function reaches(graph: Map<Step, Set<Step>>, from: Step, to: Step): boolean {
  const seen = new Set<Step>([from]);
  const stack = [from];
  while (stack.length) {
    const s = stack.pop()!;
    for (const d of graph.get(s) ?? []) {
      if (d === to) return true;
      if (!seen.has(d)) {
        seen.add(d);
        stack.push(d);
      }
    }
  }
  return false;
}

export { children };
