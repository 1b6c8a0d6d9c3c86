// Killing a shell step's whole process tree: each shell step is spawned as the leader of its own
// process group (detached), so one signal to the negative pid reaches every descendant that did not
// start its own session. The registry lets the command line kill everything synchronously on a
// second Ctrl-C before it exits; the watchdog (orphan-watchdog.ts) covers a host that is killed.
// A step that leaves processes behind (`server &`) finishes when its shell exits, and what it left
// runs on until its run ends, as in a GitHub Actions job; then `reapGroups` ends it. A process that
// left its step's group (`setsid daemon &`) is found by its WEFT_TRACKING_ID (tracked-processes.ts)
// wherever the group is signalled: a step's abort, the end of its run, the exit hook, the watchdog.
import type { ChildProcess } from 'node:child_process';
import { unwatchGroup, watchGroup } from './orphan-watchdog.js';
import { pidEntriesSync, statOf, waitWhile } from './proc-entries.js';
import { forgetRun, killTrackedNow, reapTracked, runMatch } from './tracked-processes.js';

const live = new Set<ChildProcess>();
/** Groups whose leader exited while processes it started still run, with the run that owns them. */
const lingering = new Map<number, string>();
let exitHookInstalled = false;
/** Checks the lingering groups while there are any (pruneLingering). */
let pruneTimer: NodeJS.Timeout | undefined;
/** How often lingering groups are checked for having ended by themselves. */
const PRUNE_INTERVAL_MS = 1000;
/** How long a group gets between SIGTERM and SIGKILL (a step's tree on abort, a run's lingering groups). */
const KILL_GRACE_MS = 2000;

const livePgids = function* (): Iterable<number> {
  for (const c of live) if (c.pid !== undefined) yield c.pid;
  yield* lingering.keys();
};

/** Tracks a step's process group; what the step leaves running is kept until `reapGroups(runId)`. */
export function track(child: ChildProcess, runId: string): void {
  live.add(child);
  const pgid = child.pid;
  if (pgid !== undefined) watchGroup(pgid, livePgids);
  child.once('exit', () => {
    live.delete(child);
    if (pgid === undefined) return;
    if (groupAlive(pgid)) {
      lingering.set(pgid, runId);
      pruneTimer ??= setInterval(pruneLingering, PRUNE_INTERVAL_MS).unref();
    } else unwatchGroup(pgid);
  });
  if (!exitHookInstalled) {
    // A host that exits while steps run (an editor's extension host shutting down, a program that
    // calls process.exit) must not leave their detached process groups behind.
    exitHookInstalled = true;
    process.once('exit', killAllNow);
  }
}

/**
 * Whether the group `pgid` still has any member, a zombie included. While it has one, the kernel
 * keeps the id from being given to a new process, so a signal to `-pgid` can reach only this group.
 */
