// While a run is live (and after it, until the text changes), each step's line in the workflow editor
// shows its status after the line: "⟳ running · 1.2 s", "✓ succeeded · 800 ms", "✗ failed · 2.1 s ·
// exit code 3", so the parallelism is visible where it is written. Lines come from the YAML (static
// paths); a foreach body step's line counts its iterations by status.
import * as vscode from 'vscode';
import type { RunEntry, RunStore } from './runs/run-store.js';
import type { RunModel, StepNode } from './runs/run-model.js';
import { readWorkflowInfo, type WorkflowInfo } from './workflow-info.js';
import { formatMs } from './runs-view/tree-items.js';

const STYLE: Record<string, { glyph: string; color: string }> = {
  running: { glyph: '⟳', color: 'charts.blue' },
  retrying: { glyph: '⟳', color: 'charts.orange' },
  succeeded: { glyph: '✓', color: 'testing.iconPassed' },
  failed: { glyph: '✗', color: 'testing.iconFailed' },
  skipped: { glyph: '↷', color: 'disabledForeground' },
  cancelled: { glyph: '⊘', color: 'testing.iconSkipped' },
  pending: { glyph: '…', color: 'disabledForeground' },
};

export class StepDecorations implements vscode.Disposable {
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();
  private timer: NodeJS.Timeout | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private readonly infos = new WeakMap<vscode.TextDocument, { version: number; info: WorkflowInfo }>();
  /** A finished run's decorations per document version: they do not change, and its tree may be dropped (run-store.ts). */
  private readonly settled = new WeakMap<vscode.TextDocument, { key: string; decos: Map<string, vscode.DecorationOptions[]>; lines: Map<number, string> }>();
  /** Last decorations applied per file (for tests): line -> text. */
  readonly applied = new Map<string, Map<number, string>>();

  constructor(private readonly store: RunStore) {
    for (const [status, s] of Object.entries(STYLE)) {
      this.types.set(status, vscode.window.createTextEditorDecorationType({
        after: { margin: '0 0 0 2em', color: new vscode.ThemeColor(s.color), fontStyle: 'italic' },
        isWholeLine: false,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }));
    }
    const schedule = () => { this.timer ??= setTimeout(() => { this.timer = undefined; this.update(); }, 200); };
    this.subs.push(store.onDidChange(schedule), vscode.window.onDidChangeVisibleTextEditors(schedule));
    // Durations of running steps move once a second while a run goes (a terminal's `weft run` too).
    const tick = setInterval(() => { if (store.running().length > 0) schedule(); }, 1000);
    this.subs.push(new vscode.Disposable(() => clearInterval(tick)));
  }

  /** The document's steps and inputs, read once per version (update runs every 200 ms during a run). */
  private infoOf(doc: vscode.TextDocument): WorkflowInfo {
    const known = this.infos.get(doc);
    if (known && known.version === doc.version) return known.info;
    const info = readWorkflowInfo(doc.getText());
    this.infos.set(doc, { version: doc.version, info });
    return info;
  }

  /** The run of a file started last, running or not (a run started since replaces a live one on the editor). */
  private runFor(file: string): RunEntry | undefined {
    return this.store.list().find((e) => e.model.root.file === file || e.model.root.file === vscode.Uri.file(file).toString());
  }

  update(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.languageId !== 'weft') continue;
      const file = editor.document.uri.fsPath;
      const entry = this.runFor(file);
      const key = entry && entry.model.root.status !== 'running' ? `${entry.model.root.runId}@${editor.document.version}` : undefined;
      const known = key !== undefined ? this.settled.get(editor.document) : undefined;
      if (known && known.key === key) {
        for (const [status, type] of this.types) editor.setDecorations(type, known.decos.get(status) ?? []);
        this.applied.set(file, known.lines);
        continue;
      }
      // A finished run's tree may have been dropped: read again from its record, once per version.
      const model = entry && this.store.full(entry);
      const decos = new Map<string, vscode.DecorationOptions[]>();
      const lines = new Map<number, string>();
      if (model) {
        const info = this.infoOf(editor.document);
        // Steps by static path and their leaves' counts come from the run model, kept as events
        // arrive: a walk and a grouping of every node, five times a second, cost most of a second of
        // CPU per run of a foreach of thousands of items.
        for (const [p, loc] of info.steps) {
          const nodes = model.stepsOf(p);
          if (!nodes?.size) continue;
          const one = nodes.size === 1 ? nodes.values().next().value as StepNode : undefined;
          const byStatus = one ? undefined : statusesOf(model, p, nodes);
          const status = one ? model.statusOf(one) : summarize(byStatus!);
          const text = one ? describeOne(status, one) : describeMany(status, nodes.size, byStatus!);
          const line = editor.document.positionAt(loc.start).line;
          const range = editor.document.lineAt(line).range;
          const list = decos.get(status) ?? [];
          list.push({ range, renderOptions: { after: { contentText: text } }, hoverMessage: `Weft: ${p} ${status}` });
          decos.set(status, list);
          lines.set(line, text);
        }
      }
      for (const [status, type] of this.types) editor.setDecorations(type, decos.get(status) ?? []);
      this.applied.set(file, lines);
      if (key !== undefined) this.settled.set(editor.document, { key, decos, lines });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subs.forEach((s) => s.dispose());
    this.types.forEach((t) => t.dispose());
  }
}

/** How many of a static path's nodes have each status: the model's counts when they are all leaves. */
function statusesOf(model: RunModel, p: string, nodes: ReadonlySet<StepNode>): Map<string, number> {
  const out = new Map<string, number>();
  const leaves = model.leafCountsOf(p);
  if (leaves && leaves.total === nodes.size) {
    for (const [k, v] of Object.entries(leaves.by)) if (v) out.set(k, v);
    return out;
  }
  for (const n of nodes) { const st = model.statusOf(n); out.set(st, (out.get(st) ?? 0) + 1); }
  return out;
}

function summarize(statuses: Map<string, number>): string {
  for (const s of ['running', 'retrying', 'failed', 'cancelled', 'pending', 'succeeded', 'skipped']) if (statuses.get(s)) return s;
  return 'pending';
}

function describeMany(status: string, count: number, byStatus: Map<string, number>): string {
  const glyph = STYLE[status]?.glyph ?? '';
  // The iterations started so far, by status: a foreach's items are not known before they start, so
  // "3/6 iterations done" (6 started of 40 items) read as 6 in all.
  if (byStatus.size === 1) return `${glyph} ${status} · ${count} iterations`;
  const order = ['succeeded', 'running', 'retrying', 'failed', 'cancelled', 'skipped', 'pending'];
  return `${glyph} ${status} · iterations: ${order.filter((s) => byStatus.get(s)).map((s) => `${byStatus.get(s)} ${s}`).join(', ')}`;
}

function describeOne(status: string, n: StepNode): string {
  const glyph = STYLE[status]?.glyph ?? '';
  const d = n.durationMs ?? (n.startedAt ? Date.now() - n.startedAt : undefined);
  const parts = [`${glyph} ${status}`];
  if (status !== 'pending' && status !== 'skipped' && d !== undefined) parts.push(formatMs(d));
  if (n.attempt > 1) parts.push(`attempt ${n.attempt}`);
  if (status === 'failed' && n.error) parts.push(n.error.split('\n')[0].slice(0, 80));
  return parts.join(' · ');
}
