// What earlier runs of the same workflow tell this one: recorded step durations (for the ready
// queue's priorities, spec 3.2) and, for `--resume`, the outputs of steps that succeeded together
// with the hash of their resolved definition (reused only when it is unchanged).
import { createHash, randomBytes, type Hash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isBlockKind, type WorkflowModel } from '../model/types.js';
import { configOf, type Instance } from './instance.js';
import { isRunId, listRuns, readRunEvents, readRunStarted, type StepOutputFile } from './records.js';
import { sameFile } from './same-file.js';
import { emitJson } from './json-pieces.js';
import { evalInstance, type RunInfo } from './resolve.js';
import { readRegularFileAsync } from '../model/read-regular-file.js';

/** Maps a runtime path (`per_file/3/size`) to its static path (`per_file/size`). */
export function staticPathOf(runtime: string, foreachPaths: Set<string>): string {
  const segs = runtime.split('/');
  let out = '';
  for (let i = 0; i < segs.length; i++) {
    out = out ? `${out}/${segs[i]}` : segs[i];
    if (foreachPaths.has(out) && /^\d+$/.test(segs[i + 1] ?? '')) i++;
  }
  return out;
}

/**
 * Mean duration by static path of the leaf steps that succeeded (or were reused) in the newest
 * earlier run of `file` (the same file as `--resume last` takes: compared with samePath, not as text).
 */
export async function previousDurations(runsDir: string, model: WorkflowModel): Promise<Map<string, number> | undefined> {
  const runs = (await listRuns(runsDir)).filter((r) => samePath(r.file, model.file) && r.status !== 'running');
  if (runs.length === 0) return undefined;
  const foreach = new Set(model.allSteps.filter((s) => s.kind === 'foreach').map((s) => s.path));
  // A path's last step.finished is its state: a step inside a block that retried finished once per
  // attempt of the block, and counts once, by its last run. A reused step (resume) counts with the
  // duration it carries, the one the run that did the work recorded.
  const last = new Map<string, number | undefined>();
  for (const ev of await readRunEvents(runsDir, runs[0].runId, (line) => line.includes('"step.finished"'))) {
    if (ev.type !== 'step.finished' || isBlockKind(ev.kind)) continue;
    last.set(ev.path, ev.status !== 'succeeded' ? undefined : ev.durationMs);
  }
  const sums = new Map<string, { total: number; n: number }>();
  for (const [runtime, ms] of last) {
    if (ms === undefined) continue;
    const p = staticPathOf(runtime, foreach);
    const s = sums.get(p) ?? { total: 0, n: 0 };
    s.total += ms;
    s.n++;
    sums.set(p, s);
  }
  if (sums.size === 0) return undefined;
  return new Map([...sums].map(([k, v]) => [k, v.total / v.n]));
}

/**
 * Feeds JSON.stringify(v)'s text to `h`. A config past what one string holds (a stub's `output` that
 * is a foreach's output of 20 items of 40 MB) is fed in pieces, the same bytes; one nested past what
 * can be walked (fromJson of a document 5,000 levels deep) gets a random part, so that a resume never
 * reuses it. Either threw out of the step's outputs file and crashed the host.
 */
function hashJson(h: Hash, v: unknown): void {
  let text: string;
  try {
    text = JSON.stringify(v);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    try {
      emitJson(v, (piece) => (h.update(piece), true));
    } catch {
      h.update(randomBytes(16));
    }
    return;
  }
  h.update(text);
}

/**
 * Hash of what a leaf would do: its kind, its definition and its resolved config. `run` evaluates an
 * llm step's `config.llm` (its templates; without it, they are hashed as written).
 */
export function inputHash(inst: Instance, run?: RunInfo): string {
  if (!inst.inputHash) {
    const h = createHash('sha256');
    h.update(inst.kind);
    h.update('\0');
    hashJson(h, inst.step.raw[inst.kind] ?? null);
    h.update('\0');
    hashJson(h, configOf(inst) ?? null);
    // A shell step's process sees the files' `env:` as variables (`echo $TARGET`): a changed value
    // is a changed step. Added only when there is one, so that older runs of files without `env:`
    // keep their hashes. (The process's own environment is not part of the file: not hashed.)
    if (inst.kind === 'shell') {
      const declared = Object.entries(inst.frame.wf.declaredEnv).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      if (declared.length) h.update('\0env\0' + JSON.stringify(declared));
    }
    // An llm step asks with its file's `config.llm` under its own fields (model, provider, baseUrl):
    // a changed default is a changed step. Added only when the file has one (older hashes stay).
    if (inst.kind === 'llm') {
      const llm = inst.frame.wf.analysis.model.config.llm;
      if (llm && Object.keys(llm).length) {
        h.update('\0llm\0');
        try {
          hashJson(h, (run ? evalInstance(inst, llm, run) : llm) ?? null);
        } catch {
          h.update(randomBytes(16));
        }
      }
    }
    inst.inputHash = h.digest('hex').slice(0, 32);
  }
  return inst.inputHash;
}

