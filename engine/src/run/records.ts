// Run records (interfaces spec, "Event stream"): `<runsDir>/<runId>.jsonl` appended event by event
// (flushed every event-loop turn, so a run killed mid-way leaves a readable record) and each step's
// full output in `<runsDir>/<runId>/outputs/<encodeURIComponent(path)>.json`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { createHash, randomBytes } from 'node:crypto';
import type { RunEvent, RunStatus } from './events.js';
import { makeDirsSync } from './make-dirs.js';
import { markOpen, writerGone, WRITER_GONE } from './record-writer.js';
import { firstLineOf, openRegularFile, readFirstLine, readRegularFileAsync } from '../model/read-regular-file.js';

/** `20261121T210501-ab12`: UTC time then 4 random hex digits, so ids sort by start time. */
export function newRunId(now = new Date()): string {
  const iso = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, '');
  return `${iso}-${randomBytes(2).toString('hex')}`;
}

/**
 * Whether `<runId>.jsonl`, a name in a runs folder, names a run: not `.jsonl`, `..jsonl` or
 * `...jsonl`, whose id joined into a path names the runs folder or the one above it (a planted
 * `..jsonl` made `--resume ..` reuse the outputs in `<runsDir>/../outputs`).
 */
export function isRunId(runId: string): boolean {
  return runId !== '' && runId !== '.' && runId !== '..';
}

export function recordPath(runsDir: string, runId: string): string {
  return path.join(runsDir, `${runId}.jsonl`);
}

/** The longest file name most file systems take (NAME_MAX: 255 bytes on Linux, 255 characters elsewhere). */
const NAME_MAX = 255;

/**
 * `<runsDir>/<runId>/outputs/<encodeURIComponent(path)>.json`, or, when that name is longer than a
 * file system takes (a step four blocks deep with ids of 60 characters: every `/` is `%2F`), the
 * name's first 200 characters, `~` and 16 hex digits of the path's SHA-256. The file's `path` field
 * names the step either way. (Such a step's output was lost: ENAMETOOLONG, a record `incomplete`,
 * nothing to reuse on resume.)
 */
export function outputPath(runsDir: string, runId: string, stepPath: string): string {
  let name = encodeURIComponent(stepPath);
  if (name.length + '.json'.length > NAME_MAX) {
    // ASCII only (encodeURIComponent's output); not cut inside a %XX escape.
    let keep = name.slice(0, 200);
    const pct = keep.lastIndexOf('%');
    if (pct >= keep.length - 2) keep = keep.slice(0, pct);
    name = `${keep}~${createHash('sha256').update(stepPath).digest('hex').slice(0, 16)}`;
  }
  return path.join(runsDir, runId, 'outputs', `${name}.json`);
}

/** The runs folder cannot hold the run's record (not writable, not a folder, under /proc): nothing was run. */
export class RunsDirError extends Error {
  constructor(runsDir: string, cause: unknown) {
    super(`cannot write the run's record in '${runsDir}': ${((cause as Error).message ?? String(cause)).replace(/^\w+: /, '')}`);
    this.name = 'RunsDirError';
  }
}

/** `no space left on device (ENOSPC)` for Node's `ENOSPC: no space left on device, write`. */
function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const text = (err.message ?? String(e)).replace(/^[A-Z]+: /, '').replace(/, \w+(?: '.*')?$/, '');
  return err.code ? `${text} (${err.code})` : text;
}

/**
 * The runs folder already holds a record of this id: another run started in the same second drew the
 * same 4 hex digits (a few runs a second in CI). The caller draws a new id; appending to it would
 * mix two runs' events and outputs in one record.
 */
export class RunIdTaken extends Error {}

export class RecordWriter {
  private fd: number;
  private buf: string[] = [];
  private scheduled = false;
  private outDirMade = false;
  /** Bytes of whole lines written so far: a failed write is cut back to them. */
  private size: number;
  /**
   * Why the record is incomplete, once a write failed (a full disk, a file size limit, a runs
   * folder made read-only): the record's first failure, or the first output file that could not be
   * written. The run goes on (its steps have effects); the record stays whole lines up to there.
   */
  problem: string | undefined;

