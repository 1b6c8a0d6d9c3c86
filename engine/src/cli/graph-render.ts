// The dependency graph as Mermaid (renders in GitHub markdown), Graphviz DOT or JSON. Blocks are
// drawn as boxes (subgraphs/clusters) around their branches; an edge points from a step to the step
// that waits for it.
import type { Plan, PlanNode } from '../plan/types.js';
import { mermaidId } from './graph-mermaid-id.js';
import { mermaidLabel } from './graph-mermaid-label.js';

interface Flat {
  node: PlanNode;
  parent: string | undefined;
}

function flatten(nodes: PlanNode[], parent: string | undefined, out: Flat[]): Flat[] {
  for (const n of nodes) {
    out.push({ node: n, parent });
    if (n.children) flatten(n.children, n.path, out);
  }
  return out;
}

function edges(flat: Flat[]): { from: string; to: string }[] {
  return flat.flatMap(({ node }) => node.needs.map((from) => ({ from, to: node.path })));
}

export function toMermaid(plan: Plan): string {
  const lines = ['flowchart TD'];
  const emit = (nodes: PlanNode[], indent: string) => {
    for (const n of nodes) {
      const label = n.kind === 'branch' ? n.id : `${n.name !== n.id ? `${n.name} (${n.id})` : n.id}`;
      if (n.children?.length) {
        const what = n.kind === 'foreach' ? ' · for each' : n.kind === 'parallel' ? ' · parallel' : n.kind === 'workflow' ? ' · sub-workflow' : '';
        lines.push(`${indent}subgraph ${mermaidId(n.path)}[${mermaidLabel(label + what)}]`);
        emit(n.children, indent + '  ');
        lines.push(`${indent}end`);
      } else if (n.kind === 'workflow') lines.push(`${indent}${mermaidId(n.path)}[[${mermaidLabel(label)}]]`);
      else lines.push(`${indent}${mermaidId(n.path)}[${mermaidLabel(label)}]`);
    }
  };
  emit(plan.steps, '  ');
  for (const e of edges(flatten(plan.steps, undefined, []))) lines.push(`  ${mermaidId(e.from)} --> ${mermaidId(e.to)}`);
  return lines.join('\n') + '\n';
}

export function toDot(plan: Plan): string {
  const q = (s: string) => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const lines = [`digraph ${q(plan.workflow)} {`, '  rankdir=TB;', '  node [shape=box, style=rounded];', '  compound=true;'];
  const clusters = new Set<string>();
  const emit = (nodes: PlanNode[], indent: string) => {
    for (const n of nodes) {
      if (n.children?.length) {
        clusters.add(n.path);
        lines.push(`${indent}subgraph ${q('cluster_' + n.path)} {`, `${indent}  label=${q(n.kind === 'branch' ? n.id : `${n.id} (${n.kind})`)};`);
        // An invisible anchor so edges can point at the block itself.
        lines.push(`${indent}  ${q(n.path)} [shape=point, style=invis];`);
        emit(n.children, indent + '  ');
        lines.push(`${indent}}`);
      } else lines.push(`${indent}${q(n.path)} [label=${q(n.name)}];`);
    }
  };
  emit(plan.steps, '  ');
  for (const e of edges(flatten(plan.steps, undefined, []))) {
    // An edge from or to a block starts or ends at its cluster's border (compound=true), not at the
    // invisible anchor inside it.
    const ends = [clusters.has(e.from) ? `ltail=${q('cluster_' + e.from)}` : '', clusters.has(e.to) ? `lhead=${q('cluster_' + e.to)}` : ''].filter(Boolean);
    lines.push(`  ${q(e.from)} -> ${q(e.to)}${ends.length ? ` [${ends.join(', ')}]` : ''};`);
  }
  lines.push('}');
  return lines.join('\n') + '\n';
}

export function toJson(plan: Plan): string {
  const flat = flatten(plan.steps, undefined, []);
  return JSON.stringify(
    {
      workflow: plan.workflow,
      nodes: flat.map(({ node, parent }) => ({ id: node.path, label: node.name, kind: node.kind, stage: node.stage, parent: parent ?? null })),
      edges: edges(flat),
    },
    null,
    2,
  ) + '\n';
}