/**
 * The run to resume cannot be: `reason` says which case, so that a front end adds its own hint (the
 * message stays free of command-line wording; the editor shows it too).
 */
export class ResumeError extends Error {
  constructor(
    message: string,
    readonly reason: 'no-earlier-run' | 'not-found' | 'other-file',
  ) {
    super(message);
    this.name = 'ResumeError';
  }
}

/** One file, however written (a record's `file` may be anything: not a string is no file). */
function samePath(a: unknown, b: string): boolean {
  return typeof a === 'string' && sameFile(a, b);
}

/**
 * The succeeded leaf outputs of the run to resume (`last`: the newest run of the same file), and the
 * inputs it ran with (its run.started's, as recorded: secrets masked).
 */
export async function loadResume(
  runsDir: string,
  which: string,
  file: string,
): Promise<{ runId: string; outputs: Map<string, StepOutputFile>; inputs: unknown }> {
  // A run is looked up among the records of runsDir, never joined into a path as given (`../x`).
  const runs = await listRuns(runsDir);
  let runId = which;
  if (which === 'last') {
    // A run that is still going is not the last one to resume (GitHub and Argo retry only a run
    // that has ended): its steps may yet finish, differently. `--resume <runId>` may still name it.
    const ofFile = runs.filter((r) => samePath(r.file, file));
    const ended = ofFile.find((r) => r.status !== 'running');
    if (!ended) {
      const going = ofFile.length > 0 ? ` (run ${ofFile[0]!.runId} is still going)` : '';
      throw new ResumeError(`no earlier run of ${file} in ${runsDir} to resume${going}`, 'no-earlier-run');
    }
    runId = ended.runId;
  } else {
    const named = runs.find((r) => r.runId === which);
    if (!named) {
      // Its record is there (a name readdir gave, never a path built from `which`) but unreadable.
      const unreadable = await fs.promises.readdir(runsDir).then((names) => isRunId(which) && names.includes(`${which}.jsonl`), () => false);
      if (unreadable) throw new ResumeError(`run '${which}' in ${runsDir} cannot be resumed: its record does not begin with the run's start (run.started)`, 'not-found');
      throw new ResumeError(`no run '${which}' in ${runsDir}`, 'not-found');
    }
    // Its outputs belong to another workflow: steps of the same path there are other steps.
    if (!samePath(named.file, file)) throw new ResumeError(`run '${which}' is of ${named.file}, not ${file}: resume a run of this file`, 'other-file');
  }
  // A resume that was itself interrupted (or failed before it reached some steps) has no outputs of
  // the steps it did not reach: those of the runs it resumed, by `resumedFrom`, fill in, the newest
  // first, so that resuming it reuses what any run of the chain did (each still by its hash).
  const outputs = new Map<string, StepOutputFile>();
  const known = new Set(runs.map((r) => r.runId));
  const seen = new Set<string>();
  const started = readRunStarted(runsDir, runId);
  for (let from: string | undefined = runId; from !== undefined && known.has(from) && !seen.has(from); ) {
    seen.add(from);
    for (const [p, data] of await succeededOutputs(runsDir, from)) if (!outputs.has(p)) outputs.set(p, data);
    const next: unknown = from === runId ? started?.resumedFrom : readRunStarted(runsDir, from)?.resumedFrom;
    from = typeof next === 'string' ? next : undefined;
  }
  return { runId, outputs, inputs: started?.inputs };
}

/** The succeeded leaf outputs (with a hash) that `runId` wrote, by path. */
async function succeededOutputs(runsDir: string, runId: string): Promise<Map<string, StepOutputFile>> {
  const dir = path.join(runsDir, runId, 'outputs');
  const outputs = new Map<string, StepOutputFile>();
  let names: string[] = [];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    /* a run with no outputs */
  }
  for (const name of names) {
    try {
      const data = JSON.parse(await readRegularFileAsync(path.join(dir, name))) as StepOutputFile;
      if (data.status === 'succeeded' && data.inputHash) outputs.set(data.path, data);
    } catch {
      /* partial file of a killed run */
    }
  }
  return outputs;
}
