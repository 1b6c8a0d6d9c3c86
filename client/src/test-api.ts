// The test-only accessor on the extension's exported API (`api.__test`): lets the in-VS Code suite see
// what the Runs view shows (through the real TreeDataProvider), the status bar text, the editor
// decorations and the language server's process, without reaching into private state.
import * as vscode from 'vscode';
import type { RunStore } from './runs/run-store.js';
import type { RunsTreeProvider, RunsElement } from './runs-view/runs-tree.js';
import { treeItem } from './runs-view/tree-items.js';
import type { RunController } from './commands/run.js';
import type { OutputProvider } from './commands/steps.js';
import type { RunStatusBar } from './status-bar.js';
import type { StepDecorations } from './decorations.js';
import type { WeftLanguageClient } from './language-client.js';
import { GraphPanel } from './graph-view/graph-panel.js';
import type { DrawnReport, PageShows } from './graph-view/messages.js';
import type { RunEvent } from '../../engine/src/run/events.js';

export interface TreeSnapshot {
  label: string;
  description?: string;
  icon?: string;
  contextValue?: string;
  /** The step path for step nodes. */
  path?: string;
  /** The run id for run nodes. */
  runId?: string;
  status?: string;
  startedAt?: number;
  finishedAt?: number;
  children: TreeSnapshot[];
}

export interface WeftTestApi {
  /** The Runs view's rows with everything under them (a summarized run's tree is read for it); `runId`: that run's only. */
  tree(runId?: string): TreeSnapshot[];
  refreshCount(): number;
  /** How many getTreeItem and getChildren calls VS Code made of the Runs view's provider. */
  treeCalls(): { items: number; children: number };
  statusBarText(): string | undefined;
  decorations(file: string): Record<number, string>;
  liveRunIds(): string[];
  /** The files with a live run (the `weft.runningFiles` context key). */
  runningFiles(): string[];
  serverPid(): number | undefined;
  /** The extension's log folder (the Weft LogOutputChannel writes there). */
  logDir(): string;
  serverRunning(): boolean;
  /** What the graph webview last reported drawing (it lays out in the page, so the host has no layout). */
  graphDrawn(): DrawnReport | undefined;
  graphTab(tab: 'graph' | 'time'): void;
  /** Clicks the graph's box of step `path` (static), as the page's message does; undefined with no graph panel. */
  graphReveal(path: string): Promise<unknown> | undefined;
  /** What the graph webview shows when the probe reaches it (its tab, a layout in progress); undefined with no graph panel. Never settles if the page is replaced first. */
  graphProbe(): Promise<PageShows> | undefined;
  revealRun(runId: string): Promise<void>;
  /** The step output editors' provider: how often it built an output text, and how many it holds now. */
  outputBytes(): { builds: number; held: number };
  /** Feeds recorded events into the Runs view as if a run in this window emitted them. */
  injectEvents(events: RunEvent[], runsDir: string): void;
  /** Reads and follows a runs folder, as for a workspace folder at start; returns the milliseconds the first read took. */
  watchRuns(runsDir: string): number;
  /** The runs the view knows, and how many hold their tree (the rest are summaries); trees rebuilt from records so far. */
  runTrees(): { runs: number; full: number; rebuilds: number };
}

export function makeTestApi(d: { logDir: string; store: RunStore; tree: RunsTreeProvider; view: vscode.TreeView<RunsElement>; controller: RunController; statusBar: RunStatusBar; decorations: StepDecorations; client: WeftLanguageClient; log: vscode.LogOutputChannel; output: OutputProvider }): WeftTestApi {
  const snap = (el: RunsElement): TreeSnapshot => {
    // The rows as the provider gives them, without counting as VS Code's asks (treeCalls) or recording their looks.
    const item = treeItem(el.model, el.node);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
    const n = el.node;
    return {
      label, description: typeof item.description === 'string' ? item.description : undefined, icon, contextValue: item.contextValue,
      ...(n.type === 'step' ? { path: n.path, status: el.model.statusOf(n), startedAt: n.startedAt, finishedAt: n.finishedAt } : { status: el.model.statusOf(n) }),
      ...(n.type === 'run' ? { runId: n.runId } : {}),
      children: d.tree.childrenOf(el).map(snap),
    };
  };
  return {
    tree: (runId) => d.tree.childrenOf().filter((el) => runId === undefined || (el.node.type === 'run' && el.node.runId === runId)).map(snap),
    refreshCount: () => d.tree.refreshes,
    treeCalls: () => ({ ...d.tree.calls }),
    statusBarText: () => d.statusBar.text(),
    decorations: (file) => Object.fromEntries(d.decorations.applied.get(file) ?? []),
    liveRunIds: () => d.controller.liveRunIds(),
    runningFiles: () => d.statusBar.runningFiles,
    serverPid: () => d.client.serverPid(),
    logDir: () => d.logDir,
    serverRunning: () => d.client.running,
    graphDrawn: () => GraphPanel.current?.drawn,
    graphTab: (tab) => GraphPanel.current?.showTab(tab),
    graphReveal: (path) => GraphPanel.current?.revealStep(path),
    graphProbe: () => GraphPanel.current?.probe(),
    outputBytes: () => ({ builds: d.output.bytes.builds, held: d.output.bytes.heldCount }),
    injectEvents: (events, runsDir) => events.forEach((e) => d.store.applyLocal(e, runsDir)),
    watchRuns: (runsDir) => { const t = performance.now(); d.store.watchFolder(runsDir); return performance.now() - t; },
    runTrees: () => { const all = d.store.list(); return { runs: all.length, full: all.filter((e) => !e.model.summarized).length, rebuilds: d.store.rebuilds }; },
    revealRun: async (runId) => {
      const entry = d.store.get(runId);
      if (!entry) return;
      const el = d.tree.element(entry.model, entry.model.root);
      await d.view.reveal(el, { expand: 3, focus: false, select: false });
    },
  };
}
