// `weft run <file>` (interfaces spec, "Command line"): runs a workflow with the embedded engine and
// shows it as a live tree on a terminal, one plain line per event otherwise, or JSON lines with
// --json; ends with a summary and an overlap timeline. Ctrl-C cancels cleanly; a second Ctrl-C
// kills every step process at once and exits. Exit codes: 0 succeeded, 1 failed/cancelled/invalid,
// 2 wrong usage.
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { killAllNow } from '../run/process-tree.js';
import { setOwn } from '../model/own-keys.js';
import { folderProblem } from '../model/folder-problem.js';
import { prepareRun, runPrepared, WorkflowInvalidError, InputError, ResumeError, RunsDirError, type RunHandle, type RunEvent, type RunOptions } from '../run/index.js';
import { formatDiagnostic } from './format-diagnostics.js';
import { displayPath, readWorkflowText, UsageError } from './load.js';
import { printProblems } from './print-errors.js';
import type { Style } from './render/ansi.js';
import { LiveView } from './render/live.js';
import { PlainPrinter } from './render/plain.js';
import { RunState } from './render/run-state.js';
import { renderSummary, renderTimeline } from './render/summary.js';

export interface RunArgs {
  file: string;
  inputs: Record<string, string>;
  maxConcurrency?: number;
  continueOnError: boolean;
  json: boolean;
  dryRun: boolean;
  resume?: string;
  runsDir?: string;
  root?: string;
  allowOutsideRoot: boolean;
}

