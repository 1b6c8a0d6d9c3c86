// Starting runs from the editor: weft.run (the active workflow, or a quick pick of the workspace's
// workflow files), weft.runWithInputs (asks for each declared input, defaults filled in), weft.rerun
// and weft.rerunFailed (resume), weft.cancel. A run needs a trusted workspace and a file without
// errors; events stream into the RunStore; a notification says how it ended.
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { InputError, startRun, WorkflowInvalidError, type RunHandle } from '../engine-bridge.js';
import type { RunStore } from '../runs/run-store.js';
import type { Secrets } from '../secrets.js';
import { ensureTrusted } from '../trust.js';
import { hasOwnErrors, readWorkflowInfo } from '../workflow-info.js';
import { FILE_PATTERNS } from '../language-client.js';
import { runToCancel, type CancelAim } from './cancel-target.js';
import { RefusalDiagnostics } from './refusal-diagnostics.js';
import { recordProblemMessage } from './record-problem.js';
import { promptProblem, promptText, promptValue } from './input-prompt.js';
import { fileGoneWords } from './steps.js';
import type { RunEvent, RunFinishedEvent } from '../../../engine/src/run/events.js';

export interface RunRequest {
  uri?: vscode.Uri;
  inputs?: Record<string, unknown>;
  resume?: string;
  /** Where the run's record goes (and the run to resume is looked up); default: its workspace folder's .weft/runs. */
  runsDir?: string;
  /** Ask for each input. */
  askInputs?: boolean;
}

export type RunResult =
  | { started: true; runId: string; done: Promise<RunFinishedEvent> }
  | { started: false; reason: 'untrusted' | 'no-file' | 'invalid' | 'cancelled' | 'error'; message?: string };

export class RunController {
  private readonly handles = new Map<string, RunHandle>();
  private readonly invalid = new RefusalDiagnostics();

