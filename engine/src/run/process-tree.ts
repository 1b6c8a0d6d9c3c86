// Killing a shell step's whole process tree: each shell step is spawned as the leader of its own
// process group (detached), so one signal to the negative pid reaches every descendant that did not
// start its own session. The registry lets the command line kill everything synchronously on a
// second Ctrl-C before it exits; the watchdog (orphan-watchdog.ts) covers a host that is killed.
import type { ChildProcess } from 'node:child_process';
import { unwatchGroup, watchGroup } from './orphan-watchdog.js';

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

const livePgids = function* (): Iterable<number> {
  for (const c of live) if (c.pid !== undefined) yield c.pid;
};

export function track(child: ChildProcess): void {
  live.add(child);
  const pgid = child.pid;
  if (pgid !== undefined) watchGroup(pgid, livePgids);
  child.once('exit', () => {
    live.delete(child);
    if (pgid !== undefined) unwatchGroup(pgid);
  });
  if (!exitHookInstalled) {
    // A host that exits while steps run (an editor's extension host shutting down, a program that
    // calls process.exit) must not leave their detached process groups behind.
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const c of live) killTree(c, 'SIGKILL');
    });
  }
}

export function liveCount(): number {
  return live.size;
}

/** Sends `signal` to the process group led by `child` (falls back to the child alone). */
export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
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
 * Terminates a tree: SIGTERM now, SIGKILL after `graceMs` if the leader has not exited. The group
 * also gets SIGKILL when the leader exits early, so grandchildren that ignore SIGTERM still die.
 */
export function terminateTree(child: ChildProcess, graceMs = 2000): void {
  killTree(child, 'SIGTERM');
  const timer = setTimeout(() => killTree(child, 'SIGKILL'), graceMs);
  timer.unref();
  child.once('exit', () => {
    clearTimeout(timer);
    killTree(child, 'SIGKILL');
  });
}

/** Kills every live step process tree at once (second Ctrl-C, process exit). */
export function killAllNow(): void {
  for (const c of live) killTree(c, 'SIGKILL');
}
