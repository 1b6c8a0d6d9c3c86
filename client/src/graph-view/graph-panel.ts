// weft.showGraph: a webview beside the editor with the workflow's dependency graph (the `weft/plan` of
// the current text, so it follows edits), coloured live by step status while a run goes, and a Timeline
// tab with the last run's bars on a shared time axis (critical chain marked). This side posts the plan
// and the statuses; the page (webview/main.ts) lays the plan out with dagre, on a worker of its own,
// and draws it, so the layout never holds up the extension host nor the page.
import * as vscode from 'vscode';
import crypto from 'node:crypto';
import type { PlanNode } from '../../../engine/src/plan/types.js';
import type { RunStore } from '../runs/run-store.js';
import type { RunModel } from '../runs/run-model.js';
import { drawnPlan } from './drawn-plan.js';
import type { DrawnReport, FromWebview, PageShows, Tab, Timeline, ToWebview } from './messages.js';
import { graphHtml } from './webview-html.js';

export type PlanSource = (uri: vscode.Uri) => Promise<PlanNode[] | undefined>;
/** Shows a box's step (`path`, static) of `file` in an editor: what a click on the box does. */
export type Reveal = (file: string, path: string) => Promise<unknown>;

export class GraphPanel implements vscode.Disposable {
  static current: GraphPanel | undefined;
  private readonly subs: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private statusTimer: NodeJS.Timeout | undefined;
  /** What the page last reported drawing, with its layout counters (for tests). */
  drawn: DrawnReport | undefined;
  /** Counts refreshPlan calls: only the latest may post, so a slow answer for an older text or file never replaces a newer plan. */
  private planRequest = 0;
  /** Probes posted to the page and not answered yet (a page that was dropped never answers its own). */
  private readonly probes = new Map<number, (s: PageShows) => void>();
  private probeId = 0;