export function parseRunArgs(args: string[]): RunArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: {
        input: { type: 'string', short: 'i', multiple: true },
        'max-concurrency': { type: 'string', short: 'j' },
        'continue-on-error': { type: 'boolean' },
        json: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        resume: { type: 'string' },
        'runs-dir': { type: 'string' },
        root: { type: 'string' },
        'allow-outside-root': { type: 'boolean' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `expected one workflow file, got ${positionals.length}` : 'missing the workflow file');
  const inputs: Record<string, string> = {};
  for (const kv of values.input ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--input expects name=value, got '${kv}'`);
    const name = kv.slice(0, eq);
    // Which of two values was meant is a guess (the last one was taken silently).
    if (Object.hasOwn(inputs, name)) throw new UsageError(`--input '${name}' is given twice ('${inputs[name]}', then '${kv.slice(eq + 1)}'); give each input once`);
    setOwn(inputs, name, kv.slice(eq + 1)); // `--input __proto__=x` too
  }
  let maxConcurrency: number | undefined;
  if (values['max-concurrency'] !== undefined) {
    // Decimal digits only: Number() also reads '0x10', '1e1', ' 2' and '' (as 0).
    maxConcurrency = /^\d+$/.test(values['max-concurrency']) ? Number(values['max-concurrency']) : NaN;
    if (!Number.isSafeInteger(maxConcurrency) || maxConcurrency < 1) throw new UsageError(`--max-concurrency expects an integer >= 1, got '${values['max-concurrency']}'`);
  }
  return {
    file: positionals[0],
    inputs,
    maxConcurrency,
    continueOnError: !!values['continue-on-error'],
    json: !!values.json,
    dryRun: !!values['dry-run'],
    resume: values.resume,
    runsDir: values['runs-dir'],
    root: values.root,
    allowOutsideRoot: !!values['allow-outside-root'],
  };
}

/** The signals that cancel a run, with the exit code of the second one (128 + the signal's number). */
const EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 129, SIGINT: 130, SIGTERM: 143 };
const SIGNALS = Object.keys(EXIT_CODES) as NodeJS.Signals[];

export async function runCommand(args: string[]): Promise<number> {
  const a = parseRunArgs(args);
  const file = path.resolve(a.file);
  const text = readWorkflowText(file, a.file);
  if (a.root !== undefined) checkRoot(a.root);
  // A closed pipe (`weft run ... | head`) does not stop the run: main.ts drops what can no longer be shown.
  const out = process.stdout;
  const tty = !a.json && out.isTTY === true;
  const style: Style = { color: (tty || process.env.FORCE_COLOR !== undefined) && process.env.NO_COLOR === undefined && !a.json };
  const state = new RunState();
  const live = tty ? new LiveView({ write: (s) => out.write(s), get columns() { return out.columns || Number(process.env.COLUMNS) || 80; }, get rows() { return out.rows || Number(process.env.LINES) || 24; } }, style) : undefined;
  const plain = !tty && !a.json ? new PlainPrinter((s) => out.write(s), style) : undefined;
  const onEvent = (ev: RunEvent) => {
    if (a.json) out.write(JSON.stringify(ev) + '\n');
    state.apply(ev);
    live?.event(ev);
    plain?.event(ev);
  };
  // Ctrl-C (or SIGTERM, as `kill`, CI runners and process managers stop a job, or SIGHUP, as a
  // terminal window closing or an SSH connection dropping ends what runs in it) is handled from the
  // start (also while the workflow is being analysed): the first one cancels the run, the second
  // kills every step process at once and exits, 130 after SIGINT, 143 after SIGTERM and 129 after
  // SIGHUP, as shells do. (SIGHUP ended the process at once: the record was left without its end and
  // the steps' processes to the watchdog.)
  let handle: RunHandle | undefined;
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    interrupts++;
    if (interrupts === 1) {
      const again = signal === 'SIGINT' ? 'Ctrl-C again' : `${signal} again, or Ctrl-C,`;
      const say = () => process.stderr.write(`\nweft: cancelling the run on ${signal} (${again} to exit at once)\n`);
      // Above the live tree, which would clear it on its next redraw if it were written below it.
      if (live) live.above(say);
      else say();
      handle?.cancel();
    } else {
      killAllNow();
      live?.stop();
      process.exit(EXIT_CODES[signal] ?? 130);
    }
  };
  for (const sig of SIGNALS) process.on(sig, onSignal);
  try {
    const options: RunOptions = {
      file,
      text,
      inputs: a.inputs,
      maxConcurrency: a.maxConcurrency,
      continueOnError: a.continueOnError || undefined,
      runsDir: a.runsDir,
      root: a.root,
      allowOutsideRoot: a.allowOutsideRoot,
      resume: a.resume,
      dryRun: a.dryRun,
      onEvent,
    };
    const prep = await prepareRun(options);
    // Its warnings (a file-race), as `weft plan` and `weft graph` print them; it has no errors here.
    printProblems(prep.analysis);
    handle = await runPrepared(prep, options);
  } catch (e) {
    for (const sig of SIGNALS) process.off(sig, onSignal);
    if (e instanceof WorkflowInvalidError) {
      const lines = e.analysis?.model.lines;
      const shown = displayPath(e.file);
      for (const d of e.diagnostics) process.stderr.write((lines ? formatDiagnostic(shown, lines, d) : `${shown}: error ${d.code}: ${d.message}`) + '\n');
      process.stderr.write(`${shown}: ${e.diagnostics.length} error${e.diagnostics.length === 1 ? '' : 's'}; nothing was run\n`);
      return 1;
    }
    // The engine's words are the editor's too; the command line's own hint is added here.
    if (e instanceof ResumeError && e.reason === 'other-file') throw new UsageError(`${e.message} ('--resume last' takes its newest)`);
    if (e instanceof InputError || e instanceof ResumeError || e instanceof RunsDirError) throw new UsageError(e.message);
    throw e;
  }
  if (interrupts > 0) handle.cancel();
  live?.start();
  try {
    const fin = await handle.done;
    live?.stop();
    if (!a.json) {
      const lines = [...renderSummary(state, style), ...renderTimeline(state, style, Math.max(20, Math.min(60, (out.columns || 100) - 50)))];
      out.write(lines.join('\n') + '\n');
      if (!a.dryRun) out.write(paint2(style, `record${handle.recordProblem ? ' (incomplete)' : ''}: ${displayPath(path.join(path.resolve(a.runsDir ?? '.weft/runs'), handle.runId + '.jsonl'))}`) + '\n');
    }
    // Also with --json (stderr): the run went on, but its record cannot be resumed from in full.
    if (handle.recordProblem) process.stderr.write(`weft: the run's record is incomplete: ${handle.recordProblem}\n`);
    return fin.status === 'succeeded' ? 0 : 1;
  } finally {
    for (const sig of SIGNALS) process.off(sig, onSignal);
  }
}

/**
 * `--root` must be a folder: one that does not exist (a typo) or a file ran the workflow, whose
 * file steps then all failed as outside the root.
 */
function checkRoot(root: string): void {
  const why = folderProblem(root);
  if (why) throw new UsageError(`--root '${root}' is not a folder: ${why.phrase}`);
}

function paint2(style: Style, s: string): string {
  return style.color ? `\x1b[90m${s}\x1b[0m` : s;
}
