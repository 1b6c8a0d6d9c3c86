// Lays out a workflow's plan as a dependency graph with dagre (a library made for layered graph
// layout): leaf steps are boxes, blocks (parallel, foreach, a workflow step with the called file's
// steps) and their branches are clusters around their children, `needs` are edges. Pure: returns
// coordinates to draw. It runs in the graph webview (webview/main.ts), never in the extension host,
// and in Node for the unit tests. It lays out the plan it is given: the extension host has already
// cut the sub-workflows' steps to what drawn-plan.ts allows (graph-panel.ts).
import { graphlib, layout } from '@dagrejs/dagre';
import type { PlanNode } from '../../../engine/src/plan/types.js';

export interface GraphBox { path: string; label: string; kind: string; x: number; y: number; width: number; height: number }
export interface GraphCluster extends GraphBox { depth: number }
export interface GraphEdge { from: string; to: string; points: { x: number; y: number }[] }
export interface GraphLayout { nodes: GraphBox[]; clusters: GraphCluster[]; edges: GraphEdge[]; width: number; height: number }

const isCluster = (n: PlanNode) => (n.children?.length ?? 0) > 0;

export function layoutPlan(plan: PlanNode[]): GraphLayout {
  const g = new graphlib.Graph({ compound: true, multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 18, ranksep: 46, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  const all = new Map<string, PlanNode>();
  const depth = new Map<string, number>();
  const leavesOf = new Map<string, PlanNode[]>();

  const add = (n: PlanNode, parent: string | undefined, d: number): PlanNode[] => {
    all.set(n.path, n);
    depth.set(n.path, d);
    if (isCluster(n)) {
      g.setNode(n.path, { label: n.name || n.id });
      if (parent) g.setParent(n.path, parent);
      const leaves = n.children!.flatMap((c) => add(c, n.path, d + 1));
      leavesOf.set(n.path, leaves);
      return leaves;
    }
    const label = n.name && n.name !== n.id ? `${n.id}: ${n.name}` : n.id;
    g.setNode(n.path, { label, width: Math.min(260, 30 + label.length * 7.2), height: 34 });
    if (parent) g.setParent(n.path, parent);
    leavesOf.set(n.path, [n]);
    return [n];
  };
  plan.forEach((n) => add(n, undefined, 0));

  // Edges between leaves: a dependency on a block means its sinks; a block's needs go to its sources.
  const within = (leaf: PlanNode, block: string) => leaf.path.startsWith(block + '/');
  const sources = (path: string) => {
    const leaves = leavesOf.get(path) ?? [];
    return leaves.filter((l) => !effectiveNeeds(l).some((n) => n.startsWith(path + '/')));
  };
  const sinks = (path: string) => {
    const leaves = leavesOf.get(path) ?? [];
    return leaves.filter((l) => !leaves.some((o) => effectiveNeeds(o).includes(l.path)));
  };
  // A leaf inherits the needs of its enclosing blocks (spec 3.2), drawn once at the block's sources.
  const effectiveNeeds = (leaf: PlanNode) => leaf.needs ?? [];
  const seen = new Set<string>();
  for (const n of all.values()) {
    for (const need of n.needs ?? []) {
      if (!all.has(need)) continue;
      const froms = sinks(need);
      const tos = isCluster(n) ? sources(n.path) : [n];
      for (const f of froms) for (const t of tos) {
        if (within(t, need) || f.path === t.path) continue;
        const k = `${f.path}->${t.path}`;
        if (seen.has(k)) continue;
        seen.add(k);
        g.setEdge(f.path, t.path);
      }
    }
  }
  layout(g);
  const out: GraphLayout = { nodes: [], clusters: [], edges: [], width: g.graph().width ?? 0, height: g.graph().height ?? 0 };
  for (const id of g.nodes()) {
    const v = g.node(id) as { x: number; y: number; width: number; height: number; label?: string };
    const p = all.get(id)!;
    const box = { path: id, label: v.label ?? p.id, kind: p.kind, x: v.x - v.width / 2, y: v.y - v.height / 2, width: v.width, height: v.height };
    if (isCluster(p)) out.clusters.push({ ...box, depth: depth.get(id) ?? 0 });
    else out.nodes.push(box);
  }
  out.clusters.sort((a, b) => a.depth - b.depth);
  for (const e of g.edges()) out.edges.push({ from: e.v, to: e.w, points: (g.edge(e) as { points: { x: number; y: number }[] }).points });
  return out;
}
