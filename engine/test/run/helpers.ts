// Test helpers for the engine: write a workflow to a temp folder, run it with the real engine, and
// read parallelism from the event log (which steps overlapped, the peak running at once), never
// from wall-clock thresholds. Also a host program that embeds the engine (run in a process of its
// own, to be exited or killed mid-run) and process liveness read from /proc (Linux only).
import * as assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startRun, type RunEvent, type RunFinishedEvent, type RunOptions, type RunHandle } from '../../src/run/index.js';
import { isBlockKind } from '../../src/model/types.js';

/** The repository's root (the cwd of host programs, so that they resolve `tsx`). */
export const ROOT = path.resolve(__dirname, '../../..');

/**
 * `node` arguments that run the command line from its source (engine/src/cli/main.ts) through tsx,
 * so that no build is needed: `spawn(process.execPath, [...WEFT_SOURCE_ARGS, 'run', file])`. The
 * loader's path is absolute: the commands run in temp folders, where `--import tsx` would not resolve.
 */
export const WEFT_SOURCE_ARGS = ['--import', pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href, path.join(ROOT, 'engine/src/cli/main.ts')];

/**
 * `weft <args>` from its source in `dir`, to its end, without colour. SIGKILL on the 60 s timeout:
 * a hang fails the test with the timeout's status instead of holding it.
 */
export function weftIn(dir: string, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...WEFT_SOURCE_ARGS, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A `shell:` value (quoted for YAML) that fails with exit code 3 the first time it runs in its
 * folder (leaving a file `marker`) and prints `ok` every time after: a step that a retry mends.
 */
export const FLAKY = `'if [ -f marker ]; then echo ok; else touch marker; exit 3; fi'`;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function tempDir(prefix = 'weft-run-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface Ran {
  events: RunEvent[];
  fin: RunFinishedEvent;
  dir: string;
  file: string;
  runsDir: string;
  handle: RunHandle;
}

export async function run(
  yaml: string,
  opts: Partial<RunOptions> & { dir?: string; name?: string; onHandle?: (h: RunHandle, events: RunEvent[]) => void } = {},
): Promise<Ran> {
  const dir = opts.dir ?? tempDir();
  const file = path.join(dir, opts.name ?? 'test.weft.yaml');
  fs.writeFileSync(file, yaml);
  const runsDir = opts.runsDir ?? path.join(dir, '.weft', 'runs');
  const events: RunEvent[] = [];
  const userOnEvent = opts.onEvent;
  const h = await startRun({
    ...opts,
    file,
    runsDir,
    onEvent: (e) => {
      events.push(e);
      userOnEvent?.(e);
    },
  });
  opts.onHandle?.(h, events);
  const fin = await h.done;
  return { events, fin, dir, file, runsDir, handle: h };
}

/**
 * The `run` option that cancels the run once `ready(events)` holds, polled every 5 ms (the poll
 * stops with the run, also when it ends first).
 */
export function cancelWhen(ready: (events: RunEvent[]) => boolean): { onHandle: (h: RunHandle, events: RunEvent[]) => void } {
  return {
    onHandle: (h, evs) => {
      const check = setInterval(() => {
        if (ready(evs)) {
          clearInterval(check);
          h.cancel();
        }
      }, 5);
      void h.done.then(() => clearInterval(check));
    },
  };
}

/** Every file under `runsDir` (records and outputs files) as text: where a secret must not be found. */
export function recordText(runsDir: string): string {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(runsDir);
  return out.join('\n');
}

export function finished(events: RunEvent[], p: string) {
  const e = events.find((x) => x.type === 'step.finished' && x.path === p);
  if (!e || e.type !== 'step.finished') throw new Error(`no step.finished for ${p}`);
  return e;
}

/**
 * Asserts that the step at `p` failed with `error` before it started: no step.started, `attempts: 0`,
 * no retries (a config no attempt can get past: a bad templated delay or timeout, an http request
 * that can never be sent).
 */
export function assertFailedBeforeStart(events: RunEvent[], p: string, error: string): void {
  const f = finished(events, p);
  assert.equal(f.status, 'failed', p);
  assert.equal(f.error, error, p);
  assert.equal(f.attempts, 0, p);
  assert.equal(eventsAt(events, 'step.started', p).length, 0, `${p} never started`);
  assert.equal(eventsAt(events, 'step.retrying', p).length, 0, `${p} not retried`);
}

/** The events of `type` at `p`, in order, typed as that kind of event (no casts at the callers). */
export function eventsAt<T extends RunEvent['type']>(events: RunEvent[], type: T, p: string): Extract<RunEvent, { type: T }>[] {
  return events.filter((e): e is Extract<RunEvent, { type: T }> => e.type === type && 'path' in e && e.path === p);
}

/** A path's last step.finished: its state when it ran more than once (a block that retried). */
export function lastFinished(events: RunEvent[], p: string) {
  const e = eventsAt(events, 'step.finished', p).at(-1);
  if (!e) throw new Error(`no step.finished for ${p}`);
  return e;
}

export function indexOf(events: RunEvent[], type: string, p: string): number {
  return events.findIndex((e) => e.type === type && 'path' in e && e.path === p);
}

/** Peak number of leaf steps running at once (optionally only paths matching `filter`). */
export function peak(events: RunEvent[], filter: (p: string) => boolean = () => true): number {
  let running = 0;
  let max = 0;
  const open = new Set<string>();
  for (const e of events) {
    if (e.type === 'step.started' && !isBlockKind(e.kind) && filter(e.path) && !open.has(e.path)) {
      open.add(e.path);
      max = Math.max(max, ++running);
    } else if ((e.type === 'step.finished' || e.type === 'step.retrying') && open.has(e.path)) {
      open.delete(e.path);
      running--;
    }
  }
  return max;
}

/** True when `a` and `b` were running at the same time according to the event order. */
export function overlapped(events: RunEvent[], a: string, b: string): boolean {
  const sa = indexOf(events, 'step.started', a);
  const fa = indexOf(events, 'step.finished', a);
  const sb = indexOf(events, 'step.started', b);
  const fb = indexOf(events, 'step.finished', b);
  return sa >= 0 && sb >= 0 && sa < fb && sb < fa;
}

/**
 * Writes `dir/host.ts`, a program that runs `file` with the engine (records in `dir/runs`), runs
 * `onEvent` (code using `e`, `started`, `fs`) on each event and waits for the run to end. Run it
 * with `node --import tsx` and cwd ROOT.
 */
export function hostScript(dir: string, file: string, onEvent: string): string {
  const host = path.join(dir, 'host.ts');
  fs.writeFileSync(host, `
    import { startRun } from ${JSON.stringify(path.join(ROOT, 'engine/src/run/index.ts'))};
    import * as fs from 'node:fs';
    (async () => {
      let started = 0;
      const handle = await startRun({ file: ${JSON.stringify(file)}, runsDir: ${JSON.stringify(path.join(dir, 'runs'))}, onEvent: (e) => { ${onEvent} } });
      await handle.done;
    })();
  `);
  return host;
}

/** Starts the host program `host` (see hostScript); resolves once it has printed 'ready', rejects if it exits first. */
export function startHost(host: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', host], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => String(d).includes('ready') && resolve(child));
    child.once('exit', (code) => reject(new Error(`the host exited (${code}) before it was ready`)));
  });
}

/** Whether a process id is still alive (zombies count as gone; reads /proc, so Linux only). */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

export function readPids(file: string): number[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
}
