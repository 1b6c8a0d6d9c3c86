// The Graph tab: draws a layout (layout.ts, made in the page's layout worker) as SVG, clusters under
// edges under step boxes, each box classed by its status in the last or live run (`s-running`, ...);
// a click on a box asks the extension to reveal the step.
import type { GraphLayout } from '../layout.js';
import { el } from './svg.js';

export function drawGraph(host: HTMLElement, layout: GraphLayout | undefined, status: Record<string, string>, message: string | undefined, reveal: (path: string) => void): void {
  host.textContent = '';
  if (!layout || !layout.nodes.length) { host.textContent = message || 'No steps to show.'; host.className = 'muted'; return; }
  host.className = '';
  const w = layout.width + 20, h = layout.height + 20;
  const svg = el('svg', { width: w, height: h, viewBox: `0 0 ${w} ${h}` }, host);
  for (const c of layout.clusters) {
    const g = el('g', { class: 'cluster s-' + (status[c.path] || 'pending') }, svg);
    el('rect', { x: c.x, y: c.y, width: c.width, height: c.height }, g);
    el('text', { x: c.x + 8, y: c.y + 10 }, g).textContent = `${c.label} (${c.kind})`;
  }
  for (const e of layout.edges) el('path', { class: 'edge', d: 'M' + e.points.map((p) => `${p.x} ${p.y}`).join(' L') }, svg);
  for (const n of layout.nodes) {
    const g = el('g', { class: 'node s-' + (status[n.path] || 'pending'), 'data-path': n.path }, svg);
    el('rect', { x: n.x, y: n.y, width: n.width, height: n.height }, g);
    el('text', { x: n.x + 10, y: n.y + n.height / 2 }, g).textContent = n.label;
    el('title', {}, g).textContent = `${n.path} (${n.kind}): ${status[n.path] || 'not run'}`;
    g.addEventListener('click', () => reveal(n.path));
  }
}
