// Test helpers for the orphan watchdog (orphan-watchdog.ts), shared by the tests that kill a host
// outright: find the watchdog a host started (by its `weft-watchdog <host pid>` arguments), wait
// until it has ended the host's processes and exited, and start the real `weft run` command line as
// a host with an environment of the test's choosing and wait until it has printed a line.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alive, sleep, WEFT_SOURCE_ARGS } from './helpers.js';
import { pidEntriesSync } from '../../src/run/proc-entries.js';
import { WATCHDOG_NAME } from '../../src/run/orphan-watchdog.js';

/** The pid of the watchdog started by the host `hostPid`, if it runs. */
export function watchdogOf(hostPid: number): number | undefined {
  for (const entry of pidEntriesSync() ?? []) {
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

/**
 * Waits (bounded) for the watchdog of host `hostPid`: a host forks it with its first shell step and
 * goes on at once, so right after the step has started it may not have become `sh` yet.
 */
export async function watchdogStarted(hostPid: number): Promise<number | undefined> {
  let pid = watchdogOf(hostPid);
  for (let i = 0; i < 250 && pid === undefined; i++) {
    await sleep(20);
    pid = watchdogOf(hostPid);
  }
  return pid;
}

/**
 * Once host `hostPid` is gone: waits (bounded) until none of the `recorded` processes runs (`gone`
 * says who ended them), then until the host's watchdog has exited, and asserts both.
 */
export async function expectCleanedUp(hostPid: number, recorded: number[], gone: string): Promise<void> {
  for (let i = 0; i < 250 && recorded.some(alive); i++) await sleep(20);
  assert.deepEqual(recorded.filter(alive), [], gone);
  for (let i = 0; i < 250 && watchdogOf(hostPid); i++) await sleep(20);
  assert.equal(watchdogOf(hostPid), undefined, 'the watchdog exits once it has cleaned up');
}

/** A running `weft run`, with what it has printed so far. */
export interface Cli {
  child: ChildProcess;
  stdout: string;
  stderr: string;
  /** Its exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts `weft run <file>` (plain lines; cwd the file's folder) with `env`. */
export function startCli(file: string, env: NodeJS.ProcessEnv): Cli {
  const child = spawn(process.execPath, [...WEFT_SOURCE_ARGS, 'run', file], { cwd: path.dirname(file), env, stdio: ['ignore', 'pipe', 'pipe'] });
  const cli: Cli = { child, stdout: '', stderr: '', exited: new Promise((r) => child.once('exit', (code) => r(code))) };
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (cli.stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (cli.stderr += d));
  return cli;
}

/**
 * Waits (bounded) until `cli` has printed `text` (on stdout or stderr); whether it did. A step's
 * output line (`  a | text`) is printed only after the host has read it, on a later turn than
 * the one that started the step and told its watchdog about it.
 */
export async function printed(cli: Cli, text: string): Promise<boolean> {
  for (let i = 0; i < 1000 && cli.child.exitCode === null && !(cli.stdout + cli.stderr).includes(text); i++) await sleep(20);
  return (cli.stdout + cli.stderr).includes(text);
}
