// Draws the run as a tree (stages, blocks, branches, iterations, steps) with status symbol, spinner,
// attempt and duration. Pure: state + clock in, lines out, so it is unit-tested without a terminal.
import { dur, paint, statusColor, symbol, type Style } from './ansi.js';
import { shownText } from './cell-width.js';
import { isBlock, type RunState, type ViewNode } from './run-state.js';

export interface TreeOptions {
  now: number;
  frame: number;
  style: Style;
  /** Maximum number of lines (the terminal's height); the tree is folded to fit. */
  maxLines?: number;
}

export function renderHeader(state: RunState, o: TreeOptions): string {
  let done = 0;
  let total = 0;
  const count = (n: ViewNode) => {
    if (n.children.length) return n.children.forEach(count);
    if (isBlock(n.kind)) return;
    total++;
    if (n.status !== 'pending' && n.status !== 'running' && n.status !== 'retrying') done++;
  };
  state.roots.forEach(count);
  const elapsed = (state.finished?.ts ?? o.now) - state.startedAt;
  const run = paint(o.style, 'bold', state.workflow);
  return `${run} ${paint(o.style, 'gray', state.runId)}  ${state.running} running, ${done}/${total} done  ${dur(Math.max(0, elapsed))}`;
}

function line(state: RunState, n: ViewNode, prefix: string, o: TreeOptions): string {
  const status = state.derived(n);
  const sym = paint(o.style, statusColor(status), symbol(status, o.frame));
  // A step's own text may hold control characters (a colour code a tool wrote to stderr): shown, not
  // run, or it would colour or move what follows. The tree's own codes are added around it.
  const label = shownText(n.label);
  const parts = [`${prefix}${sym} ${status === 'failed' ? paint(o.style, 'red', label) : label}`];
  if (n.kind !== 'iteration' && n.kind !== 'group') parts.push(paint(o.style, 'gray', n.kind));
  if (n.attempt > 1) parts.push(paint(o.style, 'yellow', `attempt ${n.attempt}`));
  if (n.reused) parts.push(paint(o.style, 'gray', 'reused'));
  if (n.durationMs !== undefined && n.status !== 'skipped') parts.push(dur(n.durationMs));
  else if ((status === 'running' || status === 'retrying') && n.startedAt !== undefined) parts.push(dur(Math.max(0, o.now - n.startedAt)));
  if (n.error && (status === 'failed' || status === 'retrying')) parts.push(paint(o.style, status === 'failed' ? 'red' : 'yellow', `— ${shownText(oneLine(n.error))}`));
  return parts.join('  ');
}

/**
 * How much of an error the plain lines and the summary print: the whole of any error a person writes
 * or a tool prints in a few lines (a CI log has no other place to show the end of it), yet not a
 * minified document quoted in one (the record keeps it whole).
 */
export const ERROR_CHARS = 1000;

/** `s` on one line, cut to `max` UTF-16 units with '…'; never inside a surrogate pair (half an emoji printed as '�'). */
export function oneLine(s: string, max = 100): string {
  const t = s.replace(/\s+/g, ' ').trim();
  if (t.length <= max) return t;
  const end = (t.charCodeAt(max - 2) & 0xfc00) === 0xd800 ? max - 2 : max - 1;
  return t.slice(0, end) + '…';
}

/** Stage headings for the top level ("stage 2 of 3"), then each step with its subtree. */
export function renderTree(state: RunState, o: TreeOptions): string[] {
  const out: string[] = [renderHeader(state, o)];
  const stages = Math.max(0, ...state.roots.map((r) => r.stage ?? 1));
  for (let s = 1; s <= stages; s++) {
    const inStage = state.roots.filter((r) => (r.stage ?? 1) === s);
    if (inStage.length === 0) continue;
    if (stages > 1) out.push(paint(o.style, 'gray', `stage ${s} of ${stages}${inStage.length > 1 ? ` · ${inStage.length} in parallel` : ''}`));
    inStage.forEach((r, i) => walk(state, r, '', i === inStage.length - 1, out, o, true));
  }
  for (const r of state.roots.filter((x) => x.stage === undefined)) walk(state, r, '', true, out, o, true);
  if (o.maxLines !== undefined && out.length > o.maxLines) return fold(state, out, o);
  return out;
}

function walk(state: RunState, n: ViewNode, indent: string, last: boolean, out: string[], o: TreeOptions, top = false): void {
  const branch = top ? '' : last ? '└─ ' : '├─ ';
  out.push(line(state, n, indent + branch, o));
  const childIndent = top ? indent + '  ' : indent + (last ? '   ' : '│  ');
  n.children.forEach((c, i) => walk(state, c, childIndent, i === n.children.length - 1, out, o));
}

/** Too tall for the terminal: keep the header, then running/failed/retrying steps, then a count. */
function fold(state: RunState, full: string[], o: TreeOptions): string[] {
  const max = o.maxLines!;
  const out = [full[0]];
  const active = [...state.nodes.values()].filter((n) => n.children.length === 0 && ['running', 'retrying', 'failed'].includes(n.status));
  for (const n of active) {
    if (out.length >= max - 1) break;
    out.push(line(state, { ...n, label: n.path }, '  ', o));
  }
  out.push(paint(o.style, 'gray', `  … ${full.length - 1} lines folded (terminal too small for the whole tree)`));
  return out;
}
