// The engine's entry point (docs/engine.md): load and analyse a workflow, refuse it when it has
// errors, then run it with the scheduler, writing the record and redacting secrets on the way.
// `prepareRun` + `runPrepared` are the two halves, so that benchmarks can analyse once, run many.
import * as path from 'node:path';
import { analyse } from '../analysis/analyse.js';
import { fsHost } from '../analysis/fs-host.js';
import type { Analysis, AnalysisHost } from '../analysis/types.js';
import { parseWorkflow } from '../model/parse.js';
import { readWorkflowFile } from '../model/read-workflow-file.js';
import type { Diagnostic } from '../model/types.js';
import { buildPlan } from '../plan/build-plan.js';
import type { Plan } from '../plan/types.js';
import { actionFor } from './actions/index.js';
import { apiKeyEnvNames } from './actions/llm.js';
import { DEFAULT_MAX_OUTPUT_BYTES } from './actions/output-limit.js';
import type { Action } from './actions/types.js';
import { evaluateOutputs } from './blocks.js';
import type { RunEvent, RunFinishedEvent } from './events.js';
import { Executor } from './executor.js';
import { inputHash, loadResume, previousDurations } from './history.js';
import { configOf, type Instance, type StepRecord } from './instance.js';
import { newRunId, RecordWriter, RunIdTaken, type StepOutputFile } from './records.js';
import { writerFields } from './record-writer.js';
import { Redactor, secretValues } from './redact.js';
import { LogRedactor } from './log-redactor.js';
import { reapGroups } from './process-tree.js';
import type { RunInfo } from './resolve.js';
import { recordOf } from './step-record.js';
import { buildWorkflowFrame, InputError } from './workflow-frame.js';
import { resumeInputs } from './resume-inputs.js';
import { computePriorities, type Priorities } from './priority.js';

export interface RunOptions {
  file: string;
  text?: string;
  /**
   * The text of a file the workflow calls (`workflow: path`, at any depth), by absolute path, where
   * the caller has one of its own: an editor's unsaved text, so that a run takes what the editor and
   * the language server show. Undefined reads the file from disk, as without this option.
   */
  readCalledFile?: (absPath: string) => string | undefined;
  inputs?: Record<string, unknown>;
  maxConcurrency?: number;
  continueOnError?: boolean;
  runsDir?: string;
  root?: string;
  allowOutsideRoot?: boolean;
  /**
   * The most a step's output (and a shell step's stderr) may hold, in UTF-8 bytes; a step that passes
   * it fails with a message saying so. Default 64 MiB (DEFAULT_MAX_OUTPUT_BYTES).
   */
  maxOutputBytes?: number;
  resume?: string;
  dryRun?: boolean;
  /**
   * The global fetch is an editor's that applies its own proxy and certificate settings (VS Code's):
   * http and llm steps use it, not the proxy variables of the environment, unless their time limit
   * needs undici's own fetch (step-fetch.ts). Default false: the proxy variables apply, as for curl.
   */
  editorFetch?: boolean;
  env?: Record<string, string | undefined>;
  secrets?: Record<string, string>;
  onEvent?: (event: RunEvent) => void;
}

export interface RunHandle {
  runId: string;
  done: Promise<RunFinishedEvent>;
  cancel(): void;
  /**
   * Why the run's record (or a step's output file) is incomplete, once writing it failed (a full
   * disk, a file size limit); the run goes on without it. Undefined while the record is whole.
   */
  readonly recordProblem: string | undefined;
}

/** A workflow the run refuses: `diagnostics` are the errors of `file` (the workflow, or a file it calls). */
export class WorkflowInvalidError extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly file: string,
    readonly analysis?: Analysis,
  ) {
    super(`${file}: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'}: ${diagnostics[0]?.message ?? ''}`);
    this.name = 'WorkflowInvalidError';
  }
}

