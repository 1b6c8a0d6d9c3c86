// Who writes a run's record, and whether that writer is gone. A record without `run.finished` is a
// run still going, or one whose process ended without finishing it (SIGKILL, a power cut, a record
// write that failed). `run.started` carries the writer's `host` and `pid`; a reader on the same host
// asks the system whether that process still lives (not a zombie waiting to be reaped, and the
// same process, not a later one that got its pid), and in its own process, whether the record is
// still open. Elsewhere it cannot know, so the run stays `running` there, as do records written
// before these fields existed.
import * as fs from 'node:fs';
import * as os from 'node:os';

/** The note a reader gives a run whose writer is gone (listRuns, the Runs view). */
export const WRITER_GONE = "the run's process ended without finishing its record";

/** Records this process is writing (RecordWriter adds them when created and removes them when closed). */
const openHere = new Set<string>();

export function markOpen(runId: string, open: boolean): void {
  if (open) openHere.add(runId);
  else openHere.delete(runId);
}

/** The fields `run.started` gets: the writing process and its host. */
export function writerFields(): { host: string; pid: number } {
  return { host: os.hostname(), pid: process.pid };
}

/**
 * What /proc says of a process (Linux): whether it has exited and waits for its parent to reap it
 * (a zombie, state Z or X), and its start time in ms since the epoch; undefined where it cannot be read.
 */
function processStat(pid: number): { exited: boolean; startMs: number | undefined } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // `pid (comm) state ...`: comm may hold spaces and parentheses; field 22 is starttime in ticks.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const exited = fields[0] === 'Z' || fields[0] === 'X';
    const ticks = Number(fields[19]);
    const btime = /^btime (\d+)$/m.exec(fs.readFileSync('/proc/stat', 'utf8'));
    // USER_HZ is 100 on every Linux architecture (the ABI fixes it for /proc).
    return { exited, startMs: btime && Number.isFinite(ticks) ? Number(btime[1]) * 1000 + ticks * 10 : undefined };
  } catch {
    return undefined;
  }
}

/** What a reader can know of a record's writer: its process is gone, is still there, or cannot be checked. */
export type WriterState = 'gone' | 'alive' | 'unknown';

/**
 * The writer of a record that has no `run.finished`. `started` is the record's `run.started`.
 * 'unknown' when it cannot be checked (another host, no pid: records written before these fields).
 */
export function writerState(started: { runId: string; ts: number; host?: unknown; pid?: unknown }): WriterState {
  const { host, pid } = started;
  if (typeof host !== 'string' || typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return 'unknown';
  if (host !== os.hostname()) return 'unknown';
  // This process: the record is ours while its writer is open (a run whose record write failed
  // goes on, with no run.finished to come, and is gone once it has ended).
  if (pid === process.pid) return openHere.has(started.runId) ? 'alive' : 'gone';
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return 'gone';
    // EPERM: a process of another user has the pid; it may still be the writer (checked below).
  }
  const stat = processStat(pid);
  // A zombie has exited (kill(pid, 0) still succeeds on it until its parent reaps it): it writes
  // nothing more, whichever process it was.
  if (stat?.exited) return 'gone';
  // A process with that pid that started after the run (2 s of slack: btime is whole seconds, and
  // clocks move) is not the writer: its pid was given again, after a reboot or a long while.
  const since = stat?.startMs;
  return since !== undefined && Number.isFinite(started.ts) && since > started.ts + 2000 ? 'gone' : 'alive';
}

/**
 * Whether the writer of a record that has no `run.finished` is known to be gone. False when it
 * cannot be known: such a run is left `running`, as a live run in another process must never be
 * shown ended.
 */
export function writerGone(started: { runId: string; ts: number; host?: unknown; pid?: unknown }): boolean {
  return writerState(started) === 'gone';
}
