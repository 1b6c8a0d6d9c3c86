// The end of `weft run`: counts, failed steps with their errors, the run's outputs, and a timeline
// (one bar per step on a shared time axis) that shows which steps overlapped and the peak.
import { dur, paint, statusColor, type Style } from './ansi.js';
import type { RunState, ViewNode } from './run-state.js';
import { ERROR_CHARS, oneLine } from './tree.js';
import { failureReason } from '../../run/instance.js';

export function renderSummary(state: RunState, style: Style): string[] {
  const fin = state.finished;
  if (!fin) return [];
  const out: string[] = [''];
  const counts = Object.entries(fin.counts)
    .filter(([, n]) => n)
    .map(([k, n]) => paint(style, statusColor(k as never), `${n} ${k}`))
    .join(', ');
  const head = paint(style, statusColor(fin.status), `${state.dryRun ? 'dry run' : 'run'} ${fin.status}`);
  out.push(`${head} in ${dur(fin.durationMs)}: ${counts || 'no steps'}; peak ${state.peak} running at once`);
  // Every step whose own failure it was: leaves, and blocks that failed before or without a failed
  // child (a foreach whose items are not a list, a sub-workflow given a bad input), as the counts
  // count them.
  const failed = [...state.nodes.values()].filter((n) => n.status === 'failed' && !n.children.some(failedWithin));
  // The run's error, unless it only repeats a step's listed below (`bad failed: exit code 3`).
  const repeats = failed.some((n) => fin.error === failureReason(n.path, n.error));
  if (fin.error && !repeats) out.push(paint(style, 'red', `  ${oneLine(fin.error, ERROR_CHARS)}`));
  for (const n of failed) out.push(`  ${paint(style, 'red', '✗')} ${n.path}: ${oneLine(n.error ?? 'failed', ERROR_CHARS)}`);
  const outputs = Object.entries(fin.outputs ?? {});
  if (outputs.length) {
    out.push('outputs:');
    for (const [k, v] of outputs) out.push(`  ${k}: ${oneLine(typeof v === 'string' ? v : JSON.stringify(v), 200)}`);
  }
  return out;
}

function failedWithin(n: ViewNode): boolean {
  return n.status === 'failed' || n.children.some(failedWithin);
}

/** One bar per leaf step (first start to finish) on one axis of `width` columns. */
export function renderTimeline(state: RunState, style: Style, width = 50): string[] {
  const ivs = state.intervals;
  if (ivs.length === 0) return [];
  const t0 = state.startedAt;
  const t1 = state.finished?.ts ?? Math.max(...ivs.map((i) => i.end ?? i.start));
  const span = Math.max(1, t1 - t0);
  const shown = ivs.length > 40 ? ivs.slice(0, 40) : ivs;
  const labelWidth = Math.min(32, Math.max(...shown.map((i) => i.path.length)));
  const out = ['', `timeline (${dur(span)}, ${width} columns; steps that share columns ran at the same time):`];
  for (const iv of shown) {
    const a = Math.min(width - 1, Math.floor(((iv.start - t0) / span) * width));
    const b = Math.max(a + 1, Math.min(width, Math.ceil((((iv.end ?? t1) - t0) / span) * width)));
    const bar = ' '.repeat(a) + '█'.repeat(b - a) + ' '.repeat(width - b);
    const label = iv.path.length > labelWidth ? '…' + iv.path.slice(-(labelWidth - 1)) : iv.path.padEnd(labelWidth);
    out.push(`  ${label} │${paint(style, statusColor(iv.status), bar)}│ ${dur((iv.end ?? t1) - iv.start)}`);
  }
  if (ivs.length > shown.length) out.push(paint(style, 'gray', `  … and ${ivs.length - shown.length} more steps`));
  return out;
}
