// Priorities for the ready queue (language spec 3.2): the longest remaining path from a step to the
// end of the graph, the step's own weight included. Weights are durations recorded in earlier runs
// (ms, by static path) when there are any, else one unit per step. Blocks are modelled as a start
// and an end node (children start after the block's start, the block ends after its children), so
// a step before a large block ranks by everything that must follow it. Typed arrays and no
// recursion: 100,000-step graphs cost the same per step as small ones and never overflow the stack.
import type { Analysis } from '../analysis/types.js';
import { isBlockKind, type Scope, type Step } from '../model/types.js';
import { bodyOutsideDeps } from '../analysis/foreach-gates.js';
import { compileWiring, type Wiring } from './wiring.js';

export interface Priorities {
  /** Document order of each step (index into `rem`). */
  index: Map<Step, number>;
  /** Remaining path of each leaf step (itself included), by index. */
  rem: Float64Array;
  /** Remaining path after each block's end, by index (for sub-workflow tails). */
  afterEnd: Float64Array;
  /** Longest path through the whole graph. */
  total: number;
  /** Position of each step in its own steps list, by index. */
  pos: Int32Array;
  /** Which steps of the same list wait for each step (wiring.ts). */
  wiring: Wiring;
}

/** Weight of a leaf: recorded duration for its static path, else the mean of known ones, else 1. */
export function weightFn(durations: Map<string, number> | undefined, prefix = ''): (s: Step) => number {
  if (!durations || durations.size === 0) return () => 1;
  let sum = 0;
  for (const v of durations.values()) sum += v;
  const fallback = Math.max(1, sum / durations.size);
  return (s) => Math.max(1, durations.get(prefix + s.path) ?? fallback);
}

export function childScopes(s: Step): Scope[] {
  const scopes: Scope[] = [];
  if (s.branches) for (const b of s.branches) scopes.push(b.scope);
  if (s.body) scopes.push(s.body);
  return scopes;
}

export function computePriorities(analysis: Analysis, durations: Map<string, number> | undefined, prefix = ''): Priorities {
  const steps = analysis.model.allSteps;
  const count = steps.length;
  const index = new Map<Step, number>();
  for (let i = 0; i < count; i++) index.set(steps[i], i);
  const pos = new Int32Array(count);
  const seen = new Set<Scope>();
  for (const s of steps) {
    if (seen.has(s.scope)) continue;
    seen.add(s.scope);
    s.scope.steps.forEach((x, k) => {
      const i = index.get(x);
      if (i !== undefined) pos[i] = k;
    });
  }
  const weight = weightFn(durations, prefix);
  const depLists: Step[][] = new Array(count);
  let gateOnly: Map<number, ReadonlySet<Step>> | undefined;
  // Edge list (node 2i = start of step i, 2i+1 = its end), then compressed rows.
  const from: number[] = [];
  const to: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < count; i++) {
    const s = steps[i];
    let own = 0;
    if (s.kind === 'workflow') {
      const child = analysis.subWorkflows.get(s);
      if (child) own = computePriorities(child, durations, prefix + s.path + '/').total;
    } else if (!isBlockKind(s.kind)) own = weight(s);
    from.push(2 * i);
    to.push(2 * i + 1);
    w.push(own);
    let deps = analysis.deps.get(s);
    if (s.kind === 'foreach') {
      const gates = bodyOutsideDeps(s, (x) => analysis.deps.get(x), deps ?? []);
      if (gates.length) {
        (gateOnly ??= new Map()).set(i, new Set(gates));
        deps = [...(deps ?? []), ...gates];
      }
    }
    depLists[i] = deps ? [...deps] : [];
    if (deps) {
      for (const d of deps) {
        const j = index.get(d);
        if (j !== undefined) {
          from.push(2 * j + 1);
          to.push(2 * i);
          w.push(0);
        }
      }
    }
    if (s.branches || s.body) {
      for (const scope of childScopes(s)) {
        for (const c of scope.steps) {
          const j = index.get(c);
          if (j === undefined) continue;
          from.push(2 * i, 2 * j + 1);
          to.push(2 * j, 2 * i + 1);
          w.push(0, 0);
        }
      }
    }
  }
  const n = count * 2;
  const m = from.length;
  const offset = new Int32Array(n + 1);
  const indeg = new Int32Array(n);
  for (let e = 0; e < m; e++) {
    offset[from[e] + 1]++;
    indeg[to[e]]++;
  }
  for (let v = 0; v < n; v++) offset[v + 1] += offset[v];
  const fill = offset.slice(0, n);
  const target = new Int32Array(m);
  const weightOf = new Float64Array(m);
  for (let e = 0; e < m; e++) {
    const k = fill[from[e]]++;
    target[k] = to[e];
    weightOf[k] = w[e];
  }
  // Kahn's order, then longest paths backwards.
  const order = new Int32Array(n);
  let len = 0;
  for (let v = 0; v < n; v++) if (indeg[v] === 0) order[len++] = v;
  for (let k = 0; k < len; k++) {
    const v = order[k];
    for (let e = offset[v]; e < offset[v + 1]; e++) if (--indeg[target[e]] === 0) order[len++] = target[e];
  }
  const longest = new Float64Array(n);
  for (let k = len - 1; k >= 0; k--) {
    const v = order[k];
    let best = 0;
    for (let e = offset[v]; e < offset[v + 1]; e++) {
      const x = weightOf[e] + longest[target[e]];
      if (x > best) best = x;
    }
    longest[v] = best;
  }
  const rem = new Float64Array(count);
  const afterEnd = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i++) {
    rem[i] = longest[2 * i];
    afterEnd[i] = longest[2 * i + 1];
    if (rem[i] > total) total = rem[i];
  }
  return { index, rem, afterEnd, total, pos, wiring: compileWiring(steps, index, depLists, gateOnly) };
}
