// Finds dependency loops (code `cycle`). Edges: a step waits for what it references or needs, and a
// block waits for the steps inside it. Each loop is reported once, spelled out, on every reference
// that belongs to it, even inside a large strongly connected component.
import type { Diagnostic, RelatedInfo, Step, WorkflowModel } from '../model/types.js';
import type { Adjacency, DepLists } from './graph.js';
import { isStepField } from '../model/schema-fields.js';
import { children } from './scopes.js';
import type { StepReference } from './types.js';

/**
 * Tarjan's strongly connected components, iteratively, over nodes numbered 0..n-1 (`adj[i]` lists the
 * nodes `i` waits for, in edge order). Returns only the components that hold a loop: two or more
 * nodes, or one node with an edge to itself. Typed arrays, as an acyclic 5,000-step workflow (the
 * usual case, on every keystroke in the editor) should cost no per-step objects.
 */
function loopComponents(n: number, adj: Readonly<Adjacency>): number[][] {
  let counter = 0;
  const index = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const onStack = new Uint8Array(n);
  const stack = new Int32Array(n);
  let sp = 0;
  const workNode = new Int32Array(n);
  const workEdge = new Int32Array(n);
  let wp = 0;
  const result: number[][] = [];
  for (let root = 0; root < n; root++) {
    if (index[root] !== -1) continue;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    workNode[wp] = root;
    workEdge[wp++] = 0;
    while (wp) {
      const node = workNode[wp - 1]!;
      const out = adj[node];
      if (out && workEdge[wp - 1]! < out.length) {
        const next = out[workEdge[wp - 1]!++]!;
        if (index[next] === -1) {
          index[next] = low[next] = counter++;
          stack[sp++] = next;
          onStack[next] = 1;
          workNode[wp] = next;
          workEdge[wp++] = 0;
        } else if (onStack[next]) {
          low[node] = Math.min(low[node]!, index[next]!);
        }
        continue;
      }
      wp--;
      if (wp) {
        const parent = workNode[wp - 1]!;
        low[parent] = Math.min(low[parent]!, low[node]!);
      }
      if (low[node] === index[node]) {
        const top = stack[sp - 1]!;
        if (top === node) {
          // A single node: a loop only when it waits for itself.
          sp--;
          onStack[node] = 0;
          if (out?.includes(node)) result.push([node]);
          continue;
        }
        const comp: number[] = [];
        let s: number;
        do {
          s = stack[--sp]!;
          onStack[s] = 0;
          comp.push(s);
        } while (s !== node);
        result.push(comp);
      }
    }
  }
  return result;
}

/**
 * Shortest path from `from` to `to` inside a component (BFS over step numbers), as the list of steps.
 * `prev` is scratch space of allSteps' length, all -1 on entry and on return: a ring of thousands of
 * steps asks once per edge, so the search allocates nothing per step.
 */
function shortestPath(from: number, to: number, adj: Readonly<Adjacency>, inComp: Uint8Array, prev: Int32Array, nodes: readonly Step[]): Step[] | undefined {
  const queue = [from];
  prev[from] = from;
  for (let q = 0; q < queue.length && prev[to] === -1; q++) {
    const s = queue[q]!;
    for (const n of adj[s] ?? []) {
      if (inComp[n] && prev[n] === -1) {
        prev[n] = s;
        queue.push(n);
      }
    }
  }
  const found = prev[to] !== -1;
  const path: Step[] = [];
  if (found) {
    for (let s = to; ; s = prev[s]!) {
      path.push(nodes[s]!);
      if (s === from) break;
    }
    path.reverse();
  }
  for (const s of queue) prev[s] = -1;
  return found ? path : undefined;
}

const MAX_LOOPS_PER_COMPONENT = 200;
/**
 * A loop of up to this many steps is spelled whole; a longer one by its first and last few, and only
 * those are linked: each reference on the loop carries the message, and a ring of 2,000 steps spelled
 * and linked in full on each came to 431 MB of diagnostics, more than an editor can take.
 */
const SPELLED_IN_FULL = 12;
const SPELLED_HEAD = 6;
const SPELLED_TAIL = 4;

