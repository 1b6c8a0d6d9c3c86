// Finding the processes a shell step started that left its process group. A process started in a
// session of its own (`setsid daemon &`, a double-forking daemon) is out of reach of a signal to the
// step's group, so, as GitHub Actions' runner does with RUNNER_TRACKING_ID (and Jenkins with
// BUILD_ID), every shell step gets `WEFT_TRACKING_ID=<host>.<run>.<step>` (random host and run
// tokens) in its environment, which every process it starts inherits. The processes of a step (the
// exact value), of a run (its `<host>.<run>.` prefix) or of this host (`<host>.`) are found by
// reading /proc/<pid>/environ, which shows the environment a process was started with; only the
// same user's processes can be read, the others are skipped. A process started with the variable
// emptied or changed (`WEFT_TRACKING_ID= daemon &`) is left alone on purpose. Where there is no
// /proc (macOS, Windows) no variable is set and nothing is scanned.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { pidEntries, pidEntriesSync, statOf, waitWhile } from './proc-entries.js';

export const TRACKING_VAR = 'WEFT_TRACKING_ID';

/** Whether processes can be found by their environment here (Linux; FreeBSD's /proc has no environ). */
const supported = process.platform !== 'win32' && fs.existsSync('/proc/self/environ');
const token = () => randomBytes(8).toString('hex');
/** Starts the value of every variable this process gives out: `<host>.` */
const hostPrefix = `${token()}.`;
/** Each run's random token, from its first shell step until `forgetRun`. */
const runTokens = new Map<string, string>();
let stepCount = 0;
/** Whether a step was ever given a variable: until then, no scan can find anything. */
let issued = false;

/** Matches the value of WEFT_TRACKING_ID that a process was started with. */
export type TrackingMatch = (value: string) => boolean;

/** The value of WEFT_TRACKING_ID for a new shell step of run `runId` (undefined where nothing can be tracked). */
export function newTrackingId(runId: string): string | undefined {
  if (!supported) return undefined;
  let run = runTokens.get(runId);
  if (run === undefined) runTokens.set(runId, (run = token()));
  issued = true;
  return `${hostPrefix}${run}.${(++stepCount).toString(36)}`;
}

/** What every variable this host gives out starts with (for the watchdog), if it gives any. */
export function hostTrackingPrefix(): string | undefined {
  return supported ? hostPrefix : undefined;
}

/** Matches the processes of every step of run `runId` (nothing if it never had a shell step). */
export function runMatch(runId: string): TrackingMatch | undefined {
  const run = runTokens.get(runId);
  if (run === undefined) return undefined;
  const prefix = `${hostPrefix}${run}.`;
  return (v) => v.startsWith(prefix);
}

/** Forgets run `runId`'s token once its processes have been ended. */
export function forgetRun(runId: string): void {
  runTokens.delete(runId);
}

const ENTRY = `${TRACKING_VAR}=`;

/** The value of WEFT_TRACKING_ID in `environ` (NUL-separated `NAME=value` entries), if it is there. */
function valueIn(environ: string): string | undefined {
  for (let i = environ.indexOf(ENTRY); i >= 0; i = environ.indexOf(ENTRY, i + 1)) {
    if (i > 0 && environ.charCodeAt(i - 1) !== 0) continue; // inside another entry's value
    const end = environ.indexOf('\0', i);
    return environ.slice(i + ENTRY.length, end < 0 ? undefined : end);
  }
  return undefined;
}

/** The tracking value process `pid` was started with (undefined: gone, a zombie, another user's, or none). */
function valueOfSync(pid: number): string | undefined {
  try {
    return valueIn(fs.readFileSync(`/proc/${pid}/environ`, 'latin1'));
  } catch {
    return undefined;
  }
}

const ours = (v: string | undefined): v is string => v !== undefined && v.startsWith(hostPrefix);

/** Every live process with one of this host's values, read without blocking the event loop. */
async function scan(): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  const entries = await pidEntries();
  if (entries === undefined) return found;
  // A few reads at a time: one per process at once would open hundreds of files.
  for (let i = 0; i < entries.length; i += 32) {
    const batch = entries.slice(i, i + 32);
    const values = await Promise.all(
      batch.map((pid) =>
        fs.promises.readFile(`/proc/${pid}/environ`, 'latin1').then(valueIn, () => undefined),
      ),
    );
    values.forEach((v, k) => ours(v) && found.set(Number(batch[k]), v));
  }
  return found;
}

/** Scans started in the same tick share one pass over /proc (a cancel aborts every running step at once). */
let nextScan: Promise<Map<number, string>> | undefined;
function sharedScan(): Promise<Map<number, string>> {
  return (nextScan ??= new Promise<void>((r) => setImmediate(r)).then(() => {
    nextScan = undefined;
    return scan();
  }));
}

const pidsOf = (found: Map<number, string>, match: TrackingMatch) => [...found].filter(([, v]) => match(v)).map(([pid]) => pid);

/** Whether process `pid` runs now with a value that `match`es (read again: its id may be another's by now). */
function stillMatches(pid: number, match: TrackingMatch): boolean {
  const v = valueOfSync(pid);
  return v !== undefined && match(v);
}

/**
 * Sends `signal` to each of `pids` whose environment still matches, read again right before: a
 * process that has exited since the scan may have left its id to an unrelated one.
 */
function signalMatching(pids: readonly number[], match: TrackingMatch, signal: NodeJS.Signals): void {
  for (const pid of pids) {
    if (!stillMatches(pid, match)) continue;
    try {
      process.kill(pid, signal);
    } catch {
      /* gone meanwhile */
    }
  }
}

const waitGone = (pids: readonly number[], match: TrackingMatch, ms: number) => waitWhile(() => pids.some((pid) => stillMatches(pid, match)), ms);

/**
 * Ends the processes whose variable `match`es: SIGTERM, then after `graceMs` (or once they are all
 * gone) a new scan, which also finds what they started meanwhile, and SIGKILL. Resolves once they
 * are gone (at most a second after the SIGKILL); never rejects. The members of the process groups
 * `termed` were sent SIGTERM with their group already, and get no second one (a `trap ... TERM`
 * would run twice); they get the SIGKILL like the others.
 */
export async function reapTracked(match: TrackingMatch, graceMs: number, termed?: ReadonlySet<number>): Promise<void> {
  if (!supported || !issued) return;
  try {
    const first = pidsOf(await sharedScan(), match);
    if (first.length === 0) return;
    signalMatching(termed?.size ? first.filter((pid) => !termed.has(statOf(String(pid))?.pgrp ?? -1)) : first, match, 'SIGTERM');
    await waitGone(first, match, graceMs);
    const rest = pidsOf(await sharedScan(), match);
    if (rest.length === 0) return;
    signalMatching(rest, match, 'SIGKILL');
    await waitGone(rest, match, 1000);
  } catch {
    /* /proc went away: nothing more can be found */
  }
}

/** SIGKILLs every process with one of this host's values, synchronously (second Ctrl-C, process exit). */
export function killTrackedNow(): void {
  if (!supported || !issued) return;
  const entries = pidEntriesSync();
  if (entries === undefined) return;
  // No scan first: signalMatching reads each environment right before its signal anyway.
  signalMatching(entries.map(Number), ours, 'SIGKILL');
}
