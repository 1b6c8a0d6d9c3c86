// The graph webview's script, bundled by esbuild.mjs to dist/webview/graph-webview.js and loaded by
// webview-html.ts. dagre runs in the page, not in the extension host (there a 500-node layout held up
// every extension for most of a second on each change of the plan), and in the page on a worker of its
// own (layout-runner.ts, layout-worker.ts), not the main thread, where a plan of thousands of steps
// froze the panel for seconds. It lays out the plans graph-panel.ts posts (only when one differs from
// the last, and only the newest: layout-cache.ts), shows "Laying out N steps…" meanwhile (under the
// tab bar, seen from either tab; the previous graph of the same file stays, dimmed), draws them coloured by the statuses it posts, draws the
// timeline, keeps the user's tab across the panel being hidden (page-state.ts), and reports what it
// drew (`drawn`) and what it shows when probed (`shows`).
import type { GraphLayout } from '../layout.js';
import type { DrawnReport, FromWebview, PageShows, Tab, Timeline, ToWebview } from '../messages.js';
import type { PlanNode } from '../../../../engine/src/plan/types.js';
import { LayoutCache } from './layout-cache.js';
import { LayoutRunner } from './layout-runner.js';
import { readPageState, type PageState } from './page-state.js';
import { layOutOnPage, startLayoutWorker } from './worker-source.js';
import { drawGraph } from './draw-graph.js';
import { drawTimeline } from './draw-timeline.js';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void; getState(): unknown; setState(s: PageState): void };

const vscode = acquireVsCodeApi();
const state = readPageState(vscode.getState());
// Both run dagre from the one copy the page carries, the worker's source (worker-source.ts).
const runner = new LayoutRunner(typeof Worker === 'function' ? startLayoutWorker : undefined, layOutOnPage);
const cache = new LayoutCache(runner, state.layout);
const byId = (id: string) => document.getElementById(id)!;
const reveal = (path: string) => vscode.postMessage({ type: 'reveal', path });
const save = () => vscode.setState({ layout: cache.saved(), tab: state.tab });

let layout: GraphLayout | undefined;
let title = '';
let message: string | undefined;
let status: Record<string, string> = {};
let timeline: Timeline | null = null;
/** The steps of the plan being laid out, while a layout is in progress. */
let layingOut: number | null = null;

const count = (plan: PlanNode[]): number => plan.reduce((n, p) => n + 1 + count(p.children ?? []), 0);

function graph(): void {
  const host = byId('graph');
  const notice = byId('notice');
  notice.textContent = layingOut === null ? '' : `Laying out ${layingOut} steps…`;
  notice.style.display = layingOut === null ? 'none' : '';
  // While laying out, the previous graph of this file stays (dimmed); there is none to show for another file.
  if (layingOut !== null && !layout) { host.textContent = ''; host.className = ''; return; }
  drawGraph(host, layout, status, message, reveal);
  host.classList.toggle('stale', layingOut !== null);
}

function tab(which: Tab): void {
  byId('graph-tab').style.display = which === 'graph' ? '' : 'none';
  byId('time').style.display = which === 'time' ? '' : 'none';
  byId('t-graph').classList.toggle('on', which === 'graph');
  byId('t-time').classList.toggle('on', which === 'time');
  if (state.tab !== which) { state.tab = which; save(); }
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
    layoutIn: cache.lastWhere,
    noWorker: runner.noWorker,
    cancelled: runner.cancelled,
    restored: cache.restored,
  };
}

function shows(id: number): PageShows {
  // Read from the page itself: the tab whose place is displayed, the notice as rendered (its text only
  // if the user can see it, on the tab shown), the boxes in the SVG.
  const tab = byId('time').style.display === 'none' ? 'graph' : 'time';
  const notice = byId('notice');
  return { type: 'shows', id, tab, layingOut, inFlight: runner.busy, notice: notice.checkVisibility() ? notice.textContent ?? '' : '', nodes: byId('graph').querySelectorAll('g.node').length };
}

async function plan(m: Extract<ToWebview, { type: 'plan' }>): Promise<void> {
  if (m.title !== title) layout = undefined;
  title = m.title;
  byId('title').textContent = m.title;
  message = m.error;
  if (!m.plan) {
    cache.cancel();
    layingOut = null;
    layout = undefined;
  } else {
    const steps = count(m.plan);
    let r;
    // A layout that throws shows why in place of the graph (and is still reported), never the last file's graph.
    try {
      // A plan like the last one is drawn at once; another shows "Laying out N steps…" until its layout comes.
      r = await cache.layout(m.plan, () => { layingOut = steps; graph(); });
      // A newer plan came while this one was laid out: that one is drawn, not this.
      if (!r) return;
      layout = r.layout;
      if (r.fresh) save();
    } catch (e) {
      layout = undefined;
      message = `The graph could not be laid out (${e instanceof Error ? e.message : String(e)}).`;
    }
    layingOut = null;
  }
  graph();
  vscode.postMessage(report());
}

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'plan': void plan(m); break;
    case 'status': status = m.status; graph(); break;
    case 'timeline': timeline = m.timeline; drawTimeline(byId('time'), timeline, reveal); break;
    case 'tab': tab(m.tab); break;
    case 'probe': vscode.postMessage(shows(m.id)); break;
  }
});
byId('t-graph').addEventListener('click', () => tab('graph'));
byId('t-time').addEventListener('click', () => tab('time'));
tab(state.tab);
vscode.postMessage({ type: 'ready' });
