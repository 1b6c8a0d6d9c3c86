// Reads (never writes) what earlier runs of a workflow recorded in its runs directory
// (`.weft/runs/<runId>.jsonl` event logs, `<runId>/outputs/` full outputs), for hover and for
// completion after `steps.X.output.`. Results are cached by file modification time.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readFirstLine, readRegularFile } from './fs-read.js';
import { outputPath } from './engine-api.js';

// Only regular files are read, up to these sizes (fs-read.ts): a FIFO or a device in the runs folder
// must not block the server or fill its memory. A step's output is at most 64 MB per stream (the
// engine's RunOptions.maxOutputBytes), which JSON escaping can make larger on disk.
const MAX_LOG_BYTES = 256 * 1024 * 1024;
const MAX_OUTPUT_BYTES = 160 * 1024 * 1024;

export interface StepRecord {
  /** The runtime path the record comes from (for a foreach body step: its first iteration). */
  path: string;
  /** For a foreach body step: how many iterations ran, and how many failed. */
  iterations?: number;
  failedIterations?: number;
  status: string;
  durationMs?: number;
  attempts?: number;
  error?: string;
  /** Output preview from the event log. */
  preview?: string;
}

export interface LastRun {
  runId: string;
  dir: string;
  steps: Map<string, StepRecord>;
}

interface Cached { key: string; run: LastRun | undefined }

export class RunHistory {
  private cache = new Map<string, Cached>();
  /** Workspace folders (absolute paths) from the client. */
  roots: string[] = [];

  /** The runs directory for a workflow file: `.weft/runs` in its workspace folder or an ancestor. */
  runsDir(file: string): string | undefined {
    const candidates: string[] = [];
    for (const r of this.roots) if (file.startsWith(r + path.sep)) candidates.push(path.join(r, '.weft', 'runs'));
    for (let d = path.dirname(file); ; d = path.dirname(d)) {
      candidates.push(path.join(d, '.weft', 'runs'));
      if (path.dirname(d) === d) break;
    }
    for (const c of candidates) {
      try { if (fs.statSync(c).isDirectory()) return c; } catch { /* next */ }
    }
    return undefined;
  }

  /** The most recent run of `file`, from its event log. */
  lastRun(file: string): LastRun | undefined {
    const dir = this.runsDir(file);
    if (!dir) return undefined;
    let entries: { name: string; mtime: number }[];
    try {
      entries = fs.readdirSync(dir).filter((n) => n.endsWith('.jsonl')).map((name) => ({ name, mtime: fs.statSync(path.join(dir, name)).mtimeMs }));
    } catch {
      return undefined;
    }
    entries.sort((a, b) => b.mtime - a.mtime);
    const key = entries.map((e) => `${e.name}@${e.mtime}`).join('|');
    const cached = this.cache.get(file);
    if (cached && cached.key === key) return cached.run;
    let run: LastRun | undefined;
    for (const e of entries.slice(0, 50)) {
      run = this.readLog(dir, e.name, file);
      if (run) break;
    }
    this.cache.set(file, { key, run });
    return run;
  }

  private readLog(dir: string, name: string, file: string): LastRun | undefined {
    // Whose record it is, from its first line alone: the folder holds every workflow's records.
    const head = readFirstLine(path.join(dir, name), MAX_LOG_BYTES);
    let first: Record<string, unknown> | undefined;
    try { first = head === undefined ? undefined : JSON.parse(head); } catch { return undefined; }
    if (!first || first.type !== 'run.started' || typeof first.file !== 'string') return undefined;
    const logged = first.file as string;
    if (path.resolve(logged) !== file && path.resolve(dir, '..', '..', logged) !== file) return undefined;
    const text = readRegularFile(path.join(dir, name), MAX_LOG_BYTES);
    if (text === undefined) return undefined;
    const lines = text.split('\n');
    const runId = String(first.runId ?? name.replace(/\.jsonl$/, ''));
    // Each path's last finish. A block that retries runs everything in it again: its next start
    // (attempt 2 or more) drops what its earlier attempt finished inside it.
    const last = new Map<string, StepRecord>();
    for (const line of lines.slice(1)) {
      // Text checks skip most lines unparsed: a first attempt's start (one with an item, a foreach
      // item that may hold `"attempt":1` itself, is parsed to be sure), and every other event. A
      // finish always names its type, so one whose output holds the text of a start is not one.
      const start = line.includes('"step.started"') && !line.includes('"step.finished"');
      if (start ? /"attempt":1[,}]/.test(line) && !line.includes('"item"') : !line.includes('"step.finished"')) continue;
      try {
        const ev = JSON.parse(line) as Record<string, unknown>;
        if (typeof ev.path !== 'string') continue;
        if (ev.type === 'step.started') {
          const inside = `${ev.path}/`;
          if (typeof ev.attempt === 'number' && ev.attempt > 1) for (const p of last.keys()) if (p.startsWith(inside)) last.delete(p); // a Map may lose keys while iterated
          continue;
        }
        if (ev.type !== 'step.finished') continue;
        last.set(ev.path, {
          path: ev.path,
          status: String(ev.status),
          durationMs: typeof ev.durationMs === 'number' ? ev.durationMs : undefined,
          attempts: typeof ev.attempts === 'number' ? ev.attempts : undefined,
          error: typeof ev.error === 'string' ? ev.error : undefined,
          preview: typeof ev.output === 'string' ? ev.output : ev.output === undefined ? undefined : JSON.stringify(ev.output),
        });
      } catch { /* a torn line */ }
    }
    const steps = new Map<string, StepRecord>();
    for (const [runtimePath, rec] of last) {
      steps.set(runtimePath, rec);
      // A foreach iteration (`per_file/3/size`) also counts for the static step (`per_file/size`):
      // step ids never are plain numbers, so dropping numeric segments gives the static path.
      const staticPath = runtimePath.split('/').filter((seg) => !/^\d+$/.test(seg)).join('/');
      if (staticPath === runtimePath) continue;
      const agg = steps.get(staticPath);
      const failed = rec.status === 'failed' ? 1 : 0;
      if (!agg) steps.set(staticPath, { ...rec, iterations: 1, failedIterations: failed });
      else {
        agg.iterations = (agg.iterations ?? 1) + 1;
        agg.failedIterations = (agg.failedIterations ?? 0) + failed;
        if (failed && agg.status !== 'failed') Object.assign(agg, { ...rec, iterations: agg.iterations, failedIterations: agg.failedIterations });
      }
    }
    return { runId, dir, steps };
  }

  /**
   * The full output a run kept for a step, else the preview. The engine keeps each step's record
   * in `<runId>/outputs/<name>.json` (records.ts's outputPath) as `{path, kind, status, output, ...}`.
   */
  output(run: LastRun, stepPath: string): { value: unknown } | undefined {
    const runtimePath = run.steps.get(stepPath)?.path ?? stepPath;
    const p = outputPath(run.dir, run.runId, runtimePath);
    // Neither throws: a file not kept (or not a regular file) reads as undefined, other text as itself.
    const kept = readRegularFile(p, MAX_OUTPUT_BYTES);
    const record = kept === undefined ? undefined : parseMaybe(kept);
    if (record && typeof record === 'object' && 'output' in record && 'path' in record) return { value: (record as { output: unknown }).output };
    const rec = run.steps.get(stepPath);
    if (rec?.preview !== undefined) return { value: parseMaybe(rec.preview) };
    return undefined;
  }
}

function parseMaybe(text: string): unknown {
  try { return JSON.parse(text); } catch { return text; }
}
