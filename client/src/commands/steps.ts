// Commands on a step of a run: weft.showStepOutput (a read-only editor with the full output, read
// from `<runsDir>/<runId>/outputs/`, falling back to the preview and the log, following a running
// step as it goes), weft.revealStep (jumps to the step's YAML), and the argument normalisation
// shared by the Runs view's inline actions.
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { readStepOutput } from '../engine-bridge.js';
import type { RunStore, RunEntry } from '../runs/run-store.js';
import type { ModelNode, StepNode } from '../runs/run-model.js';
import type { RunsElement } from '../runs-view/runs-tree.js';
import { readWorkflowInfo, staticPath } from '../workflow-info.js';
import { stepOutputText } from './step-output-text.js';
import { OutputBytes } from './output-bytes.js';
import { changedSteps, outputTarget, RefreshQueue } from './output-follow.js';

export const OUTPUT_SCHEME = 'weft-output';

/** `{runId, path}`, a tree element, or nothing (the newest run). */
export type StepArg = { runId?: string; path?: string } | RunsElement | undefined;

export function resolveArg(store: RunStore, arg: StepArg): { entry: RunEntry; step?: StepNode } | undefined {
  if (arg && 'model' in arg && 'node' in arg) {
    const entry = store.get(arg.model.root.runId);
    return entry && { entry, step: arg.node.type === 'step' ? arg.node : undefined };
  }
  const a = arg as { runId?: string; path?: string } | undefined;
  const entry = a?.runId ? store.get(a.runId) : store.list()[0];
  if (!entry) return undefined;
  return { entry, step: a?.path ? store.full(entry).step(a.path) : undefined };
}

/** Serves `weft-output:/<runId>/<step path>.txt` as a read-only file system (the editor shows a lock). */
export class OutputProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  /** Each open builds the text once, and it is not kept (output-bytes.ts). */
  readonly bytes = new OutputBytes();
  /** Open documents whose step changed: refreshed together (output-follow.ts). */
  private readonly refresh = new RefreshQueue<vscode.Uri>((uris) => {
    for (const uri of uris) this.bytes.forget(uri.toString());
    this.emitter.fire(uris.map((uri) => ({ type: vscode.FileChangeType.Changed, uri })));
  });
  private readonly following: vscode.Disposable;

  constructor(private readonly store: RunStore) {
    this.following = store.onDidChange(({ nodes }) => this.follow(nodes));
  }

  /**
   * Documents whose text was built from their run: only these are reported deleted when the run
   * leaves the store. A document restored at start-up, whose run's record is not read yet, is not
   * (records are read one by one, each read a store change).
   */
  private readonly shown = new Set<string>();

  /**
   * An open output document follows its step: a log line, a new status, its end. One whose run left
   * the store is reported deleted, as VS Code marks an open file deleted on disk.
   */
  private follow(nodes: readonly ModelNode[]): void {
    const open = vscode.workspace.textDocuments.filter((d) => d.uri.scheme === OUTPUT_SCHEME);
    if (open.length === 0) return;
    const steps = changedSteps(nodes);
    const deleted: vscode.FileChangeEvent[] = [];
    for (const { uri } of open) {
      const { runId, stepPath } = outputTarget(uri.path);
      const key = uri.toString();
      if (!this.store.get(runId)) {
        if (!this.shown.delete(key)) continue;
        // VS Code checks that a file reported deleted is gone: a stat must not answer from held bytes.
        this.bytes.forget(key);
        deleted.push({ type: vscode.FileChangeType.Deleted, uri });
      } else if (steps.has(`${runId}/${stepPath}`)) this.refresh.add(key, uri);
    }
    if (deleted.length) this.emitter.fire(deleted);
  }

  dispose(): void {
    this.following.dispose();
    this.refresh.dispose();
    this.emitter.dispose();
  }

  private async content(uri: vscode.Uri): Promise<Uint8Array> {
    const { runId, stepPath } = outputTarget(uri.path);
    const entry = this.store.get(runId);
    const step = entry && this.store.full(entry).step(stepPath);
    if (!entry || !step) throw vscode.FileSystemError.FileNotFound(uri);
    this.shown.add(uri.toString());
    // The runs folder comes with the workspace, an untrusted one too: readStepOutput opens only a
    // regular file (a named pipe there waited for a writer for good, a link to /dev/zero never ended).
    return Buffer.from(stepOutputText(step, await readStepOutput(entry.runsDir, runId, stepPath)), 'utf8');
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const { bytes, mtime } = await this.bytes.stat(uri.toString(), () => this.content(uri));
    return { type: vscode.FileType.File, ctime: 0, mtime, size: bytes.byteLength, permissions: vscode.FilePermission.Readonly };
  }
  readFile(uri: vscode.Uri): Promise<Uint8Array> { return this.bytes.read(uri.toString(), () => this.content(uri)); }
  watch(): vscode.Disposable { return new vscode.Disposable(() => undefined); }
  readDirectory(): [string, vscode.FileType][] { return []; }
  createDirectory(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  writeFile(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  delete(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
  rename(uri: vscode.Uri): void { throw vscode.FileSystemError.NoPermissions(uri); }
}

/**
 * The id of the run `arg` names when that run is no longer known (cleared, pruned, its record
 * deleted), as a notification's Show Failed Step or a stale tree row can ask; else undefined.
 */
export function goneRunId(store: RunStore, arg: StepArg): string | undefined {
  const runId = arg && 'model' in arg ? arg.model.root.runId : (arg as { runId?: string } | undefined)?.runId;
  return runId && !store.get(runId) ? runId : undefined;
}

/** How a command given a run no longer known names it (Re-run's words and Show Step Output's alike). */
export function runGoneWords(runId: string): string {
  return `run ${runId} is no longer in the Runs view (cleared, or its record deleted)`;
}

/** How a command names a workflow file deleted or moved since its run (Re-run's and Reveal Step's alike). */
export function fileGoneWords(uri: vscode.Uri): string {
  return `${path.basename(uri.fsPath)} no longer exists at ${uri.fsPath} (deleted or moved)`;
}

function sayGone(runId: string): undefined {
  void vscode.window.showInformationMessage(`Weft: ${runGoneWords(runId)}; its steps and outputs are gone.`);
  return undefined;
}

export async function showStepOutput(store: RunStore, arg: StepArg): Promise<vscode.TextEditor | undefined> {
  const gone = goneRunId(store, arg);
  if (gone) return sayGone(gone);
  const r = resolveArg(store, arg);
  if (!r?.step) { void vscode.window.showInformationMessage('Weft: choose a step in the Runs view to show its output.'); return undefined; }
  const uri = vscode.Uri.from({ scheme: OUTPUT_SCHEME, path: `/${r.entry.model.root.runId}/${r.step.path}.txt` });
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside });
}

