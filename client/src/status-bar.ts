// The status bar item while runs are live ("Weft: 3/7 running"); click shows the Runs view.
import * as vscode from 'vscode';
import type { RunStore } from './runs/run-store.js';
import { ContextKeys } from './context-keys.js';

export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('weft.status', vscode.StatusBarAlignment.Left, 50);
  private timer: NodeJS.Timeout | undefined;
  private readonly sub: vscode.Disposable;
  private readonly contextKeys = new ContextKeys(
    (key, value) => vscode.commands.executeCommand('setContext', key, value),
    (file) => vscode.Uri.file(file).fsPath,
  );

  constructor(private readonly store: RunStore) {
    this.item.name = 'Weft Runs';
    this.item.command = 'weft.runs.focus';
    this.sub = store.onDidChange(() => { this.timer ??= setTimeout(() => { this.timer = undefined; this.update(); }, 100); });
  }

  /** The text shown, or undefined when hidden (exposed for tests). */
  text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  private visible = false;
  /** The files with a live run, as last given to the `weft.runningFiles` context key (for tests). */
  runningFiles: string[] = [];

  update(): void {
    const live = this.store.live();
    // The files with a live run, for menus that offer Run or Cancel by the editor's own file
    // (`resourcePath in weft.runningFiles`) instead of by whether any run is live; set only on a change.
    this.runningFiles = this.contextKeys.update(live.map((e) => e.model.root.file)).runningFiles;
    if (live.length === 0) { this.item.hide(); this.visible = false; return; }
    // The run model's counts, kept as events arrive: a walk of every leaf step of every live run, ten
    // times a second, was most of the status bar's cost on a foreach of thousands of items.
    let running = 0; let done = 0; let total = 0;
    for (const e of live) {
      const c = e.model.leafCounts();
      const active = (c.by.running ?? 0) + (c.by.retrying ?? 0);
      total += c.total;
      running += active;
      done += c.total - active - (c.by.pending ?? 0);
    }
    const name = live.length === 1 ? live[0].model.root.workflow : `${live.length} runs`;
    this.item.text = `$(sync~spin) Weft: ${running}/${total} running`;
    this.item.tooltip = `${name}: ${running} running, ${done} of ${total} steps done. Click to show the Runs view.`;
    this.item.show();
    this.visible = true;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.sub.dispose();
    this.item.dispose();
  }
}