  constructor(
    private readonly store: RunStore,
    private readonly secrets: Secrets,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  runsDirFor(uri: vscode.Uri): { runsDir: string; root: string } {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const root = folder ? folder.uri.fsPath : path.dirname(uri.fsPath);
    return { runsDir: path.join(root, '.weft', 'runs'), root };
  }

  async pickWorkflow(): Promise<vscode.Uri | undefined> {
    const active = vscode.window.activeTextEditor?.document;
    // An untitled workflow too: run() then says to save it, instead of running some other file.
    if (active?.languageId === 'weft') return active.uri;
    const files = (await Promise.all(FILE_PATTERNS.map((p) => vscode.workspace.findFiles(p, '**/node_modules/**', 200)))).flat();
    if (files.length === 0) {
      // A window without a folder has no workspace to search: say what does work there.
      const words = vscode.workspace.workspaceFolders?.length ? 'no workflow files (*.weft.yaml, *.workflow.yaml) in this workspace.' : 'no folder is open: open a workflow file (File › Open File…) and run it from its editor, or open its folder.';
      void vscode.window.showInformationMessage(`Weft: ${words}`);
      return undefined;
    }
    if (files.length === 1) return files[0];
    const pick = await vscode.window.showQuickPick(workflowPickItems(files), { title: 'Weft: run which workflow?', matchOnDescription: true });
    return pick?.uri;
  }

  async run(req: RunRequest = {}): Promise<RunResult> {
    if (!ensureTrusted(this.log)) return { started: false, reason: 'untrusted' };
    const uri = req.uri ?? (await this.pickWorkflow());
    if (!uri) return { started: false, reason: 'no-file' };
    if (uri.scheme !== 'file') return refuseUnsaved(uri, this.log);
    // A file deleted since its run (Re-run from the Runs view) may still be held by VS Code, closed:
    // a run needs its file on disk, whether or not the editor still has its text.
    if (!fs.existsSync(uri.fsPath)) return refuseMissing(uri, this.log);
    let doc: vscode.TextDocument;
    try {
      doc = await vscode.workspace.openTextDocument(uri);
    } catch (err) {
      return refuseUnreadable(uri, err, this.log);
    }
    const text = doc.getText();
    let inputs = req.inputs;
    // A file the run refuses is refused before any question, not after them all (startRun says why).
    if (req.askInputs && !hasOwnErrors(text, uri.fsPath)) {
      inputs = await askInputs(text, inputs);
      if (!inputs) return { started: false, reason: 'cancelled' };
    }
    const { runsDir: folderRuns, root } = this.runsDirFor(uri);
    const runsDir = req.runsDir ?? folderRuns;
    const cfg = vscode.workspace.getConfiguration('weft', uri);
    const maxConcurrency = cfg.get<number | null>('maxConcurrency') ?? undefined;
    const env: Record<string, string | undefined> = { ...process.env };
    for (const [k, setting] of [['WEFT_LLM_PROVIDER', 'llm.provider'], ['WEFT_LLM_MODEL', 'llm.model'], ['WEFT_LLM_BASE_URL', 'llm.baseUrl']] as const) {
      const v = cfg.get<string>(setting);
      if (v) env[k] = v;
    }
    // The engine analyses the very text that runs and refuses it with its errors. The language server's
    // diagnostics do not decide: they can be of an older version of the text (it publishes after a
    // debounce), and refused a file whose errors had just been fixed.
    // The files it calls are taken from their editors too where those have unsaved changes, as the
    // language server analyses them: the run is what the editors show (they were read from disk, so
    // a run could be refused for errors the editor no longer showed, or run steps it no longer had).
    // Looked up when the analysis reads a called file, not over every open document at each run.
    const calledUnsaved = new Set<string>();
    const readCalledFile = (p: string): string | undefined => {
      const file = path.resolve(p);
      const d = vscode.workspace.textDocuments.find((t) => t.isDirty && t.uri.scheme === 'file' && path.resolve(t.uri.fsPath) === file);
      if (d) calledUnsaved.add(path.basename(d.uri.fsPath));
      return d?.getText();
    };
    let handle: RunHandle;
    try {
      handle = await startRun({
        file: uri.fsPath, text, readCalledFile, inputs, runsDir, root, resume: req.resume, maxConcurrency,
        env, secrets: await this.secrets.forRun(), editorFetch: true,
        onEvent: (e: RunEvent) => this.store.applyLocal(e, runsDir),
      });
    } catch (err) {
      if (err instanceof WorkflowInvalidError || (err as { diagnostics?: unknown })?.diagnostics) {
        const invalid = err as WorkflowInvalidError;
        const errors = (invalid.diagnostics ?? []).filter((d) => d.severity === 'error');
        // Errors in a file this one calls are not placed in this one (their ranges are in that file).
        const inThisFile = invalid.file === undefined || path.resolve(invalid.file) === path.resolve(uri.fsPath);
        if (inThisFile) this.invalid.show(doc, errors);
        return this.refuseInvalid(uri, errors.length);
      }
      if (err instanceof InputError) return this.refuseInputs(uri, err.message);
      const message = err instanceof Error ? err.message : String(err);
      this.log.error(`run of ${uri.fsPath} failed to start: ${message}`);
      void vscode.window.showErrorMessage(`Weft: could not start the run: ${message}`);
      return { started: false, reason: 'error', message };
    }
    this.invalid.clear(uri);
    this.handles.set(handle.runId, handle);
    // A file outside every workspace folder records beside itself: follow that folder from now on,
    // so that its runs from a terminal show too (the workspace folders' are followed from the start).
    this.store.watchFolder(runsDir);
    // What runs unsaved, said where the user looks for a few seconds: nothing is saved behind their back.
    const unsavedNames = [...(doc.isDirty ? [path.basename(uri.fsPath)] : []), ...calledUnsaved];
    const said = unsavedNames.length ? `the unsaved text of ${unsavedNames.join(', ')}` : '';
    this.log.info(`run ${handle.runId} started: ${uri.fsPath}${req.resume ? ` (resume ${req.resume})` : ''}${said ? ` (${said})` : ''}`);
    if (said) vscode.window.setStatusBarMessage(`$(info) Weft: running ${said}`, 8000);
    const done = handle.done.then((fin) => {
      this.handles.delete(handle.runId);
      this.log.info(`run ${handle.runId} ${fin.status} in ${fin.durationMs} ms`);
      // The run went on without its whole record (a full disk, a file size limit): say so, with where and why.
      const problem = handle.recordProblem;
      if (problem) {
        const text = recordProblemMessage(runsDir, handle.runId, problem);
        this.log.warn(text);
        void vscode.window.showWarningMessage(`Weft: ${text}`);
      }
      // The notification takes the run's name and failed step before an old run is pruned: with two
      // runs at once, the one that ends last can be the oldest, and the one pruned.
      void this.notify(handle.runId, fin);
      // The setting as it is now, not as it was when the run started (a configuration is a snapshot).
      this.store.prune(runsDir, keepOf(vscode.workspace.getConfiguration('weft', uri)));
      return fin;
    }, (err) => {
      this.handles.delete(handle.runId);
      this.log.error(`run ${handle.runId} crashed: ${err}`);
      throw err;
    });
    return { started: true, runId: handle.runId, done };
  }

  private refuseInvalid(uri: vscode.Uri, count: number): RunResult {
    const message = `${path.basename(uri.fsPath)} has ${count} error${count === 1 ? '' : 's'}; it did not run. The Problems panel shows why.`;
    this.log.warn(`run refused: ${message}`);
    void vscode.window.showErrorMessage(`Weft: ${message}`, 'Show Problems').then((pick) => {
      if (pick) void vscode.commands.executeCommand('workbench.actions.view.problems');
    });
    return { started: false, reason: 'invalid', message };
  }

  /**
   * A missing, wrong or masked input: the engine's words end with the command line's hint (`pass
   * --input who=...`, `--input who=...`), which the editor has no use for; its way to give inputs is Run with Inputs, offered here.
   */
  refuseInputs(uri: vscode.Uri, engineMessage: string): RunResult {
    const why = engineMessage.replace(/\s*\((pass )?--input [^)]*\)\s*$/, '');
    const message = `${path.basename(uri.fsPath)} did not run: ${why}. Run Workflow with Inputs… asks for each input.`;
    this.log.warn(`run refused: ${message}`);
    void vscode.window.showErrorMessage(`Weft: ${message}`, 'Run with Inputs…').then((pick) => {
      if (pick) void vscode.commands.executeCommand('weft.runWithInputs', uri);
    });
    return { started: false, reason: 'error', message };
  }

