// `weft run --resume <runId>` naming a run of another file is refused (exit 2): the engine's
// ResumeError says so in words any front end can show (the editor shows it too), and only the
// command line adds its hint "('--resume last' takes its newest)". Before, the hint was in the
// engine's message, so VS Code showed command-line wording.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { listRuns } from '../../src/run/index.js';
import { tempDir, WEFT_SOURCE_ARGS } from '../run/helpers.js';

function weft(dir: string, ...args: string[]) {
  // SIGKILL on timeout: a hang fails the test with the timeout's status instead of holding it.
  const r = spawnSync(process.execPath, [...WEFT_SOURCE_ARGS, 'run', ...args, '--runs-dir', 'runs'], { cwd: dir, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: r.status, stderr: r.stderr };
}

test('--resume of another file\'s run: the engine\'s words, then the command line\'s hint', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a.weft.yaml'), 'steps:\n  - id: s\n    stub: true\n');
  fs.writeFileSync(path.join(dir, 'b.weft.yaml'), 'steps:\n  - id: s\n    stub: true\n');
  assert.equal(weft(dir, 'a.weft.yaml').code, 0);
  const [a] = await listRuns(path.join(dir, 'runs'));
  const r = weft(dir, 'b.weft.yaml', '--resume', a!.runId);
  assert.equal(r.code, 2, r.stderr);
  const engineWords = `run '${a!.runId}' is of ${fs.realpathSync(dir)}/a.weft.yaml, not ${fs.realpathSync(dir)}/b.weft.yaml: resume a run of this file`;
  assert.ok(r.stderr.includes(`${engineWords} ('--resume last' takes its newest)`), r.stderr);
});
