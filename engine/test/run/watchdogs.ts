// Test helpers for the orphan watchdog (orphan-watchdog.ts), shared by the tests that kill a host
// outright: find the watchdog a host started (by its `weft-watchdog <host pid>` arguments), and
// start the real `weft run` command line as a host with an environment of the test's choosing.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { alive, ROOT } from './helpers.js';
import { isPidEntry } from '../../src/run/proc-entries.js';
import { WATCHDOG_NAME } from '../../src/run/orphan-watchdog.js';

/** The pid of the watchdog started by the host `hostPid`, if it runs. */
export function watchdogOf(hostPid: number): number | undefined {
  for (const entry of fs.readdirSync('/proc')) {
    if (!isPidEntry(entry)) continue;
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
    } catch {
      continue;
    }
    if (args.includes(WATCHDOG_NAME) && args[args.indexOf(WATCHDOG_NAME) + 1] === String(hostPid) && alive(Number(entry))) return Number(entry);
  }
  return undefined;
}

const MAIN = path.join(ROOT, 'engine/src/cli/main.ts');
// An absolute loader path: the command runs in a temp folder, where `--import tsx` would not resolve.
const TSX = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

/** Starts `weft run <file>` (cwd the file's folder) with `env`; its stdout is dropped. */
export function startCli(file: string, env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['--import', TSX, MAIN, 'run', file], { cwd: path.dirname(file), env, stdio: ['ignore', 'ignore', 'inherit'] });
}
