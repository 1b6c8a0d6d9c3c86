// The graph webview's page: a strict Content-Security-Policy (no remote content, one nonce'd inline
// script and style), VS Code theme colours through CSS variables, two tabs (the dependency graph and
// the last run's timeline) drawn as SVG from data the extension posts. Clicking a step posts `reveal`.
export function graphHtml(cspSource: string, nonce: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0"><title>Weft graph</title>
<style nonce="${nonce}">
body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);background:var(--vscode-editor-background);margin:0;padding:0 12px}
.tabs{display:flex;gap:4px;border-bottom:1px solid var(--vscode-panel-border);margin-bottom:8px}
.tabs button{background:none;border:none;color:var(--vscode-foreground);padding:8px 12px;cursor:pointer;opacity:.7;border-bottom:2px solid transparent}
.tabs button.on{opacity:1;border-bottom-color:var(--vscode-focusBorder)}
.muted{color:var(--vscode-descriptionForeground)}
svg text{fill:var(--vscode-foreground);font-size:12px;dominant-baseline:middle}
.node rect{fill:var(--vscode-editorWidget-background);stroke:var(--vscode-editorWidget-border,var(--vscode-panel-border));rx:5;cursor:pointer}
.node:hover rect{stroke:var(--vscode-focusBorder)}
.cluster rect{fill:var(--vscode-sideBar-background);fill-opacity:.45;stroke:var(--vscode-panel-border);stroke-dasharray:4 3;rx:8}
.cluster text{fill:var(--vscode-descriptionForeground);font-size:11px}
.edge{fill:none;stroke:var(--vscode-editorLineNumber-foreground);stroke-width:1.3}
.s-running rect,.b-running{stroke:var(--vscode-charts-blue)!important;stroke-width:2}
.b-running{fill:var(--vscode-charts-blue)}.b-retrying{fill:var(--vscode-charts-orange)}
.s-retrying rect{stroke:var(--vscode-charts-orange)!important;stroke-width:2}
.s-succeeded rect{stroke:var(--vscode-testing-iconPassed)!important;stroke-width:2}.b-succeeded{fill:var(--vscode-testing-iconPassed)}
.s-failed rect{stroke:var(--vscode-testing-iconFailed)!important;stroke-width:2}.b-failed{fill:var(--vscode-testing-iconFailed)}
.s-cancelled rect{stroke:var(--vscode-testing-iconSkipped)!important}.b-cancelled{fill:var(--vscode-testing-iconSkipped)}
.s-skipped{opacity:.55}.b-skipped,.b-pending{fill:var(--vscode-disabledForeground)}
.crit{stroke:var(--vscode-charts-yellow)!important;stroke-width:2.5}
.title{margin:auto 8px}.bar{cursor:pointer}.bar rect{rx:3}
.axis{stroke:var(--vscode-panel-border)}
</style></head><body>
<div class="tabs"><button id="t-graph" class="on">Graph</button><button id="t-time">Timeline</button><span id="title" class="muted title"></span></div>
<div id="graph"></div><div id="time"></div>
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
const NS = 'http://www.w3.org/2000/svg';
let state = { layout: null, status: {}, timeline: null, title: '' };
const el = (tag, attrs, parent) => { const e = document.createElementNS(NS, tag); for (const k in attrs) e.setAttribute(k, attrs[k]); if (parent) parent.appendChild(e); return e; };
function tab(which) {
  document.getElementById('graph').style.display = which === 'graph' ? '' : 'none';
  document.getElementById('time').style.display = which === 'time' ? '' : 'none';
  document.getElementById('t-graph').classList.toggle('on', which === 'graph');
  document.getElementById('t-time').classList.toggle('on', which === 'time');
}
document.getElementById('t-graph').onclick = () => tab('graph');
document.getElementById('t-time').onclick = () => tab('time');
function drawGraph() {
  const host = document.getElementById('graph'); host.textContent = '';
  const L = state.layout;
  if (!L || !L.nodes.length) { host.textContent = state.error || 'No steps to show.'; host.className = 'muted'; return; }
  host.className = '';
  const svg = el('svg', { width: L.width + 20, height: L.height + 20, viewBox: '0 0 ' + (L.width + 20) + ' ' + (L.height + 20) }, host);
  for (const c of L.clusters) { const g = el('g', { class: 'cluster s-' + (state.status[c.path] || 'pending') }, svg); el('rect', { x: c.x, y: c.y, width: c.width, height: c.height }, g); el('text', { x: c.x + 8, y: c.y + 10 }, g).textContent = c.label + ' (' + c.kind + ')'; }
  for (const e of L.edges) el('path', { class: 'edge', d: 'M' + e.points.map((p) => p.x + ' ' + p.y).join(' L'), 'marker-end': '' }, svg);
  for (const n of L.nodes) {
    const g = el('g', { class: 'node s-' + (state.status[n.path] || 'pending'), 'data-path': n.path }, svg);
    el('rect', { x: n.x, y: n.y, width: n.width, height: n.height }, g);
    el('text', { x: n.x + 10, y: n.y + n.height / 2 }, g).textContent = n.label;
    el('title', {}, g).textContent = n.path + ' (' + n.kind + '): ' + (state.status[n.path] || 'not run');
    g.onclick = () => vscode.postMessage({ type: 'reveal', path: n.path });
  }
}
function drawTimeline() {
  const host = document.getElementById('time'); host.textContent = '';
  const T = state.timeline;
  if (!T || !T.bars.length) { host.textContent = 'No run of this workflow yet: run it to see its timeline.'; host.className = 'muted'; return; }
  host.className = '';
  const rowH = 22, labelW = 220, width = Math.max(400, document.body.clientWidth - 40), span = Math.max(1, T.end - T.start), scale = (width - labelW - 20) / span;
  const svg = el('svg', { width, height: T.bars.length * rowH + 52 }, host);
  el('text', { x: 0, y: 10, class: 'muted' }, svg).textContent = T.title;
  const bottom = T.bars.length * rowH + 28;
  const stepMs = [100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000, 300000, 600000].find((s) => s * scale >= 70 && span / s <= 10) || 600000;
  for (let t = 0; t <= span; t += stepMs) {
    const x = labelW + t * scale;
    el('line', { x1: x, x2: x, y1: 20, y2: bottom, class: 'axis' }, svg);
    el('text', { x: x + 2, y: bottom + 8, class: 'muted' }, svg).textContent = t >= 1000 ? (t / 1000) + ' s' : t + ' ms';
  }
  T.bars.forEach((b, i) => {
    const y = 24 + i * rowH;
    const g = el('g', { 'data-path': b.path, class: 'bar' }, svg);
    el('text', { x: 0, y: y + rowH / 2 }, g).textContent = b.path;
    const x = labelW + (b.start - T.start) * scale, w = Math.max(2, ((b.end ?? T.end) - b.start) * scale);
    el('rect', { x, y: y + 4, width: w, height: rowH - 8, class: 'b-' + b.status + (b.critical ? ' crit' : '') }, g);
    el('title', {}, g).textContent = b.path + ': ' + b.status + ', ' + ((b.end ?? T.end) - b.start) + ' ms';
    g.onclick = () => vscode.postMessage({ type: 'reveal', path: b.path });
  });
}
window.addEventListener('message', (ev) => {
  const m = ev.data;
  if (m.type === 'layout') { state.layout = m.layout; state.error = m.error; document.getElementById('title').textContent = m.title || ''; drawGraph(); }
  if (m.type === 'status') { state.status = m.status; drawGraph(); }
  if (m.type === 'timeline') { state.timeline = m.timeline; drawTimeline(); }
  if (m.type === 'tab') tab(m.tab);
});
tab('graph');
vscode.postMessage({ type: 'ready' });
</script></body></html>`;
}
