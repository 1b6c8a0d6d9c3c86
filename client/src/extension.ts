// The Weft VS Code extension: language client, the embedded engine's run experience (Runs view,
// status bar, editor decorations, notifications), the graph webview, secrets and trust handling.
// Activation is lazy (onLanguage:weft, the Runs view, the commands) and measured.
import * as vscode from 'vscode';
import { WeftLanguageClient } from './language-client.js';
import { RunStore } from './runs/run-store.js';
import { RunsTreeProvider } from './runs-view/runs-tree.js';
import { RunStatusBar } from './status-bar.js';
import { StepDecorations } from './decorations.js';
import { Secrets } from './secrets.js';
import { RunController } from './commands/run.js';
import { registerCommands } from './commands/register.js';
import { makeTestApi, type WeftTestApi } from './test-api.js';
import path from 'node:path';

export interface WeftApi {
  /** Milliseconds activate() took. */
  activationMs: number;
  /** Test-only accessor: not a public API, may change without notice. */
  __test: WeftTestApi;
}

export function activate(context: vscode.ExtensionContext): WeftApi {
  const t0 = performance.now();
  const log = vscode.window.createOutputChannel('Weft', { log: true });
  const client = new WeftLanguageClient(context, log);
  const store = new RunStore(log);
  const tree = new RunsTreeProvider(store);
  const view = vscode.window.createTreeView('weft.runs', { treeDataProvider: tree, showCollapseAll: true });
  const secrets = new Secrets(context.secrets, log);
  const controller = new RunController(store, secrets, log);
  const statusBar = new RunStatusBar(store);
  const decorations = new StepDecorations(store);
  context.subscriptions.push(log, store, tree, view, statusBar, decorations, { dispose: () => controller.dispose() }, { dispose: () => void client.dispose() });
  const output = registerCommands(context, { store, controller, secrets, client, log, tree, view });
  client.start();
  // Run records are read after activation returns, off the critical path.
  const watchFolders = () => { for (const f of vscode.workspace.workspaceFolders ?? []) store.watchFolder(path.join(f.uri.fsPath, '.weft', 'runs')); };
  setTimeout(watchFolders, 0);
  context.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders((e) => e.added.forEach((f) => store.watchFolder(path.join(f.uri.fsPath, '.weft', 'runs')))));
  const activationMs = performance.now() - t0;
  log.info(`Weft activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs, __test: makeTestApi({ logDir: context.logUri.fsPath, store, tree, view, controller, statusBar, decorations, client, log, output }) };
}

export function deactivate(): void {
  // Disposables in context.subscriptions stop the client and cancel live runs.
}