  private async notify(runId: string, fin: RunFinishedEvent): Promise<void> {
    const entry = this.store.get(runId);
    const name = entry?.model.root.workflow ?? runId;
    const counts = Object.entries(fin.counts ?? {}).filter(([, v]) => v).map(([k, v]) => `${v} ${k}`).join(', ');
    const text = `Weft: ${name} ${fin.status} in ${(fin.durationMs / 1000).toFixed(1)} s${counts ? ` (${counts})` : ''}.`;
    if (fin.status === 'succeeded') { void vscode.window.showInformationMessage(text); return; }
    const failed = entry?.model.allSteps().find((s) => s.status === 'failed' && s.children.length === 0);
    const actions = failed ? ['Show Failed Step', 'Re-run Failed'] : ['Re-run'];
    const pick = await vscode.window.showErrorMessage(text, ...actions);
    if (pick === 'Show Failed Step' && failed) {
      await vscode.commands.executeCommand('weft.revealStep', { runId, path: failed.path });
      await vscode.commands.executeCommand('weft.showStepOutput', { runId, path: failed.path });
    } else if (pick === 'Re-run Failed') await vscode.commands.executeCommand('weft.rerunFailed', { runId });
    else if (pick === 'Re-run') await vscode.commands.executeCommand('weft.rerun', { runId });
  }

