// The graph webview's script, bundled by esbuild.mjs to dist/webview/graph-webview.js and loaded by
// webview-html.ts. dagre runs here, in the page, not in the extension host: there a 500-node layout
// held up every extension for most of a second on each change of the plan. It lays out the plans
// graph-panel.ts posts (only when one differs from the last, layout-cache.ts), draws them coloured by
// the statuses it posts, draws the timeline, and reports what it drew back (`drawn`).
import { layoutPlan, type GraphLayout } from '../layout.js';
import type { DrawnReport, FromWebview, Timeline, ToWebview } from '../messages.js';
import { LayoutCache, type SavedLayout } from './layout-cache.js';
import { drawGraph } from './draw-graph.js';
import { drawTimeline } from './draw-timeline.js';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): unknown; setState(s: SavedLayout | undefined): void };

const vscode = acquireVsCodeApi();
const cache = new LayoutCache(layoutPlan, vscode.getState());
const byId = (id: string) => document.getElementById(id)!;
const reveal = (path: string) => vscode.postMessage({ type: 'reveal', path });

let layout: GraphLayout | undefined;
let message: string | undefined;
let status: Record<string, string> = {};
let timeline: Timeline | null = null;

const graph = () => drawGraph(byId('graph'), layout, status, message, reveal);

function tab(which: 'graph' | 'time'): void {
  byId('graph').style.display = which === 'graph' ? '' : 'none';
  byId('time').style.display = which === 'time' ? '' : 'none';
  byId('t-graph').classList.toggle('on', which === 'graph');
  byId('t-time').classList.toggle('on', which === 'time');
}

/** What the SVG shows now, read from the page itself. */
function report(): DrawnReport {
  const svg = byId('graph');
  return {
    type: 'drawn',
    nodes: [...svg.querySelectorAll('g.node')].map((g) => g.getAttribute('data-path') ?? ''),
    clusters: svg.querySelectorAll('g.cluster').length,
    edges: svg.querySelectorAll('path.edge').length,
    plans: cache.plans,
    layouts: cache.layouts,
    layoutMs: cache.lastMs,
    restored: cache.restored,
  };
}

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'plan': {
      byId('title').textContent = m.title;
      message = m.error;
      layout = undefined;
      if (m.plan) {
        // A layout that throws shows why in place of the graph (and is still reported), never the last file's graph.
        try {
          const r = cache.layout(m.plan);
          layout = r.layout;
          if (r.fresh) vscode.setState(cache.saved());
        } catch (e) { message = `The graph could not be laid out (${e instanceof Error ? e.message : String(e)}).`; }
      }
      graph();
      vscode.postMessage(report());
      break;
    }
    case 'status': status = m.status; graph(); break;
    case 'timeline': timeline = m.timeline; drawTimeline(byId('time'), timeline, reveal); break;
    case 'tab': tab(m.tab); break;
  }
});
byId('t-graph').addEventListener('click', () => tab('graph'));
byId('t-time').addEventListener('click', () => tab('time'));
tab('graph');
vscode.postMessage({ type: 'ready' });
