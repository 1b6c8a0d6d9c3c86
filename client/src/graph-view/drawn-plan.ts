// What the graph lays out: the plan, with the steps of sub-workflows drawn in only as many calls deep
// as keep it within GRAPH_NODE_LIMIT nodes. The plan lists up to 10,000 nodes from sub-workflows
// (a few lines calling a file that calls files ...), and dagre's layout of nested clusters grows far
// faster than the node count (seconds for a few thousand nested nodes: one-off figures in
// docs/extension.md), in the graph webview, on every change of the plan. A call past that depth is a box, as a
// step is. The extension host cuts the plan with this before posting it (a millisecond), so the page
// is never sent thousands of nodes it would not draw.
import type { PlanNode } from '../../../engine/src/plan/types.js';

export const GRAPH_NODE_LIMIT = 500;

interface Tally {
  count: number;
  /** Whether some call's steps were left out. */
  cut: boolean;
}

/** `nodes` with the children of `workflow` steps nested more than `depth` calls deep left out. */
function callsUpTo(nodes: PlanNode[], depth: number, tally: Tally): PlanNode[] {
  return nodes.map((n) => {
    tally.count++;
    if (!n.children) return n;
    if (n.kind === 'workflow' && depth === 0) {
      tally.cut = true;
      return { ...n, children: undefined };
    }
    return { ...n, children: callsUpTo(n.children, n.kind === 'workflow' ? depth - 1 : depth, tally) };
  });
}

/** The plan to lay out: calls drawn in to the deepest level that stays within `limit` nodes (the file's own steps always). */
export function drawnPlan(plan: PlanNode[], limit = GRAPH_NODE_LIMIT): PlanNode[] {
  let best = callsUpTo(plan, 0, { count: 0, cut: false });
  for (let depth = 1; ; depth++) {
    const tally: Tally = { count: 0, cut: false };
    const nodes = callsUpTo(plan, depth, tally);
    if (tally.count > limit) return best;
    best = nodes;
    if (!tally.cut) return best;
  }
}
