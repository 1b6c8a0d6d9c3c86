// Test helpers for processes that leave their step's process group: shell snippets that start one
// in a session of its own (`setsid`) and wait until it has recorded its pid, a shell check that a
// process is gone (a zombie counts as gone: `kill -0` would still succeed on it), and a cleanup that
// kills whatever a test left running, also when the test failed.
import * as fs from 'node:fs';
import { alive, readPids } from './helpers.js';

/**
 * Shell lines that start `sleep 300` in a new session, its pid appended to `pidFile`, with `prefix`
 * in front of the command (`WEFT_TRACKING_ID= ` to opt out), and wait (bounded) until it is written.
 * With `ignoreTerm` the sleep ignores SIGTERM: only a SIGKILL ends it.
 */
export function escapee(pidFile: string, { prefix = '', ignoreTerm = false } = {}): string {
  const trap = ignoreTerm ? `trap "" TERM; ` : '';
  return [
    `${prefix}setsid sh -c '${trap}echo $$ >> ${pidFile}; exec sleep 300' > /dev/null 2>&1 &`,
    `for i in $(seq 1 400); do [ -s ${pidFile} ] && break; sleep 0.05; done`,
  ].join('\n');
}

/** Indents shell lines for a YAML block scalar under `shell: |` (a step of `steps:`). */
export const block = (lines: string) => lines.split('\n').map((l) => `      ${l}`).join('\n');

/** A shell function `gone PID`: true once the process has exited (or is a zombie). */
export const GONE_FN = `gone() { st=$(sed 's/.*) //' /proc/$1/stat 2>/dev/null | cut -c1); [ -z "$st" ] || [ "$st" = Z ]; }`;

/** Shell lines that print `gone` once process `$pid` has gone (within a bound of about 20 s), else `alive`. */
export const WAIT_GONE = `${GONE_FN}
for i in $(seq 1 400); do gone $pid && echo gone && exit 0; sleep 0.05; done
echo alive`;

/** Kills every process listed in `pidFiles` that still runs a `sleep` (what a failed test left behind). */
export function killLeft(...pidFiles: string[]): void {
  for (const pid of pidFiles.flatMap(readPids)) {
    if (!alive(pid)) continue;
    let cmd: string;
    try {
      cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmd.startsWith('sleep\0')) continue; // its id has gone to another process
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
}