function groupExists(pgid: number): boolean {
  if (process.platform === 'win32') return false;
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * The groups of `pgids` in which a process runs (none on Windows, which has no groups). On Linux a
 * zombie does not count: a process whose parent has exited waits for pid 1 to reap it, which some
 * container inits do only every second or two. One scan of /proc answers for every group.
 */
function aliveGroups(pgids: readonly number[]): Set<number> {
  const existing = pgids.filter(groupExists);
  if (process.platform !== 'linux' || existing.length === 0) return new Set(existing);
  const pids = pidEntriesSync();
  if (pids === undefined) return new Set(existing);
  const wanted = new Set(existing);
  const alive = new Set<number>();
  for (const pid of pids) {
    const stat = statOf(pid);
    if (stat && stat.state !== 'Z' && wanted.has(stat.pgrp)) {
      alive.add(stat.pgrp);
      if (alive.size === wanted.size) break;
    }
  }
  return alive;
}

function groupAlive(pgid: number): boolean {
  return aliveGroups([pgid]).size > 0;
}

/**
 * Forgets the lingering groups that have ended by themselves. Once a group has no member left, its
 * id can be given to a new process, which may lead a group of its own (anything started detached):
 * a group kept listed until its run ends could then have that unrelated group signalled, by
 * `reapGroups` or by the watchdog. Checked every second, far sooner than process ids come round.
 */
function pruneLingering(): void {
  for (const pgid of [...lingering.keys()]) {
    if (groupExists(pgid)) continue;
    lingering.delete(pgid);
    unwatchGroup(pgid);
  }
  stopPruningWhenIdle();
}

function stopPruningWhenIdle(): void {
  if (lingering.size === 0 && pruneTimer) {
    clearInterval(pruneTimer);
    pruneTimer = undefined;
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* already gone */
  }
}

/**
 * Ends what the steps of run `runId` left running: SIGTERM to each group and to each process with
 * the run's tracking variable, SIGKILL to what is left after KILL_GRACE_MS. Resolves once they are
 * gone (at most a second after the SIGKILL).
 */
export async function reapGroups(runId: string): Promise<void> {
  // What left the steps' groups (`setsid daemon &`) is ended alongside, in the same way.
  const match = runMatch(runId);
  // The lingering groups get their SIGTERM from reapLingering: not a second one as tracked processes.
  const termed = new Set([...lingering].filter(([, owner]) => owner === runId).map(([pgid]) => pgid));
  await Promise.all([reapLingering(runId), match && reapTracked(match, KILL_GRACE_MS, termed)]);
  forgetRun(runId);
}

async function reapLingering(runId: string): Promise<void> {
  // A group that has ended is neither signalled nor forgotten again later: its id may be another's
  // by now (another run's step may even have left it lingering). Checked before each signal and on
  // every poll, since a group may end at any time during the grace period.
  const owned = () => {
    pruneLingering();
    return [...lingering].filter(([, owner]) => owner === runId).map(([pgid]) => pgid);
  };
  const groups = owned();
  if (groups.length === 0) return;
  const waitGone = (ms: number) => waitWhile(() => aliveGroups(owned()).size > 0, ms);
  for (const g of groups) signalGroup(g, 'SIGTERM');
  await waitGone(KILL_GRACE_MS);
  for (const g of aliveGroups(owned())) signalGroup(g, 'SIGKILL');
  // SIGKILL is not instant either: wait (briefly) until the processes are gone, so that a finished
  // run has no process left.
  await waitGone(1000);
  for (const g of owned()) {
    lingering.delete(g);
    unwatchGroup(g);
  }
  stopPruningWhenIdle();
}

/** How many groups finished steps left running are listed (for tests). */
export function lingeringCount(): number {
  return lingering.size;
}

/** Sends `signal` to the process group led by `child` (falls back to the child alone). */
function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/**
 * Terminates a tree: SIGTERM now, SIGKILL after KILL_GRACE_MS if the leader has not exited. The group
 * also gets SIGKILL when the leader exits early, so grandchildren that ignore SIGTERM still die.
 * The processes started with `trackingId` (the step's WEFT_TRACKING_ID), out of the group or not,
 * get SIGTERM now and SIGKILL after KILL_GRACE_MS.
 */
export function terminateTree(child: ChildProcess, trackingId?: string): void {
  killTree(child, 'SIGTERM');
  // The group just signalled is the step's own (the child leads it, off Windows).
  const termed = child.pid !== undefined && process.platform !== 'win32' ? new Set([child.pid]) : undefined;
  if (trackingId !== undefined) void reapTracked((v) => v === trackingId, KILL_GRACE_MS, termed);
  const timer = setTimeout(() => killTree(child, 'SIGKILL'), KILL_GRACE_MS);
  timer.unref();
  child.once('exit', () => {
    clearTimeout(timer);
    killTree(child, 'SIGKILL');
  });
}

/**
 * Kills every live step process tree, what finished steps left running, and every process started
 * with one of this host's tracking variables, at once (second Ctrl-C, process exit).
 */
export function killAllNow(): void {
  for (const c of live) killTree(c, 'SIGKILL');
  for (const g of lingering.keys()) signalGroup(g, 'SIGKILL');
  killTrackedNow();
}
