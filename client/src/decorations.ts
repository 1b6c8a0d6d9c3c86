// While a run is live (and after it, until the text changes), each step's line in the workflow editor
// shows its status after the line: "⟳ running · 1.2 s", "✓ succeeded · 800 ms", "✗ failed · 2.1 s ·
// exit code 3", so the parallelism is visible where it is written. Lines come from the YAML (static
// paths); a foreach body step's line counts its iterations by status.
import * as vscode from 'vscode';
import type { RunStore } from './runs/run-store.js';
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
  private runFor(file: string): RunModel | undefined {
    return this.store.list().find((e) => e.model.root.file === file || e.model.root.file === vscode.Uri.file(file).toString())?.model;
  }

  update(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      if (editor.document.languageId !== 'weft') continue;
      const file = editor.document.uri.fsPath;
      const model = this.runFor(file);
      const byStatus = new Map<string, vscode.DecorationOptions[]>();
      const lines = new Map<number, string>();
      if (model) {
        const info = this.infoOf(editor.document);
        const byStatic = new Map<string, StepNode[]>();
        // Appended in place: copying the list at each step was quadratic in a foreach's iterations
        // (2,000 iterations: millions of copies per body step, five times a second).
        for (const s of model.allSteps()) {
          const same = byStatic.get(s.staticPath);
          if (same) same.push(s); else byStatic.set(s.staticPath, [s]);
        }
        for (const [p, loc] of info.steps) {
          const nodes = byStatic.get(p);
          if (!nodes?.length) continue;
          const statuses = nodes.map((n) => model.statusOf(n));
          const status = nodes.length === 1 ? statuses[0] : summarize(statuses);
          const text = describe(status, nodes, statuses);
          const line = editor.document.positionAt(loc.start).line;
          const range = editor.document.lineAt(line).range;
          const list = byStatus.get(status) ?? [];
          list.push({ range, renderOptions: { after: { contentText: text } }, hoverMessage: `Weft: ${p} ${status}` });
          byStatus.set(status, list);
          lines.set(line, text);
        }
      }
      for (const [status, type] of this.types) editor.setDecorations(type, byStatus.get(status) ?? []);
      this.applied.set(file, lines);
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subs.forEach((s) => s.dispose());
    this.types.forEach((t) => t.dispose());
  }
}

function summarize(statuses: string[]): string {
  for (const s of ['running', 'retrying', 'failed', 'cancelled', 'pending', 'succeeded', 'skipped']) if (statuses.includes(s)) return s;
  return 'pending';
}

function describe(status: string, nodes: StepNode[], statuses: string[]): string {
  const glyph = STYLE[status]?.glyph ?? '';
  if (nodes.length > 1) {
    // The iterations started so far, by status: a foreach's items are not known before they start, so
    // "3/6 iterations done" (6 started of 40 items) read as 6 in all.
    const byStatus = new Map<string, number>();
    for (const s of statuses) byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
    if (byStatus.size === 1) return `${glyph} ${status} · ${nodes.length} iterations`;
    const order = ['succeeded', 'running', 'retrying', 'failed', 'cancelled', 'skipped', 'pending'];
    return `${glyph} ${status} · iterations: ${order.filter((s) => byStatus.has(s)).map((s) => `${byStatus.get(s)} ${s}`).join(', ')}`;
  }
  const n = nodes[0];
  const d = n.durationMs ?? (n.startedAt ? Date.now() - n.startedAt : undefined);
  const parts = [`${glyph} ${status}`];
  if (status !== 'pending' && status !== 'skipped' && d !== undefined) parts.push(formatMs(d));
  if (n.attempt > 1) parts.push(`attempt ${n.attempt}`);
  if (status === 'failed' && n.error) parts.push(n.error.split('\n')[0].slice(0, 80));
  return parts.join(' · ');
}
