// The Timeline tab: the last run's steps as bars on one time axis (overlap is parallelism), the
// critical chain outlined (`crit`); a click on a bar asks the extension to reveal the step.
import type { Timeline } from '../messages.js';
import { el } from './svg.js';

const STEPS_MS = [100, 200, 500, 1000, 2000, 5000, 10000, 30000, 60000, 300000, 600000];

export function drawTimeline(host: HTMLElement, T: Timeline | null, reveal: (path: string) => void): void {
  host.textContent = '';
  if (!T || !T.bars.length) { host.textContent = 'No run of this workflow yet: run it to see its timeline.'; host.className = 'muted'; return; }
  host.className = '';
  const rowH = 22, labelW = 220, width = Math.max(400, document.body.clientWidth - 40), span = Math.max(1, T.end - T.start), scale = (width - labelW - 20) / span;
  const svg = el('svg', { width, height: T.bars.length * rowH + 52 }, host);
  el('text', { x: 0, y: 10, class: 'muted' }, svg).textContent = T.title;
  const bottom = T.bars.length * rowH + 28;
  const stepMs = STEPS_MS.find((s) => s * scale >= 70 && span / s <= 10) || 600000;
  for (let t = 0; t <= span; t += stepMs) {
    const x = labelW + t * scale;
    el('line', { x1: x, x2: x, y1: 20, y2: bottom, class: 'axis' }, svg);
    el('text', { x: x + 2, y: bottom + 8, class: 'muted' }, svg).textContent = t >= 1000 ? `${t / 1000} s` : `${t} ms`;
  }
  T.bars.forEach((b, i) => {
    const y = 24 + i * rowH;
    const g = el('g', { 'data-path': b.path, class: 'bar' }, svg);
    el('text', { x: 0, y: y + rowH / 2 }, g).textContent = b.path;
    const x = labelW + (b.start - T.start) * scale, w = Math.max(2, ((b.end ?? T.end) - b.start) * scale);
    el('rect', { x, y: y + 4, width: w, height: rowH - 8, class: 'b-' + b.status + (b.critical ? ' crit' : '') }, g);
    el('title', {}, g).textContent = `${b.path}: ${b.status}, ${(b.end ?? T.end) - b.start} ms`;
    g.addEventListener('click', () => reveal(b.path));
  });
}
