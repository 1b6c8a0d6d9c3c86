// The dependency graph of language spec 3.2: direct dependencies from references and `needs`, the
// flattened graph of leaf steps the scheduler and the critical path use, stages, and reachability.
// The passes number steps by `Step.index` and keep their graphs in flat arrays: with a Set per step
// and Maps keyed by steps, they took about 40 ms at 10,000 steps against 1.5 ms at 1,000, the part of
// the analysis that grew fastest with the file (issue #2's scaling target).
import { isBlockKind, type Scope, type Step } from '../model/types.js';
import { bodyOutsideDeps } from './foreach-gates.js';
import { childScopes, forEachInside } from './scopes.js';
import type { StepReference } from './types.js';

/** What a step without dependencies (or dependents) maps to: one shared, frozen list. */
const NONE: readonly Step[] = Object.freeze([]);

/** Adjacency lists by node number; `undefined` for a node without edges. */
export type Adjacency = (number[] | undefined)[];

/** Each step's direct dependencies, by step number (`Step.index`); the shared empty list for none. */
export type DepLists = readonly (readonly Step[])[];

/**
 * Direct dependencies of each step (its own references and needs, resolved; each once, in the order
 * met), by step number. `steps` is `model.allSteps`; every step a reference resolves to is in it.
 */
export function directDeps(steps: readonly Step[], references: StepReference[]): DepLists {
  const own: (Step[] | undefined)[] = new Array(steps.length);
  for (const ref of references) {
    if (!ref.from || !ref.target) continue;
    const list = own[ref.from.index];
    if (!list) own[ref.from.index] = [ref.target];
    else if (!list.includes(ref.target)) list.push(ref.target);
  }
  const lists: (readonly Step[])[] = new Array(steps.length);
  for (let i = 0; i < steps.length; i++) lists[i] = own[i] ?? NONE;
  return lists;
}

/** The analysis' public form of the direct dependencies: by step, and the reverse. */
export function dependencyMaps(steps: readonly Step[], deps: DepLists): { deps: Map<Step, readonly Step[]>; dependents: Map<Step, readonly Step[]> } {
  const back: (Step[] | undefined)[] = new Array(steps.length);
  for (const s of steps) for (const d of deps[s.index]!) (back[d.index] ??= []).push(s);
  const byStep = new Map<Step, readonly Step[]>();
  const dependents = new Map<Step, readonly Step[]>();
  for (const s of steps) {
    byStep.set(s, deps[s.index]!);
    dependents.set(s, back[s.index] ?? NONE);
  }
  return { deps: byStep, dependents };
}

/** Leaf steps: actions, plus `workflow` calls (their inside lives in another file). */
function isLeaf(step: Step): boolean {
  return !isBlockKind(step.kind) || step.kind === 'workflow';
}

/**
 * The flattened dependencies between leaves, by step number (`undefined` for blocks and for leaves
 * that wait for nothing): a leaf waits for the leaves of its own dependencies and of every enclosing
 * block's dependencies (a foreach's including what its body reads outside it), each once.
 */
export function leafGraph(steps: readonly Step[], deps: DepLists): Adjacency {
  const n = steps.length;
  const graph: Adjacency = new Array(n);
  const blockLeaves: (number[] | undefined)[] = new Array(n);
  const leavesOf = (block: Step): number[] => {
    let l = blockLeaves[block.index];
    if (!l) {
      const found: number[] = [];
      forEachInside(block, (s) => { if (isLeaf(s)) found.push(s.index); });
      blockLeaves[block.index] = l = found;
    }
    return l;
  };
  // Each foreach's, by step number, found once; the list is made for the first leaf inside a foreach
  // (a file without one makes none).
  let gates: (readonly Step[] | undefined)[] | undefined;
  const gatesOf = (foreach: Step): readonly Step[] => ((gates ??= new Array(n))[foreach.index] ??= bodyOutsideDeps(foreach, (s) => deps[s.index], deps[foreach.index]!));
  const mark = new Int32Array(n); // mark[j] === i + 1: leaf j is already in leaf i's list
  // The leaf being listed and its list so far (one closure for all leaves, not one per leaf).
  let i = 0;
  let list: number[] | undefined;
  const add = (j: number) => {
    if (j === i || mark[j] === i + 1) return;
    mark[j] = i + 1;
    (list ??= []).push(j);
  };
  const addAll = (from: readonly Step[]) => {
    for (const d of from) {
      if (isLeaf(d)) add(d.index);
      else for (const j of leavesOf(d)) add(j);
    }
  };
  for (const step of steps) {
    if (!isLeaf(step)) continue;
    i = step.index;
    list = undefined;
    // The step itself, then each enclosing block; a foreach also waits for what its body reads
    // outside it (foreach-gates.ts).
    for (let holder: Step | undefined = step; holder; holder = holder.scope.owner) {
      addAll(deps[holder.index]!);
      if (holder.kind === 'foreach') addAll(gatesOf(holder));
    }
    graph[i] = list;
  }
  return graph;
}

