// `shell`: runs a command with `bash -e -c` (or `sh -e -c` without bash, or the step's `shell`) as the leader of its own process
// group, cwd = the workflow's folder unless `cwd` is given, env = process env + workflow env + step
// env. stdout/stderr stream as step.log events; output is stdout without the final newline (parsed
// when `parse` says so); a non-zero exit code fails the step. Abort kills the whole tree.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { toText } from '../../template/evaluate.js';
import { terminateTree, track } from '../process-tree.js';
import type { Action, ActionContext, ActionResult } from './types.js';
import { asObject, parseOutput, StepError } from './types.js';

let defaultShellCache: [string, string[]] | undefined;

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

export const shellAction: Action = (ctx: ActionContext): Promise<ActionResult> => {
  const cfg = asObject(ctx.config, 'run');
  const command = toText(cfg.run);
  if (!command.trim()) return Promise.reject(new StepError('shell: empty command'));
  const cwd = typeof cfg.cwd === 'string' && cfg.cwd ? path.resolve(ctx.dir, cfg.cwd) : ctx.dir;
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(ctx.env)) if (v !== undefined) env[k] = v;
  if (cfg.env && typeof cfg.env === 'object') for (const [k, v] of Object.entries(cfg.env)) env[k] = toText(v);
  const parse = cfg.parse ?? (ctx.step.raw as Record<string, unknown>).parse;
  const signal = ctx.signal;
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const [file, args] = shellCommand(cfg.shell, command);
    const child = spawn(file, args, { cwd, env, detached: process.platform !== 'win32', stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    const out: string[] = [];
    const err: string[] = [];
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out.push(d);
      ctx.log('stdout', d);
    });
    child.stderr.on('data', (d: string) => {
      err.push(d);
      ctx.log('stderr', d);
    });
    const onAbort = () => terminateTree(child);
    signal.addEventListener('abort', onAbort, { once: true });
    child.once('error', (e) => {
      signal.removeEventListener('abort', onAbort);
      reject(new StepError(`shell: ${e.message}`));
    });
    child.once('close', (code, sig) => {
      signal.removeEventListener('abort', onAbort);
      const stdout = out.join('');
      const stderr = err.join('');
      const extra = { exitCode: code, stderr };
      if (signal.aborted) return reject(signal.reason);
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
    });
  });
};