  /** Cancels the run `aim` means (cancel-target.ts); says so when this window has none to cancel. */
  cancel(aim?: CancelAim): boolean {
    const live = this.store.list().filter((e) => this.handles.has(e.model.root.runId)).map((e) => ({ runId: e.model.root.runId, file: e.model.root.file }));
    const id = runToCancel(live, aim);
    const h = id ? this.handles.get(id) : undefined;
    if (h) { this.log.info(`run ${id}: cancel requested`); h.cancel(); return true; }
    const what = aim && 'file' in aim ? `no run of ${path.basename(aim.file)}` : 'no run';
    void vscode.window.showInformationMessage(`Weft: ${what} to cancel in this window (runs started in a terminal are cancelled there, with Ctrl-C).`);
    return false;
  }

  liveRunIds(): string[] {
    return [...this.handles.keys()];
  }

  dispose(): void {
    for (const h of this.handles.values()) h.cancel();
    this.invalid.dispose();
  }
}

/** The Run quick pick's rows: the file's name, and its path in the workspace. */
export function workflowPickItems(files: vscode.Uri[]): (vscode.QuickPickItem & { uri: vscode.Uri })[] {
  // The folder's name leads the path in a multi-root workspace (asRelativePath's default there): two
  // folders' build.weft.yaml were two rows saying the same.
  return files.map((f) => ({ label: path.basename(f.fsPath), description: vscode.workspace.asRelativePath(f), uri: f }));
}

/** weft.runs.keep: at least 1 (the manifest's minimum, which settings.json does not enforce), 50 unset. */
function keepOf(cfg: vscode.WorkspaceConfiguration): number {
  const keep = cfg.get<number>('runs.keep');
  return typeof keep === 'number' && Number.isFinite(keep) ? Math.max(1, Math.floor(keep)) : 50;
}

/** An untitled workflow has no folder to run in (sub-workflows, file paths, the shell's cwd) or to record into. */
function refuseUnsaved(uri: vscode.Uri, log: vscode.LogOutputChannel): RunResult {
  const name = path.basename(uri.path) || uri.toString();
  const message = `save ${name} to a file first: a run works in its file's folder (sub-workflow and file paths, the shell's working directory) and records it in the workspace's .weft/runs.`;
  log.warn(`run refused: ${uri.toString()} is not a file on disk`);
  void vscode.window.showWarningMessage(`Weft: ${message}`, 'Save As…').then((pick) => {
    if (pick) void vscode.commands.executeCommand('workbench.action.files.saveAs', uri);
  });
  return { started: false, reason: 'no-file', message };
}

/** The file a run (often a Re-run from the Runs view) names was deleted or moved since. */
function refuseMissing(uri: vscode.Uri, log: vscode.LogOutputChannel): RunResult {
  const message = `${fileGoneWords(uri)}, so it cannot run. Save it there again, or run the file where it is now.`;
  log.warn(`run refused: ${uri.fsPath} does not exist`);
  void vscode.window.showErrorMessage(`Weft: ${message}`);
  return { started: false, reason: 'no-file', message };
}

/** The file is there but VS Code cannot open it (a folder, no permission, binary): its own words. */
function refuseUnreadable(uri: vscode.Uri, err: unknown, log: vscode.LogOutputChannel): RunResult {
  const message = `cannot open ${uri.fsPath} to run it: ${err instanceof Error ? err.message : String(err)}`;
  log.error(`run refused: ${message}`);
  void vscode.window.showErrorMessage(`Weft: ${message}`);
  return { started: false, reason: 'no-file', message };
}

async function askInputs(text: string, given: Record<string, unknown> = {}): Promise<Record<string, unknown> | undefined> {
  const out: Record<string, unknown> = { ...given };
  for (const input of readWorkflowInfo(text).inputs) {
    // The box refuses what the run would refuse, in its words; the run converts the text (input-prompt.ts).
    const value = await vscode.window.showInputBox({
      title: `Weft: input "${input.name}" (${input.type}${input.required ? ', required' : ''})`,
      prompt: input.description, value: promptText(input, out[input.name]), ignoreFocusOut: true,
      validateInput: (v) => promptProblem(input, v),
    });
    if (value === undefined) return undefined;
    const v = promptValue(input, value);
    if (v === undefined) delete out[input.name];
    else out[input.name] = v;
  }
  return out;
}