export interface PreparedRun {
  analysis: Analysis;
  plan: Plan;
  durations: Map<string, number> | undefined;
  runsDir: string;
  /** The graph compiled for scheduling (priorities); computed on first use, reused by later runs. */
  compiled?: { durations: Map<string, number> | undefined; priorities: Priorities };
  /** Names of the variables holding API keys (redacted), computed on first use. */
  keyEnvNames?: string[];
}

/** Priorities of the prepared workflow's steps for its durations (cached on the prepared run). */
export function compile(prep: PreparedRun): Priorities {
  if (!prep.compiled || prep.compiled.durations !== prep.durations) {
    prep.compiled = { durations: prep.durations, priorities: computePriorities(prep.analysis, prep.durations) };
  }
  return prep.compiled.priorities;
}

/**
 * The errors that keep the workflow from running, with the analysis of the file they are in: its own
 * (a called file with errors is one of them, `workflow-invalid` on the call), else the first called
 * file's that has any. Their ranges are offsets into that file, which the caller shows them in.
 */
function errorsOf(a: Analysis, seen = new Set<Analysis>()): { errors: Diagnostic[]; in: Analysis } | undefined {
  if (seen.has(a)) return undefined;
  seen.add(a);
  const own = a.diagnostics.filter((d) => d.severity === 'error');
  if (own.length) return { errors: own, in: a };
  for (const child of a.subWorkflows.values()) {
    const found = errorsOf(child, seen);
    if (found) return found;
  }
  return undefined;
}

export async function prepareRun(options: RunOptions): Promise<PreparedRun> {
  const file = path.resolve(options.file);
  const text = options.text ?? readWorkflowFile(file);
  const runsDir = path.resolve(options.runsDir ?? path.join(process.cwd(), '.weft', 'runs'));
  const model = parseWorkflow(text, file);
  const durations = await previousDurations(runsDir, model).catch(() => undefined);
  const given = options.readCalledFile;
  const host: AnalysisHost = given ? { ...fsHost, readFile: (p) => given(p) ?? fsHost.readFile(p) } : fsHost;
  const analysis = analyse(model, { host, durations });
  const invalid = errorsOf(analysis);
  if (invalid) throw new WorkflowInvalidError(invalid.errors, path.resolve(invalid.in.model.file), invalid.in);
  const prep: PreparedRun = { analysis, plan: buildPlan(analysis), durations, runsDir };
  compile(prep);
  return prep;
}

export async function startRun(options: RunOptions): Promise<RunHandle> {
  return runPrepared(await prepareRun(options), options);
}

function keyEnvNames(a: Analysis): string[] {
  const names = apiKeyEnvNames(a.model.config.llm);
  for (const s of a.model.allSteps) {
    const llm = s.raw.llm as Record<string, unknown> | undefined;
    if (llm && typeof llm === 'object' && typeof llm.apiKeyEnv === 'string') names.push(llm.apiKeyEnv);
  }
  for (const child of a.subWorkflows.values()) names.push(...keyEnvNames(child));
  return names;
}

export interface InternalOptions {
  /** Write the record and outputs (default true, false in dry runs). */
  record?: boolean;
  random?: () => number;
  /** Replaces the step kinds (benchmarks measure the scheduler with their own trivial actions). */
  actions?: (kind: string) => Action | undefined;
  /** How long the scheduler runs a burst before it yields (default SLICE_MS; tests cut every burst with 0). */
  sliceMs?: number;
}

/** What ends each open run's record at exit: one listener for all the host's runs, not one each. */
const openAtExit = new Set<() => void>();
let exitHooked = false;

function atHostExit(end: () => void): void {
  openAtExit.add(end);
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', () => {
    for (const f of openAtExit) f();
  });
}

/** The error of a run ended by its host's exit, whether or not a cancel was under way. */
const HOST_EXITED = 'cancelled: the host process exited before the run ended';

/**
 * A host that exits mid-run (`weft run`'s second Ctrl-C, process.exit, an editor window closing)
 * has its step processes killed by process-tree.ts's exit hook; this ends the record the same way,
 * synchronously: the steps still open are marked as a cancel marks them, then run.finished, so that
 * the record reads back as a cancelled run instead of one that runs forever (listRuns). Events
 * buffered for the next turn are written too: an exit in the turn the run started lost them all.
 */
