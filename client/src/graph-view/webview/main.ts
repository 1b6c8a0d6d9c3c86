// The graph webview's script, bundled by esbuild.mjs to dist/webview/graph-webview.js and loaded by
// webview-html.ts (a file of its own rather than an inline script: typed, linted, and one place for
// the page's code). It draws the layouts graph-panel.ts posts, coloured by the statuses it posts, and
// the timeline, and asks the extension to reveal a step that is clicked.
import type { GraphLayout } from '../layout.js';
import type { FromWebview, Timeline, ToWebview } from '../messages.js';
import { drawGraph } from './draw-graph.js';
import { drawTimeline } from './draw-timeline.js';

declare function acquireVsCodeApi(): { postMessage(m: FromWebview): void };

const vscode = acquireVsCodeApi();
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

window.addEventListener('message', (ev: MessageEvent<ToWebview>) => {
  const m = ev.data;
  switch (m.type) {
    case 'layout': byId('title').textContent = m.title; message = m.error; layout = m.layout ?? undefined; graph(); break;
    case 'status': status = m.status; graph(); break;
    case 'timeline': timeline = m.timeline; drawTimeline(byId('time'), timeline, reveal); break;
    case 'tab': tab(m.tab); break;
  }
});
byId('t-graph').addEventListener('click', () => tab('graph'));
byId('t-time').addEventListener('click', () => tab('time'));
tab('graph');
vscode.postMessage({ type: 'ready' });
