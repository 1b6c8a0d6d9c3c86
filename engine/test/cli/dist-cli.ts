// The bundled `weft` (dist/cli.js) for the CLI tests: build it, run a command to its end, or run a
// workflow with `--json` and read its step.finished events (for what only the bundle shows: undici
// in a bundle of its own, dist/undici.js, loaded on first use: esbuild.mjs).
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { StepFinishedEvent } from '../../src/run/events.js';
import { ROOT } from '../run/helpers.js';

/** Builds dist/ (`node esbuild.mjs`); for a test file's `before`. */
export function buildDist(): void {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `node esbuild.mjs failed:\n${r.stderr}`);
}

/**
 * `weft <args>` from dist/cli.js in the repository's root, to its end. SIGKILL on the 20 s timeout:
 * `weft run` handles SIGTERM in JavaScript, which a hang in native code never runs.
 */
export function weftDist(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs `node <nodeArgs> dist/cli.js run wf.weft.yaml --json --runs-dir runs` in `dir`. The spawn is
 * async, so that servers in this process answer while it runs. Returns its stdout and the
 * step.finished event of a path.
 */
export async function runDistJson(dir: string, opts: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<{ stdout: string; of: (p: string) => StepFinishedEvent | undefined }> {
  const stdout = await new Promise<string>((resolve) => {
    const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), path.join(ROOT, 'dist/cli.js'), 'run', 'wf.weft.yaml', '--json', '--runs-dir', 'runs'], { cwd: dir, env: opts.env });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('close', () => resolve(out));
  });
  const finished = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.type === 'step.finished') as StepFinishedEvent[];
  return { stdout, of: (p) => finished.find((e) => e.path === p) };
}