  /** `extensionUri`: the extension's folder, where dist/webview/graph-webview.js (the page's script) is. */
  static show(extensionUri: vscode.Uri, uri: vscode.Uri, store: RunStore, planSource: PlanSource, reveal: Reveal): GraphPanel {
    if (GraphPanel.current) { GraphPanel.current.setDocument(uri); GraphPanel.current.panel.reveal(vscode.ViewColumn.Beside, true); return GraphPanel.current; }
    const scripts = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
    const panel = vscode.window.createWebviewPanel('weft.graph', 'Weft Graph', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, localResourceRoots: [scripts], retainContextWhenHidden: false });
    GraphPanel.current = new GraphPanel(panel, scripts, uri, store, planSource, reveal);
    return GraphPanel.current;
  }

  private constructor(readonly panel: vscode.WebviewPanel, scripts: vscode.Uri, private uri: vscode.Uri, private readonly store: RunStore, private readonly planSource: PlanSource, private readonly reveal: Reveal) {
    const script = panel.webview.asWebviewUri(vscode.Uri.joinPath(scripts, 'graph-webview.js'));
    panel.webview.html = graphHtml(panel.webview.cspSource, crypto.randomBytes(16).toString('base64'), script.toString());
    this.subs.push(
      panel.webview.onDidReceiveMessage((m: FromWebview) => {
        // A page (re)loaded, e.g. its tab shown again: it has drawn nothing yet.
        if (m.type === 'ready') { this.drawn = undefined; void this.refreshPlan(); this.pushStatus(); }
        if (m.type === 'reveal' && m.path) void this.revealStep(m.path);
        if (m.type === 'drawn') this.drawn = m;
        if (m.type === 'shows') { this.probes.get(m.id)?.(m); this.probes.delete(m.id); }
      }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (e.document.uri.toString() === this.uri.toString()) this.schedule(); }),
      vscode.window.onDidChangeActiveTextEditor((ed) => { if (ed?.document.languageId === 'weft' && ed.document.uri.toString() !== this.uri.toString()) this.setDocument(ed.document.uri); }),
      store.onDidChange(() => { this.statusTimer ??= setTimeout(() => { this.statusTimer = undefined; this.pushStatus(); }, 250); }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** What a click on the box of step `path` does (the test API clicks through this too). */
  revealStep(path: string): Promise<unknown> {
    return this.reveal(this.uri.fsPath, path);
  }

  /** Switches the webview to a tab ('graph' | 'time'). */
  showTab(tab: Tab): void {
    this.post({ type: 'tab', tab });
  }

  /** What the page shows when this reaches it (its tab, a layout in progress); for tests. Never settles if the page is replaced first. */
  probe(): Promise<PageShows> {
    const id = ++this.probeId;
    return new Promise((resolve) => { this.probes.set(id, resolve); this.post({ type: 'probe', id }); });
  }

  private post(m: ToWebview): void {
    void this.panel.webview.postMessage(m);
  }

  setDocument(uri: vscode.Uri): void {
    this.uri = uri;
    void this.refreshPlan();
    this.pushStatus();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refreshPlan(), 400);
  }

  private lastRun(): RunModel | undefined {
    const f = this.uri.fsPath;
    const entry = this.store.list().find((e) => e.model.root.file === f);
    return entry && this.store.full(entry); // a finished run's tree, read from its record if it was dropped
  }

  /** Posts the current plan; the page lays it out only if it differs from the last one it laid out. */
  async refreshPlan(): Promise<void> {
    const request = ++this.planRequest;
    const title = vscode.workspace.asRelativePath(this.uri, false);
    let plan: PlanNode[] | undefined;
    let error: string | undefined;
    try { plan = await this.planSource(this.uri); } catch (e) { error = `No plan from the language server (${e instanceof Error ? e.message : e}).`; }
    // Another refresh started meanwhile (an edit, another file made current, the page reloaded): it posts.
    if (request !== this.planRequest) return;
    plan ??= this.lastRun()?.root.plan;
    if (!plan?.length) { this.post({ type: 'plan', plan: null, title, error: error ?? 'No steps (or the file has errors).' }); return; }
    // Cut here (a millisecond), so a plan of thousands of sub-workflow steps is not copied to the page whole.
    this.post({ type: 'plan', plan: drawnPlan(plan), title });
  }

  private pushStatus(): void {
    const run = this.lastRun();
    const status: Record<string, string> = {};
    if (run) for (const s of run.allSteps()) status[s.staticPath] = aggregate(status[s.staticPath], run.statusOf(s));
    this.post({ type: 'status', status });
    this.post({ type: 'timeline', timeline: run ? timeline(run) : null });
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    if (this.timer) clearTimeout(this.timer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.subs.forEach((s) => s.dispose());
    this.panel.dispose();
  }
}

function aggregate(prev: string | undefined, next: string): string {
  if (!prev) return next;
  for (const s of ['running', 'retrying', 'failed', 'cancelled', 'pending', 'succeeded', 'skipped']) if (prev === s || next === s) return s;
  return next;
}

/** One bar per leaf step that started, with the chain of last-finishing dependencies marked critical. */
export function timeline(run: RunModel): Timeline {
  const leaves = run.leafSteps().filter((s) => s.startedAt !== undefined);
  const start = run.root.startedAt || Math.min(...leaves.map((s) => s.startedAt!));
  const end = run.root.finishedAt ?? Date.now();
  const critical = new Set<string>();
  let cur = [...leaves].filter((s) => s.finishedAt).sort((a, b) => b.finishedAt! - a.finishedAt!)[0];
  while (cur && !critical.has(cur.path)) {
    critical.add(cur.path);
    const deps = cur.needs.map((p) => run.step(p)).filter((s) => s?.finishedAt) as typeof leaves;
    cur = deps.sort((a, b) => b.finishedAt! - a.finishedAt!)[0];
  }
  const bars = leaves.sort((a, b) => a.startedAt! - b.startedAt!).map((s) => ({ path: s.path, start: s.startedAt!, end: s.finishedAt, status: s.status, critical: critical.has(s.path) }));
  return { title: `${run.root.workflow} · run ${run.root.runId} · ${run.root.status}`, start, end, bars };
}
