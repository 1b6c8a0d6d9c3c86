// The /proc reading that process-tree.ts (process groups, from /proc/<pid>/stat) and
// tracked-processes.ts (WEFT_TRACKING_ID, from /proc/<pid>/environ) share: which entries of /proc
// are processes, how a stat line is read, and the bounded poll both use to wait for processes to go.
// Linux only; callers check that /proc is there (or treat a failed read as "nothing found").
import * as fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Whether a name in /proc is a process id (not /proc/self, /proc/meminfo, ...). */
const isPidEntry = (entry: string): boolean => entry.charCodeAt(0) >= 48 && entry.charCodeAt(0) <= 57;

/** The ids of the processes listed in /proc now (undefined where it cannot be read). */
export function pidEntriesSync(): string[] | undefined {
  try {
    return fs.readdirSync('/proc').filter(isPidEntry);
  } catch {
    return undefined;
  }
}

/** pidEntriesSync without blocking the event loop. */
export async function pidEntries(): Promise<string[] | undefined> {
  try {
    return (await fs.promises.readdir('/proc')).filter(isPidEntry);
  } catch {
    return undefined;
  }
}

/** A process's state letter (`Z` for a zombie) and process group, from /proc/<pid>/stat (undefined: gone). */
export function statOf(pid: string): { state: string; pgrp: number } | undefined {
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return undefined; // exited meanwhile
  }
  // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so read after the last ')'.
  const [state = '', , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ', 3);
  return { state, pgrp: Number(pgrp) };
}

/** Waits while `pending()` holds, checking every 20 ms, for at most `ms`. */
export async function waitWhile(pending: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (pending() && Date.now() < deadline) await sleep(20);
}
