// A runs folder comes with the workspace (a cloned repository, an unpacked archive), and `weft run`
// reads it before it starts: the last run's durations to order ready steps, and for --resume the
// records and output files. A named pipe there blocked the open forever, on the main thread, so the
// run neither started nor answered SIGTERM (found by the secure-by-default audit). Only regular files
// are read: a pipe is passed over as a file that is not there. Run as a child process, since a
// blocked main thread would stop this test's own timers too.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildDist } from './dist-cli.js';
import { ROOT } from '../run/helpers.js';

const weft = (dir: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'run', 'wf.weft.yaml', '--runs-dir', 'runs', ...args], { cwd: dir, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL', stdio: ['ignore', 'pipe', 'pipe'] });

describe('named pipes in the runs folder', { skip: process.platform === 'win32' && 'no mkfifo' }, () => {
  before(buildDist);

  it('a run, and --resume last, pass over a pipe named like a record or an output file', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-runs-pipes-'));
    try {
      fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), 'steps:\n  - id: a\n    shell: echo A\n  - id: b\n    shell: echo B-${steps.a.output}\n');
      const first = weft(dir);
      assert.equal(first.status, 0, first.stderr);
      const runId = fs.readdirSync(path.join(dir, 'runs')).find((f) => f.endsWith('.jsonl'))!.slice(0, -'.jsonl'.length);
      // A pipe sorted after every run id, and one in place of step a's output file.
      execFileSync('mkfifo', [path.join(dir, 'runs', 'zzzz.jsonl')]);
      const outputs = path.join(dir, 'runs', runId, 'outputs');
      const aFile = fs.readdirSync(outputs).find((f) => f.startsWith('a'))!;
      fs.rmSync(path.join(outputs, aFile));
      execFileSync('mkfifo', [path.join(outputs, aFile)]);

      const again = weft(dir);
      assert.equal(again.signal, null, 'the run was not killed by the timeout');
      assert.equal(again.status, 0, again.stderr);

      const resumed = weft(dir, '--resume', runId, '--json');
      assert.equal(resumed.signal, null, 'the resume was not killed by the timeout');
      assert.equal(resumed.status, 0, resumed.stderr);
      const finished = resumed.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.type === 'step.finished');
      assert.deepEqual(finished.map((e) => [e.path, e.status, e.output, e.reused === true]), [['a', 'succeeded', 'A', false], ['b', 'succeeded', 'B-A', true]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
