// `shell`: runs a command with `bash -e -c` (or `sh -e -c` without bash, or the step's `shell`) as the leader of its own process
// group, cwd = the workflow's folder unless `cwd` is given, env = process env + workflow env + step
// env. stdout/stderr stream as step.log events, each up to the run's output limit (past it the tree
// is ended and the step fails: output-limit.ts); output is stdout without the final newline (parsed
// when `parse` says so); a non-zero exit code fails the step. Abort kills the whole tree. The step
// ends when its shell exits, even if a process it started in the background (`server &`) still
// holds stdout: that process runs on until the run ends (process-tree.ts, reapGroups). The env also
// holds WEFT_TRACKING_ID, by which what leaves the group (`setsid daemon &`) is found and ended with
// the step's tree or its run (tracked-processes.ts).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toText } from '../../template/evaluate.js';
import { terminateTree, track } from '../process-tree.js';
import { newTrackingId, TRACKING_VAR } from '../tracked-processes.js';
import { ByteBudget, outputTooLarge } from './output-limit.js';
import type { Action, ActionContext, ActionResult } from './types.js';
import { asObject, StepError } from './types.js';
import { parseOutput } from './parse-output.js';
import { setOwn } from '../../model/own-keys.js';
import { folderProblem } from '../../model/folder-problem.js';

let defaultShellCache: [string, string[]] | undefined;

/** How long a step whose shell has exited waits for its output pipes to close before it ends without them. */
const STDIO_GRACE_MS = 250;

/**
 * The shell a step without `shell:` runs in: `bash -e` where bash exists, as GitHub Actions runs
 * `run:` scripts (so `<<<`, `[[ ]]` and arrays work, and the first failing command fails the step),
 * else `sh -e`.
 */
export function defaultShell(): [string, string[]] {
  return (defaultShellCache ??= fs.existsSync('/bin/bash') ? ['/bin/bash', ['-e']] : ['/bin/sh', ['-e']]);
}