/** `deps` are the direct dependencies (graph.ts's directDeps of `references`), by step number. */
export function findCycles(model: WorkflowModel, references: StepReference[], deps: DepLists): Diagnostic[] {
  // List each step's edges by its number (`Step.index`, its place in allSteps): its direct
  // dependencies (each once, in the order met), then the steps inside a block not among them.
  const nodes: readonly Step[] = model.allSteps;
  const adj: Adjacency = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const own = deps[i]!;
    let list: number[] | undefined = own.length ? own.map((d) => d.index) : undefined;
    for (const c of children(nodes[i]!)) {
      if (!list) list = [c.index];
      else if (!list.includes(c.index)) list.push(c.index);
    }
    adj[i] = list;
  }
  let loops = loopComponents(nodes.length, adj);
  if (!loops.length) return [];

  // Only when there is a loop: the references behind each edge, by step. A reference inside a key
  // the schema rejects (a step's `outputs:`) makes no edge here: that key is the schema's error, and
  // a loop it alone closes would be a second diagnostic for the one mistake (its names are still
  // checked, in references.ts).
  const refsByEdge = new Map<string, StepReference[]>();
  const key = (a: Step, b: Step) => `${a.path}\u0000${b.path}`;
  let dropped = false;
  for (const ref of references) {
    if (!ref.from || !ref.target) continue;
    if (ref.host && !isStepField(ref.host.fieldPath)) {
      dropped = true;
      continue;
    }
    const k = key(ref.from, ref.target);
    const list = refsByEdge.get(k);
    if (list) list.push(ref);
    else refsByEdge.set(k, [ref]);
  }
  if (dropped) {
    for (const numbers of loops) {
      for (const i of numbers) {
        const from = nodes[i]!;
        adj[i] = adj[i]!.filter((j) => refsByEdge.has(key(from, nodes[j]!)) || children(from).includes(nodes[j]!));
      }
    }
    loops = loopComponents(nodes.length, adj);
    if (!loops.length) return [];
  }

  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const inComp = new Uint8Array(nodes.length);
  const prev = new Int32Array(nodes.length).fill(-1);
  for (const numbers of loops) {
    for (const i of numbers) inComp[i] = 1;
    let count = 0;
    let edgesInComp = 0;
    for (const i of numbers) for (const j of adj[i] ?? []) edgesInComp += inComp[j]!;
    // Every reference edge inside the component lies on some loop: take the shortest one through it.
    search: for (const i of numbers) {
      const from = nodes[i]!;
      for (const j of adj[i] ?? []) {
        const to = nodes[j]!;
        if (!inComp[j] || !refsByEdge.has(key(from, to))) continue;
        const back = i === j ? [to] : shortestPath(j, i, adj, inComp, prev, nodes);
        if (!back) continue;
        const loop = i === j ? [from] : [from, ...back.slice(0, -1)];
        const canonical = canonicalLoop(loop);
        if (reported.has(canonical)) continue;
        reported.add(canonical);
        if (++count > MAX_LOOPS_PER_COMPONENT) break search;
        diagnostics.push(...loopDiagnostics(model, loop, refsByEdge, key));
        // A component with one edge per step is a ring: this was its only loop.
        if (loop.length === numbers.length && edgesInComp === numbers.length) break search;
      }
    }
    for (const i of numbers) inComp[i] = 0;
  }
  return diagnostics;
}

function canonicalLoop(loop: Step[]): string {
  const paths = loop.map((s) => s.path);
  let best = 0;
  for (let i = 1; i < paths.length; i++) if (paths[i] < paths[best]) best = i;
  return [...paths.slice(best), ...paths.slice(0, best)].join('\u0001');
}

function loopDiagnostics(
  model: WorkflowModel,
  loop: Step[],
  refsByEdge: Map<string, StepReference[]>,
  key: (a: Step, b: Step) => string,
): Diagnostic[] {
  // Spell the loop from its first step in document order.
  const first = loop.reduce((a, b, i) => (b.range.start < loop[a].range.start ? i : a), 0);
  const ordered = [...loop.slice(first), ...loop.slice(0, first)];
  const shown = ordered.length <= SPELLED_IN_FULL ? ordered : [...ordered.slice(0, SPELLED_HEAD), ...ordered.slice(-SPELLED_TAIL)];
  const ids = [...ordered, ordered[0]!].map((s) => s.id);
  const spelled = ordered.length <= SPELLED_IN_FULL
    ? ids.join(' -> ')
    : `${ids.slice(0, SPELLED_HEAD).join(' -> ')} -> ... ${(ordered.length - SPELLED_HEAD - SPELLED_TAIL).toLocaleString('en-US')} more ... -> ${ids.slice(-SPELLED_TAIL - 1).join(' -> ')} (${ordered.length.toLocaleString('en-US')} steps)`;
  const containment = ordered.some((s, i) => {
    const next = ordered[(i + 1) % ordered.length];
    return !refsByEdge.has(key(s, next)) && children(s).includes(next);
  });
  const why = containment ? ' (a block waits for the steps inside it)' : ordered.length === 1 ? ' (a step cannot wait for itself)' : '';
  const message = `dependency cycle: ${spelled}${why}`;
  const related: RelatedInfo[] = shown.map((s) => ({ file: model.file, range: s.idRange, message: `'${s.id}' is part of the cycle` }));
  const out: Diagnostic[] = [];
  ordered.forEach((s, i) => {
    const next = ordered[(i + 1) % ordered.length];
    for (const ref of refsByEdge.get(key(s, next)) ?? []) {
      out.push({ code: 'cycle', severity: 'error', message, range: ref.range, related });
    }
  });
  return out;
}
