// Registers every `weft.*` command and maps its arguments (a Uri, a Runs view element, or an
// object from code/tests) to the controller, the step commands and the graph.
import * as vscode from 'vscode';
import type { RunStore, RunEntry } from '../runs/run-store.js';
import { runToResume } from './resume-target.js';
import { maskedInputProblem } from '../engine-bridge.js';
import type { RunController, RunRequest, RunResult } from './run.js';
import type { Secrets } from '../secrets.js';
import type { WeftLanguageClient } from '../language-client.js';
import type { RunsTreeProvider, RunsElement } from '../runs-view/runs-tree.js';
import { columnOf, goneRunId, OUTPUT_SCHEME, OutputProvider, resolveArg, revealStep, runGoneWords, showStepIn, showStepOutput, type StepArg } from './steps.js';
import { GraphPanel } from '../graph-view/graph-panel.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';

export interface Deps {
  store: RunStore;
  controller: RunController;
  secrets: Secrets;
  client: WeftLanguageClient;
  log: vscode.LogOutputChannel;
  tree: RunsTreeProvider;
  view: vscode.TreeView<RunsElement>;
}

function toUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return arg.includes(':') && !arg.startsWith('/') ? vscode.Uri.parse(arg) : vscode.Uri.file(arg);
  if (arg && typeof arg === 'object' && 'uri' in arg) return toUri((arg as { uri: unknown }).uri);
  return undefined;
}

/** Returns the `weft-output:` provider (the test accessor reads what it holds). */
export function registerCommands(context: vscode.ExtensionContext, d: Deps): OutputProvider {
  const reg = (id: string, fn: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn as (...a: unknown[]) => unknown));
  const runFileOf = (arg: StepArg) => resolveArg(d.store, arg)?.entry;

  reg('weft.run', (arg?: unknown, more?: { inputs?: Record<string, unknown> }): Promise<RunResult> => {
    const req: RunRequest = { uri: toUri(arg) };
    if (arg && typeof arg === 'object' && 'inputs' in arg) req.inputs = (arg as RunRequest).inputs;
    if (more?.inputs) req.inputs = more.inputs;
    return d.controller.run(req);
  });
  reg('weft.runWithInputs', (arg?: unknown) => d.controller.run({ uri: toUri(arg), askInputs: true }));
  // The editor title's stop button passes the editor's Uri: that file's live run, not the newest run.
  reg('weft.cancel', (arg?: unknown) => {
    const uri = toUri(arg);
    if (uri) return d.controller.cancel({ file: uri.fsPath });
    const el = arg as StepArg;
    const runId = el && 'model' in el ? el.model.root.runId : (el as { runId?: string } | undefined)?.runId;
    return d.controller.cancel(runId ? { runId } : undefined);
  });
  reg('weft.rerun', (arg?: StepArg) => {
    // A run named but gone (cleared, pruned, its record deleted: the failed run's notification stays
    // after it) is not some other file's run: it ran the active editor's workflow, or asked for one.
    const goneId = goneRunId(d.store, arg);
    if (goneId) return gone(goneId, 'Re-run');
    const e = runFileOf(arg);
    if (!e) return d.controller.run({});
    const uri = vscode.Uri.file(e.model.root.file);
    // The record masks a secret: *** is not the value the run had, so it is asked for again.
    const masked = maskedInputProblem(e.model.root.inputs, e.model.root.runId);
    if (masked) return d.controller.refuseInputs(uri, masked);
    return d.controller.run({ uri, inputs: e.model.root.inputs, runsDir: e.runsDir });
  });
  reg('weft.rerunFailed', (arg?: StepArg) => {
    const goneId = goneRunId(d.store, arg);
    if (goneId) return gone(goneId, 'Re-run Failed Steps');
    const e = arg ? runFileOf(arg) : resumable(d.store);
    if (!e) { void vscode.window.showInformationMessage('Weft: no failed or cancelled run to resume.'); return undefined; }
    // The run to resume is looked up in the records it is in (a terminal run of a file outside the
    // workspace folder is recorded in the folder it was started from, not beside its file).
    // The engine resumes with the run's recorded inputs (it refuses one its record masked).
    return d.controller.run({ uri: vscode.Uri.file(e.model.root.file), resume: e.model.root.runId, runsDir: e.runsDir });
  });
  reg('weft.showStepOutput', (arg?: StepArg) => showStepOutput(d.store, arg));
  reg('weft.revealStep', (arg?: StepArg) => revealStep(d.store, arg));
  reg('weft.clearRuns', () => {
    const n = d.store.clearFinished();
    d.log.info(`cleared ${n} finished run(s)`);
    return n;
  });
  reg('weft.setApiKey', (provider?: string, value?: string) => d.secrets.setApiKey(provider, value));
  reg('weft.showGraph', async (arg?: unknown) => {
    let uri = toUri(arg);
    if (!uri && arg && typeof arg === 'object' && 'model' in arg) uri = vscode.Uri.file((arg as RunsElement).model.root.file);
    uri ??= vscode.window.activeTextEditor?.document.languageId === 'weft' ? vscode.window.activeTextEditor.document.uri : await d.controller.pickWorkflow();
    if (!uri) return undefined;
    const planSource = async (u: vscode.Uri) => {
      const r = (await d.client.plan(u)) as PlanNode[] | { steps?: PlanNode[]; plan?: PlanNode[] } | undefined;
      return Array.isArray(r) ? r : r?.steps ?? r?.plan;
    };
    return GraphPanel.show(context.extensionUri, uri, d.store, planSource, (file, p) => {
      const entry = d.store.list().find((e) => e.model.root.file === file);
      // Reveal in the editor's column, never over the graph itself.
      const column = columnOf(file) ?? vscode.ViewColumn.One;
      return entry ? revealStep(d.store, { runId: entry.model.root.runId, path: p }, column) : showStepIn(vscode.Uri.file(file), p, column, false);
    });
  });
  const output = new OutputProvider(d.store);
  context.subscriptions.push(output, vscode.workspace.registerFileSystemProvider(OUTPUT_SCHEME, output, { isReadonly: true, isCaseSensitive: true }));
  return output;
}

/** Says that the run a command was given is no longer known; the command does nothing else. */
function gone(runId: string, what: string): RunResult {
  const message = `${runGoneWords(runId)}, so ${what} has nothing to repeat. Run the workflow again with Run Workflow.`;
  void vscode.window.showInformationMessage(`Weft: ${message}`);
  return { started: false, reason: 'no-file', message };
}

/** Given no run (the palette): the newest failed or cancelled run, of the active editor's file first. */
function resumable(store: RunStore): RunEntry | undefined {
  const runs = store.list().map((e) => ({ runId: e.model.root.runId, file: e.model.root.file, status: e.model.root.status }));
  const active = vscode.window.activeTextEditor?.document.uri;
  const id = runToResume(runs, active?.scheme === 'file' ? active.fsPath : undefined);
  return id ? store.get(id) : undefined;
}