function shellCommand(shell: unknown, command: string): [string, string[]] {
  if (process.platform === 'win32' && !shell) return [process.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', command]];
  if (typeof shell === 'string' && shell) return [shell, ['-c', command]];
  const [sh, flags] = defaultShell();
  return [sh, [...flags, '-c', command]];
}

/** Linux's limit on one argument or environment string (MAX_ARG_STRLEN, 32 pages of 4 KB). */
const MAX_ARG_BYTES = 128 * 1024;

function kb(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
}

/**
 * Why the system refused to start the shell with E2BIG, in terms of the step: the command or the env
 * variable past the limit on one string (templates put outputs into both), else all of them together.
 */
function tooLarge(command: string, env: Record<string, string>): string {
  const advice = 'write large data to a file and pass its path instead';
  const cmd = Buffer.byteLength(command);
  let name = '';
  let size = 0;
  for (const [k, v] of Object.entries(env)) {
    const n = Buffer.byteLength(k) + 1 + Buffer.byteLength(v);
    if (n > size) [name, size] = [k, n];
  }
  if (process.platform === 'linux' && Math.max(cmd, size) > MAX_ARG_BYTES) {
    const what = cmd >= size ? `the command holds ${kb(cmd)}` : `env ${name} holds ${kb(size)}`;
    return `shell: ${what}, more than the ${kb(MAX_ARG_BYTES)} the system takes in one ${cmd >= size ? 'argument' : 'variable'} (E2BIG); ${advice}`;
  }
  let total = cmd;
  for (const [k, v] of Object.entries(env)) total += Buffer.byteLength(k) + Buffer.byteLength(v) + 2;
  return `shell: the command and its environment hold ${kb(total)} in all, more than the system takes to start a process (E2BIG); ${advice}`;
}

/** Why `cwd` (as written: `shown`) cannot be the shell's folder, or undefined when it can. */
function cwdProblem(cwd: string, shown: string): string | undefined {
  const why = folderProblem(cwd);
  if (!why) return undefined;
  if (why.code === 'missing') return `shell: the folder '${shown}' (cwd) does not exist`;
  if (why.code === 'file') return `shell: the cwd '${shown}' is a file, not a folder`;
  return `shell: the cwd '${shown}' cannot be a folder: ${why.phrase}`;
}

/** A shell step's own `env:` as the text its process gets, or undefined when it sets none. */
export function shellOwnEnv(config: unknown): Record<string, string> | undefined {
  const cfg = asObject(config, 'run');
  if (!cfg.env || typeof cfg.env !== 'object') return undefined;
  const own: Record<string, string> = {};
  for (const [k, v] of Object.entries(cfg.env)) setOwn(own, k, toText(v));
  return own;
}

export const shellAction: Action = (ctx: ActionContext): Promise<ActionResult> => {
  const cfg = asObject(ctx.config, 'run');
  const command = toText(cfg.run);
  if (!command.trim()) return Promise.reject(new StepError('shell: empty command'));
  const cwd = typeof cfg.cwd === 'string' && cfg.cwd ? path.resolve(ctx.dir, cfg.cwd) : ctx.dir;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) setOwn(env, k, v);
  // Its secret-named values are masked from the step's start on (the executor registers them).
  for (const [k, v] of Object.entries(shellOwnEnv(cfg) ?? {})) setOwn(env, k, v);
  // Set last: neither the workflow nor an enclosing Weft (a `weft run` in a step) chooses it. Not a
  // secret (no _KEY/_TOKEN/_SECRET suffix) and not in ctx.env, so `${env.*}` never sees it.
  const trackingId = newTrackingId(ctx.runId);
  if (trackingId !== undefined) env[TRACKING_VAR] = trackingId;
  const parse = cfg.parse;
  const signal = ctx.signal;
  // What spawn would report in its own words, or as the shell missing ("spawn /bin/bash ENOENT" for
  // a cwd that does not exist), said as it is.
  const badCwd = cwdProblem(cwd, String(cfg.cwd ?? cwd));
  if (badCwd !== undefined) return Promise.reject(new StepError(badCwd));
  const nul = Object.keys(env).find((k) => env[k]!.includes('\0'));
  if (nul !== undefined) return Promise.reject(new StepError(`shell: the value of env ${nul} holds a NUL character, which no process environment can carry`));
  if (command.includes('\0')) return Promise.reject(new StepError('shell: the command holds a NUL character, which no shell can be given'));
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const [file, args] = shellCommand(cfg.shell, command);
    const start = () => spawn(file, args, { cwd, env, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
    let child: ReturnType<typeof start>;
    try {
      child = start();
    } catch (e) {
      // Node throws some exec failures at once instead of emitting 'error': E2BIG among them.
      const code = (e as NodeJS.ErrnoException).code;
      return reject(new StepError(code === 'E2BIG' ? tooLarge(command, env) : `shell: ${(e as Error).message}`));
    }
    track(child, ctx.runId);
    const out: string[] = [];
    const err: string[] = [];
    let settled = false;
    // Each stream may hold ctx.maxOutputBytes: past it the step's tree is ended and the step fails
    // (output-limit.ts), instead of the host running out of memory.
    const budgets = { stdout: new ByteBudget(ctx.maxOutputBytes), stderr: new ByteBudget(ctx.maxOutputBytes) };
    let overflow: 'stdout' | 'stderr' | undefined;
    const onAbort = () => terminateTree(child, trackingId);
    const take = (stream: 'stdout' | 'stderr', into: string[]) => (d: string) => {
      if (settled || overflow) return;
      if (!budgets[stream].add(d)) {
        overflow = stream;
        onAbort();
        return;
      }
      into.push(d);
      ctx.log(stream, d);
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    // After the step has ended, what its background processes write is still read (so that they
    // never block on a full pipe) but belongs to no step.
    child.stdout.on('data', take('stdout', out));
    child.stderr.on('data', take('stderr', err));
    signal.addEventListener('abort', onAbort, { once: true });
    child.once('error', (e) => {
      settled = true;
      signal.removeEventListener('abort', onAbort);
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? `the shell '${file}' was not found` : code === 'EACCES' ? `the shell '${file}' cannot be run (permission denied)` : e.message;
      reject(new StepError(code === 'E2BIG' ? tooLarge(command, env) : `shell: ${why}`));
    });
    // 'close' follows 'exit' once every holder of the pipes is gone. If a background process holds
    // them, the step ends STDIO_GRACE_MS after the exit, with what the shell wrote by then.
    let grace: ReturnType<typeof setTimeout> | undefined;
    child.once('exit', (code, sig) => (grace = setTimeout(() => finish(code, sig), STDIO_GRACE_MS)));
    child.once('close', (code, sig) => {
      clearTimeout(grace);
      finish(code, sig);
    });
    const finish = (code: number | null, sig: NodeJS.Signals | null) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (signal.aborted) return reject(signal.reason);
      if (overflow) return reject(outputTooLarge(`shell: ${overflow}`, ctx.maxOutputBytes));
      const stdout = out.join('');
      const stderr = err.join('');
      const extra = { exitCode: code, stderr };
      if (code !== 0) {
        const tail = stderr.trim().split('\n').slice(-3).join(' | ');
        const why = code === null ? `killed by ${sig}` : `exit code ${code}`;
        return reject(new StepError(`${why}${tail ? `: ${tail}` : ''}`, extra));
      }
      try {
        const text = stdout.endsWith('\n') ? stdout.slice(0, stdout.endsWith('\r\n') ? -2 : -1) : stdout;
        resolve({ output: parseOutput(text, parse), extra });
      } catch (e) {
        reject(new StepError((e as Error).message, extra));
      }
    };
  });
};