  constructor(
    readonly runsDir: string,
    readonly runId: string,
  ) {
    try {
      makeDirsSync(runsDir);
      // Created here, never appended to: 'ax' fails when a record of this id exists.
      this.fd = fs.openSync(recordPath(runsDir, runId), 'ax');
      this.size = 0;
      markOpen(runId, true);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new RunIdTaken(runId);
      throw new RunsDirError(runsDir, e);
    }
  }

  write(ev: RunEvent): void {
    this.buf.push(JSON.stringify(ev));
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /**
   * Appends the buffered events. A write that fails (it threw ENOSPC out of a timer and crashed the
   * host: `weft run`, or the editor's extension host) ends the record there: what the failed write
   * left of a line is cut off, so the record reads back as whole events, and nothing more is written.
   */
  flush(): void {
    this.scheduled = false;
    if (this.buf.length === 0 || this.fd < 0 || this.problem !== undefined) {
      this.buf = [];
      return;
    }
    const text = Buffer.from(this.buf.join('\n') + '\n');
    this.buf = [];
    try {
      for (let done = 0; done < text.length; ) done += fs.writeSync(this.fd, text, done);
      this.size += text.length;
    } catch (e) {
      this.problem = `writing ${recordPath(this.runsDir, this.runId)} failed: ${reason(e)}`;
      try {
        fs.ftruncateSync(this.fd, this.size);
      } catch {
        /* a partial last line, which readers skip */
      }
    }
  }

  /**
   * Writes a step's full output at once, before its `step.finished` reaches the record (flushed on the
   * next turn): a run killed at any moment has the output of every step its record says finished. An
   * asynchronous write per step used to open a file for each finished step at the same time: a
   * foreach of 3,000 quick items ran out of file descriptors (ulimit 1024) and lost two thirds of its
   * outputs without a word.
   */
  writeOutput(stepPath: string, data: unknown): void {
    const file = outputPath(this.runsDir, this.runId, stepPath);
    try {
      if (!this.outDirMade) {
        makeDirsSync(path.dirname(file));
        this.outDirMade = true;
      }
      fs.writeFileSync(file, JSON.stringify(data));
    } catch (e) {
      // A full disk or a removed runs folder: the run goes on; the event log still has the preview.
      this.problem ??= `writing the output of step '${stepPath}' failed: ${reason(e)}`;
    }
  }

  /**
   * Removes a step's outputs file, written by an attempt of its block that the block dropped when it
   * started again (block-retry.ts): the path's next run writes its own, or it has none (skipped).
   */
  removeOutput(stepPath: string): void {
    try {
      fs.rmSync(outputPath(this.runsDir, this.runId, stepPath), { force: true });
    } catch (e) {
      this.problem ??= `removing the earlier output of step '${stepPath}' failed: ${reason(e)}`;
    }
  }

  close(): void {
    this.flush();
    try {
      if (this.fd >= 0) fs.closeSync(this.fd);
    } catch (e) {
      this.problem ??= `closing ${recordPath(this.runsDir, this.runId)} failed: ${reason(e)}`;
    }
    this.fd = -1;
    markOpen(this.runId, false);
  }
}

/** The events of a run, in order. A partial last line (a killed run) is ignored. */
export function readRunRecord(runsDir: string, runId: string): Promise<RunEvent[]> {
  return readRunEvents(runsDir, runId, () => true);
}

/**
 * The events of a run whose line passes `want`, a cheap test on the text before it is parsed (a record
 * is mostly `step.log` lines, up to the output limit per step, which a reader of durations skips). Read
 * as a stream, so that the whole text of a record of hundreds of MB is never held at once.
 */
export async function readRunEvents(runsDir: string, runId: string, want: (line: string) => boolean): Promise<RunEvent[]> {
  const out: RunEvent[] = [];
  const file = recordPath(runsDir, runId);
  const lines = readline.createInterface({ input: fs.createReadStream(file, { fd: openRegularFile(file), encoding: 'utf8' }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line.trim() || !want(line)) continue;
    try {
      out.push(JSON.parse(line));
    } catch {
      /* truncated line of a killed run */
    }
  }
  return out;
}

/** A step's full output as recorded, or undefined when the run kept none. */
export async function readStepOutput(runsDir: string, runId: string, stepPath: string): Promise<StepOutputFile | undefined> {
  try {
    return JSON.parse(await readRegularFileAsync(outputPath(runsDir, runId, stepPath)));
  } catch {
    return undefined;
  }
}

export interface StepOutputFile {
  path: string;
  kind: string;
  status: string;
  output: unknown;
  error: string | null;
  attempts: number;
  durationMs: number | null;
  inputHash?: string;
  [k: string]: unknown;
}

export interface RunSummary {
  runId: string;
  file: string;
  workflow: string;
  status: RunStatus;
  startedAt: number;
  /** The run.finished's error; for a record whose writer is gone, WRITER_GONE. */
  error?: string;
  /**
   * True when the record has no run.finished and its writer is gone (killed, a power cut, a record
   * write that failed): the run is listed `cancelled`, never to finish (record-writer.ts).
   */
  interrupted?: true;
}

/**
 * The first and the last complete line of a record, read from its ends (records can be large), and
 * its size; `last` is undefined while the last line is still being written (or was cut by a kill).
 * Throws when the file cannot be opened as a regular file. listRuns and the editor's history read it.
 */
export function readEnds(file: string): { first: string | undefined; last: string | undefined; size: number } {
  const fd = openRegularFile(file);
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return { first: undefined, last: undefined, size };
    // First line: read forward until a newline.
    const first = firstLineOf(fd, size);
    // Last complete line: read backward until the newline before it.
    let last: string | undefined;
    let end = size;
    const tail = Buffer.alloc(1);
    fs.readSync(fd, tail, 0, 1, size - 1);
    if (tail[0] !== 10) return { first, last: undefined, size }; // a killed run: partial last line
    end = size - 1;
    for (let chunk = 16_384; ; chunk *= 2) {
      const from = Math.max(0, end - chunk);
      const buf = Buffer.alloc(end - from);
      fs.readSync(fd, buf, 0, buf.length, from);
      const nl = buf.lastIndexOf(10);
      if (nl >= 0 || from === 0) {
        last = buf.subarray(nl + 1).toString('utf8');
        break;
      }
    }
    return { first, last, size };
  } finally {
    fs.closeSync(fd);
  }
}

/** The event a record's line holds; undefined for an empty or cut line, or one that is not JSON. */
export function parseLine(line: string | undefined): RunEvent | undefined {
  if (!line) return undefined;
  try {
    return JSON.parse(line) as RunEvent;
  } catch {
    return undefined;
  }
}

/**
 * The `run.started` event of a record (its first line, read without reading the rest), or undefined
 * when the record cannot be read or does not begin with one.
 */
export function readRunStarted(runsDir: string, runId: string): Extract<RunEvent, { type: 'run.started' }> | undefined {
  const ev = parseLine(readFirstLine(recordPath(runsDir, runId), Infinity));
  return ev?.type === 'run.started' ? ev : undefined;
}

/**
 * Every run in `runsDir`, newest first (by run.started's time), from the first and last line of
 * each record (a record is never read whole here). A run without run.finished is `running`, unless
 * its writer is known to be gone: then `cancelled`, `interrupted` (record-writer.ts).
 */
export async function listRuns(runsDir: string): Promise<RunSummary[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(runsDir);
  } catch {
    return [];
  }
  const out: RunSummary[] = [];
  for (const name of names.filter((n) => n.endsWith('.jsonl')).sort().reverse()) {
    const runId = name.slice(0, -'.jsonl'.length);
    if (!isRunId(runId)) continue;
    let ends: ReturnType<typeof readEnds>;
    try {
      ends = readEnds(path.join(runsDir, name));
    } catch {
      continue;
    }
    const started = parseLine(ends.first);
    if (!started || started.type !== 'run.started') continue;
    const last = parseLine(ends.last);
    const finished = last?.type === 'run.finished' ? last : undefined;
    const summary: RunSummary = { runId, file: started.file, workflow: started.workflow, status: finished?.status ?? 'running', startedAt: started.ts };
    if (finished?.error) summary.error = finished.error;
    else if (!finished && writerGone(started)) Object.assign(summary, { status: 'cancelled', error: WRITER_GONE, interrupted: true });
    out.push(summary);
  }
  // By start, newest first: ids name the second only (then random digits), so two runs of one
  // second sorted by id came in a random order. Ties keep the id order (the sort is stable).
  const at = (r: RunSummary) => (Number.isFinite(r.startedAt) ? r.startedAt : 0);
  return out.sort((a, b) => at(b) - at(a));
}