/** `ofRun`: the step is a run's (its steps and outputs outlive the file), not only the file's (a graph box). */
function sayMissing(uri: vscode.Uri, ofRun: boolean): undefined {
  const still = ofRun ? ' The run\'s steps and outputs are still in the Runs view.' : '';
  void vscode.window.showInformationMessage(`Weft: ${fileGoneWords(uri)}, so the step cannot be shown in it.${still}`);
  return undefined;
}

export async function revealStep(store: RunStore, arg: StepArg, viewColumn?: vscode.ViewColumn): Promise<vscode.TextEditor | undefined> {
  const gone = goneRunId(store, arg);
  if (gone) return sayGone(gone);
  const r = resolveArg(store, arg);
  if (!r) return undefined;
  const file = r.entry.model.root.file;
  if (!file) return undefined;
  const uri = file.startsWith('file:') ? vscode.Uri.parse(file) : vscode.Uri.file(file);
  // A path the run has no node at is still a step of the file: the graph's boxes are the plan's
  // static paths, and a foreach body's steps (`each/inner`) are nodes of the run only per iteration
  // (`each/0/inner`); revealing one selected the file's first line.
  const asked = arg && !('model' in arg) && arg.path ? staticPath(arg.path) : undefined;
  return showStepIn(uri, r.step?.staticPath ?? asked, viewColumn, true);
}

/**
 * Opens `uri` with the step at `stepPath` (static) selected, or the first line if it has none: a
 * run's step (Reveal Step) or a graph box's, clicked with no run of the file (`ofRun` false).
 */
export async function showStepIn(uri: vscode.Uri, stepPath: string | undefined, viewColumn: vscode.ViewColumn | undefined, ofRun: boolean): Promise<vscode.TextEditor | undefined> {
  // A workflow deleted or moved since its run (a click on its row in the Runs view) or since its
  // graph was drawn: VS Code failed to open it ("Unable to resolve nonexistent file"), or showed the
  // old text it still held.
  if (uri.scheme === 'file' && !fs.existsSync(uri.fsPath)) return sayMissing(uri, ofRun);
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
  } catch (err) {
    void vscode.window.showErrorMessage(`Weft: cannot open ${uri.fsPath} to reveal the step: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  const loc = stepPath ? readWorkflowInfo(doc.getText()).steps.get(stepPath) : undefined;
  const range = loc ? new vscode.Range(doc.positionAt(loc.start), doc.positionAt(loc.end)) : new vscode.Range(0, 0, 0, 0);
  return vscode.window.showTextDocument(doc, { selection: range, preserveFocus: false, preview: false, viewColumn: viewColumn ?? columnOf(doc) });
}

/**
 * The column already showing the document (so revealing never covers a webview), if any: `target`
 * is the document itself, or a file's path matched against each visible editor's `uri.fsPath`.
 */
export function columnOf(target: vscode.TextDocument | string): vscode.ViewColumn | undefined {
  const shows = typeof target === 'string' ? (e: vscode.TextEditor) => e.document.uri.fsPath === target : (e: vscode.TextEditor) => e.document === target;
  return vscode.window.visibleTextEditors.find(shows)?.viewColumn;
}
