// Finds dependency loops (code `cycle`). Edges: a step waits for what it references or needs, and a
// block waits for the steps inside it. Each loop is reported once, spelled out, on every reference
// that belongs to it, even inside a large strongly connected component.
import type { Diagnostic, RelatedInfo, Step, WorkflowModel } from '../model/types.js';
import { children } from './scopes.js';
import type { StepReference } from './types.js';

/** Tarjan's strongly connected components, iteratively. */
function components(nodes: Step[], edges: Map<Step, Step[]>): Step[][] {
  let counter = 0;
  const index = new Map<Step, number>();
  const low = new Map<Step, number>();
  const onStack = new Set<Step>();
  const stack: Step[] = [];
  const result: Step[][] = [];
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: Step; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length) {
      const frame = work[work.length - 1];
      const out = edges.get(frame.node) ?? [];
      if (frame.i < out.length) {
        const next = out[frame.i++];
        if (!index.has(next)) {
          index.set(next, counter);
          low.set(next, counter++);
          stack.push(next);
          onStack.add(next);
          work.push({ node: next, i: 0 });
        } else if (onStack.has(next)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(next)!));
        }
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const comp: Step[] = [];
        let s: Step;
        do {
          s = stack.pop()!;
          onStack.delete(s);
          comp.push(s);
        } while (s !== frame.node);
        result.push(comp);
      }
    }
  }
  return result;
}

/** Shortest path from `from` to `to` inside a component (BFS), as the list of nodes. */
function shortestPath(from: Step, to: Step, edges: Map<Step, Step[]>, inComp: Set<Step>): Step[] | undefined {
  const prev = new Map<Step, Step | null>([[from, null]]);
  const queue = [from];
  for (let q = 0; q < queue.length; q++) {
    const s = queue[q];
    if (s === to) break;
    for (const n of edges.get(s) ?? []) {
      if (inComp.has(n) && !prev.has(n)) {
        prev.set(n, s);
        queue.push(n);
      }
    }
  }
  if (!prev.has(to)) return undefined;
  const path: Step[] = [];
  for (let s: Step | null | undefined = to; s; s = prev.get(s)) path.unshift(s);
  return path;
}

const MAX_LOOPS_PER_COMPONENT = 200;

export function findCycles(model: WorkflowModel, references: StepReference[]): Diagnostic[] {
  const edges = new Map<Step, Step[]>();
  const refsByEdge = new Map<string, StepReference[]>();
  const key = (a: Step, b: Step) => `${a.path}\u0000${b.path}`;
  const add = (a: Step, b: Step) => {
    const list = edges.get(a) ?? [];
    if (!list.includes(b)) list.push(b);
    edges.set(a, list);
  };
  for (const ref of references) {
    if (!ref.from || !ref.target) continue;
    add(ref.from, ref.target);
    const k = key(ref.from, ref.target);
    refsByEdge.set(k, [...(refsByEdge.get(k) ?? []), ref]);
  }
  for (const step of model.allSteps) for (const c of children(step)) add(step, c);

  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const comp of components(model.allSteps, edges)) {
    const inComp = new Set(comp);
    const selfLoop = comp.length === 1 && (edges.get(comp[0]) ?? []).includes(comp[0]);
    if (comp.length < 2 && !selfLoop) continue;
    let loops = 0;
    // Every reference edge inside the component lies on some loop: take the shortest one through it.
    for (const from of comp) {
      for (const to of edges.get(from) ?? []) {
        if (!inComp.has(to) || !refsByEdge.has(key(from, to))) continue;
        const back = from === to ? [to] : shortestPath(to, from, edges, inComp);
        if (!back) continue;
        const loop = from === to ? [from] : [from, ...back.slice(0, -1)];
        const canonical = canonicalLoop(loop);
        if (reported.has(canonical)) continue;
        reported.add(canonical);
        if (++loops > MAX_LOOPS_PER_COMPONENT) break;
        diagnostics.push(...loopDiagnostics(model, loop, edges, refsByEdge, key));
      }
    }
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
  edges: Map<Step, Step[]>,
  refsByEdge: Map<string, StepReference[]>,
  key: (a: Step, b: Step) => string,
): Diagnostic[] {
  // Spell the loop from its first step in document order.
  const first = loop.reduce((a, b, i) => (b.range.start < loop[a].range.start ? i : a), 0);
  const ordered = [...loop.slice(first), ...loop.slice(0, first)];
  const spelled = [...ordered, ordered[0]].map((s) => s.id).join(' -> ');
  const containment = ordered.some((s, i) => {
    const next = ordered[(i + 1) % ordered.length];
    return !refsByEdge.has(key(s, next)) && children(s).includes(next);
  });
  const why = containment ? ' (a block waits for the steps inside it)' : ordered.length === 1 ? ' (a step cannot wait for itself)' : '';
  const message = `dependency cycle: ${spelled}${why}`;
  const related: RelatedInfo[] = ordered.map((s) => ({ file: model.file, range: s.idRange, message: `'${s.id}' is part of the cycle` }));
  const out: Diagnostic[] = [];
  ordered.forEach((s, i) => {
    const next = ordered[(i + 1) % ordered.length];
    for (const ref of refsByEdge.get(key(s, next)) ?? []) {
      out.push({ code: 'cycle', severity: 'error', message, range: ref.range, related });
    }
  });
  void edges;
  return out;
}