function endRecordAtExit(ex: Executor, writer: RecordWriter, emit: (ev: RunEvent) => void, startedAt: number): void {
  ex.stop('cancelled', HOST_EXITED);
  // The stopped steps' processes are killed by the exit hook, not waited for: their step.finished,
  // held until they exit, is written now (held-finishes.ts).
  ex.held.releaseAll();
  const now = Date.now();
  const status = ex.status === 'failed' ? 'failed' : 'cancelled';
  const fin: RunFinishedEvent = { type: 'run.finished', runId: ex.run.id, ts: now, status, durationMs: now - startedAt, counts: ex.counts(), outputs: {} };
  // A cancel already under way kept its own error, 'cancelled': the exit is said the same way.
  fin.error = ex.error === 'cancelled' ? HOST_EXITED : ex.error;
  emit(fin);
  writer.close();
}

/** Whether a leaf that reached a final status has an outputs file: it ran (an attempt), or was reused. */
function wroteOutput(inst: Instance): boolean {
  return inst.attempts > 0 || inst.reused === true;
}

export async function runPrepared(prep: PreparedRun, options: RunOptions, internal: InternalOptions = {}): Promise<RunHandle> {
  const { analysis, plan, durations, runsDir } = prep;
  const model = analysis.model;
  const startedAt = Date.now();
  // An empty id names no run (`--resume "$ID"` with ID unset): refused, not taken for no resume.
  const resume = options.resume !== undefined ? await loadResume(runsDir, options.resume, model.file) : undefined;
  const baseEnv: Record<string, string | undefined> = { ...(options.env ?? process.env), ...(options.secrets ?? {}) };
  const run: RunInfo = { id: newRunId(), workflow: model.name, startedAt };
  // A resume runs with the inputs of the run it resumes, those given again over them.
  const inputs = resume ? resumeInputs(model.inputs, resume.inputs, options.inputs, resume.runId) : (options.inputs ?? {});
  const keyNames = (prep.keyEnvNames ??= keyEnvNames(analysis));
  const frame = () => {
    try {
      return buildWorkflowFrame({ analysis, inputs, baseEnv, run, durations, priorities: compile(prep), dryRun: options.dryRun });
    } catch (e) {
      // Made before the run's redactor: a secret given as a bad input, or read by a failing env
      // template, would be shown as it is.
      if (e instanceof InputError) throw new InputError(new Redactor(secretValues(baseEnv, options.secrets, keyNames)).text(e.message));
      throw e;
    }
  };
  let top = frame();
  const record = internal.record ?? !options.dryRun;
  let writer: RecordWriter | undefined;
  for (let tries = 1; record && !writer; tries++) {
    try {
      writer = new RecordWriter(runsDir, run.id);
    } catch (e) {
      if (!(e instanceof RunIdTaken) || tries >= 100) throw e;
      // Another run of this second drew the same id: draw again (the frame's env may use ${run.id}).
      run.id = newRunId();
      top = frame();
    }
  }
  const runId = run.id;
  const redactor = new Redactor(secretValues(top.env, options.secrets, keyNames));
  const onEvent = options.onEvent;
  const logs = new LogRedactor(redactor);
  const write = (ev: RunEvent) => {
    writer?.write(ev);
    onEvent?.(ev);
  };
  // A called file's or a step's env may bring the first secrets (onEnv), so this is decided per event.
  const emit = (ev: RunEvent) => (redactor.active ? logs.pass(ev).forEach(write) : write(ev));
  const ex = new Executor({
    run,
    analysis,
    top,
    maxConcurrency: Math.max(1, Math.floor(options.maxConcurrency ?? model.config.maxConcurrency)),
    continueOnError: options.continueOnError ?? top.policy?.continueOnError ?? model.config.continueOnError,
    timeoutMs: top.policy?.timeoutMs ?? model.config.timeoutMs,
    dryRun: options.dryRun,
    root: path.resolve(options.root ?? top.dir),
    allowOutsideRoot: options.allowOutsideRoot ?? false,
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    editorFetch: options.editorFetch,
    actions: internal.actions ?? actionFor,
    emit,
    redact: (text) => redactor.text(text),
    secretReach: () => redactor.secrets[0]?.length ?? 0,
    onEnv: (env) => redactor.add(secretValues(env, undefined, keyNames)),
    random: internal.random,
    sliceMs: internal.sliceMs,
    onLeafDone: writer
      ? (inst) => {
          if (!wroteOutput(inst)) return;
          const data: StepOutputFile = {
            ...recordOf(inst),
            path: inst.path,
            kind: inst.kind,
            status: inst.status,
            inputHash: configOf(inst) !== undefined ? inputHash(inst, run) : undefined,
          };
          const stored = redactor.value(data);
          // A record with a secret masked in it is not the step's record: without a hash, a resume
          // runs the step again instead of giving the steps after it `***` for the secret.
          if (stored !== data) stored.inputHash = undefined;
          writer.writeOutput(inst.path, stored);
        }
      : undefined,
    onLeafDropped: writer
      ? (inst) => {
          if (wroteOutput(inst)) writer.removeOutput(inst.path);
        }
      : undefined,
    reuse: resume
      ? (inst) => {
          const prev = resume.outputs.get(inst.path);
          if (!prev || prev.inputHash !== inputHash(inst, run)) return undefined;
          const { path: _p, kind: _k, inputHash: _h, ...rest } = prev;
          void _p;
          void _k;
          void _h;
          return { ...(rest as StepRecord), status: 'succeeded' };
        }
      : undefined,
  });
  const started: RunEvent = { type: 'run.started', runId, ts: startedAt, workflow: model.name, file: model.file, inputs: top.inputs, plan: plan.steps };
  // Who writes the record: a reader tells a killed run (its process gone) from a live one.
  if (writer) Object.assign(started, writerFields());
  if (resume) started.resumedFrom = resume.runId;
  if (options.dryRun) started.dryRun = true;
  emit(started);
  // The run.finished of steps that are all done: the run's `outputs:`; one that fails to evaluate
  // fails a run that succeeded (naming it), as the same template fails a step, and is null in the
  // outputs of the run.finished event.
  const finishedEvent = (): RunFinishedEvent => {
    let outputs: Record<string, unknown> = {};
    if (model.outputs.length) {
      const r = evaluateOutputs(ex, ex.topFrame);
      outputs = r.value as Record<string, unknown>;
      if (r.error && ex.status === 'succeeded') {
        ex.status = 'failed';
        ex.error = r.error.message;
      }
    }
    const now = Date.now();
    const fin: RunFinishedEvent = {
      type: 'run.finished',
      runId,
      ts: now,
      status: ex.status === 'running' ? 'succeeded' : ex.status,
      durationMs: now - startedAt,
      counts: ex.counts(),
      outputs,
    };
    if (ex.error) fin.error = ex.error;
    return fin;
  };
  // Once the steps are done, the run only ends what they left running (reapGroups, up to the kill
  // grace): a host that exits meanwhile ends the record with the run.finished the run would write.
  let stepsDone = false;
  const onExit = writer
    ? () => {
        if (!stepsDone) return endRecordAtExit(ex, writer, emit, startedAt);
        emit(finishedEvent());
        writer.close();
      }
    : undefined;
  if (onExit) atHostExit(onExit);
  const done = ex.done.then(async () => {
    stepsDone = true;
    // What shell steps left running in the background (`server &`) ends with the run.
    await reapGroups(runId);
    if (onExit) openAtExit.delete(onExit);
    const fin = finishedEvent();
    emit(fin);
    writer?.close();
    return redactor.active ? redactor.event(fin) : fin;
  });
  ex.start();
  return {
    runId,
    done,
    cancel: () => ex.cancel(),
    get recordProblem() {
      return writer?.problem;
    },
  };
}