/**
 * The stage (1-based) of every step within its own steps list, and the number of stages of each list:
 * a step waits for a sibling if it, or anything inside it, depends on that sibling or on something
 * inside it.
 */
export function stagesOf(root: Scope, steps: readonly Step[], deps: DepLists): { stages: Map<Step, number>; stageCount: Map<Scope, number> } {
  const stages = new Map<Step, number>();
  const stageCount = new Map<Scope, number>();
  const local = new Int32Array(steps.length); // position of each step in its own list
  const mark = new Int32Array(steps.length);
  let stamp = 0;
  const visit = (scope: Scope) => {
    scope.steps.forEach((s, k) => { local[s.index] = k; });
    const adj: Adjacency = new Array(scope.steps.length);
    scope.steps.forEach((step, k) => {
      stamp++;
      let list: number[] | undefined;
      const add = (s: Step) => {
        for (const d of deps[s.index]!) {
          // The step of this list that is `d` or encloses it.
          let sib: Step | undefined = d;
          while (sib && sib.scope !== scope) sib = sib.scope.owner;
          if (!sib || sib === step || mark[sib.index] === stamp) continue;
          mark[sib.index] = stamp;
          (list ??= []).push(local[sib.index]!);
        }
      };
      add(step);
      if (step.branches || step.body) forEachInside(step, add);
      adj[k] = list;
    });
    const d = depths(scope.steps.length, adj);
    let max = 0;
    scope.steps.forEach((s, k) => {
      stages.set(s, d[k]!);
      max = Math.max(max, d[k]!);
    });
    stageCount.set(scope, max);
    for (const s of scope.steps) for (const child of childScopes(s)) visit(child);
  };
  visit(root);
  return { stages, stageCount };
}

/**
 * Longest-path depth (1-based) of each node 0..n-1, roots visited in number order; a node on a
 * cycle gets what the walk reaches (an edge back to a node still on the walk counts as depth 0).
 * Iterative, so a 100,000-step chain cannot overflow the stack.
 */
function depths(n: number, adj: Adjacency, nodes?: ArrayLike<number>): Int32Array {
  const depth = new Int32Array(n); // 0: not done yet
  const onStack = new Uint8Array(n);
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  const count = nodes ? nodes.length : n;
  for (let r = 0; r < count; r++) {
    const root = nodes ? nodes[r]! : r;
    if (depth[root]) continue;
    let sp = 0;
    stackNode[sp] = root;
    stackEdge[sp++] = 0;
    onStack[root] = 1;
    while (sp) {
      const node = stackNode[sp - 1]!;
      const out = adj[node];
      if (out && stackEdge[sp - 1]! < out.length) {
        const d = out[stackEdge[sp - 1]!++]!;
        if (!depth[d] && !onStack[d]) {
          onStack[d] = 1;
          stackNode[sp] = d;
          stackEdge[sp++] = 0;
        }
        continue;
      }
      let best = 0;
      if (out) for (const d of out) if (depth[d]! > best) best = depth[d]!;
      depth[node] = best + 1;
      onStack[node] = 0;
      sp--;
    }
  }
  return depth;
}

/** The heaviest chain through the leaf graph, from its first step to its last. */
export function criticalPath(steps: readonly Step[], graph: Adjacency, weight: (s: Step) => number): Step[] {
  const leaves: number[] = [];
  for (const s of steps) if (isLeaf(s)) leaves.push(s.index);
  if (!leaves.length) return [];
  // Dependencies before dependents: leaves bucketed by depth, in document order within a depth.
  const d = depths(steps.length, graph, leaves);
  const byDepth: number[][] = [];
  for (const i of leaves) (byDepth[d[i]!] ??= []).push(i);
  const total = new Float64Array(steps.length);
  const prev = new Int32Array(steps.length).fill(-1);
  let end = -1;
  for (const bucket of byDepth) {
    if (!bucket) continue;
    for (const i of bucket) {
      let best = 0;
      let from = -1;
      for (const j of graph[i] ?? []) {
        if (total[j]! > best) {
          best = total[j]!;
          from = j;
        }
      }
      total[i] = best + weight(steps[i]!);
      prev[i] = from;
      if (end < 0 || total[i]! > total[end]!) end = i;
    }
  }
  const path: Step[] = [];
  for (let i = end; i >= 0; i = prev[i]!) path.push(steps[i]!);
  return path.reverse();
}

/**
 * Reachability in the leaf graph: `reaches(from, to)` says whether `from` (transitively) waits for
 * `to`. One marker array serves every question.
 */
export function reachability(graph: Adjacency): (from: Step, to: Step) => boolean {
  const seen = new Int32Array(graph.length);
  const stack: number[] = [];
  let stamp = 0;
  return (from, to) => {
    stamp++;
    seen[from.index] = stamp;
    stack.length = 0;
    stack.push(from.index);
    while (stack.length) {
      for (const d of graph[stack.pop()!] ?? []) {
        if (d === to.index) return true;
        if (seen[d] !== stamp) {
          seen[d] = stamp;
          stack.push(d);
        }
      }
    }
    return false;
  };
}
