// The summary `weft run` prints at the end (render/summary.ts), as a user reads it in CI (not a
// terminal): every step that failed is listed with its error. A block can fail by itself, before
// any child ran (a foreach whose items are not a list, a sub-workflow given an input of the wrong
// type); the counts are of leaf steps and do not show it, so the list must. It used to list leaf
// steps only: with --continue-on-error such a run said 'run succeeded: 1 succeeded, 1 skipped' and
// named no failure at all.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { WEFT_SOURCE_ARGS, weftIn } from '../run/helpers.js';


test('the summary lists a block that failed by itself, and not a block that failed through a child', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-summary-'));
  try {
    fs.writeFileSync(
      path.join(dir, 'wf.weft.yaml'),
      [
        'steps:',
        '  - id: src',
        '    stub: { output: 42 }',
        '  - id: each',
        '    foreach:',
        '      items: ${steps.src.output}',
        '      steps:',
        '        - id: s',
        '          stub: true',
        '  - id: blk',
        '    parallel:',
        '      - id: bad',
        '        shell: exit 3',
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [...WEFT_SOURCE_ARGS, 'run', 'wf.weft.yaml', '--continue-on-error', '--runs-dir', 'runs'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    assert.equal(r.status, 0, `the run succeeds (continue-on-error): ${r.stdout}${r.stderr}`);
    const summary = r.stdout.slice(r.stdout.lastIndexOf('\nrun succeeded in'));
    const failed = summary.split('\n').filter((l) => l.startsWith('  ✗ '));
    assert.deepEqual(failed, ['  ✗ each: foreach items must be an array, got number', '  ✗ blk/bad: exit code 3'], summary);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("the summary does not repeat a step's failure as the run's error; a run error of its own is kept", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-summary-'));
  try {
    const run = (text: string) => {
      fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), text);
      return weftIn(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs');
    };
    const r = run('steps:\n  - id: bad\n    shell: exit 3\n');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    const summary = r.stdout.slice(r.stdout.lastIndexOf('\nrun failed in'));
    const lines = summary.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  bad │'));
    assert.deepEqual(lines, ['  ✗ bad: exit code 3'], summary);
    // The run's time limit is the run's own error: it stays, beside the step it stopped.
    const t = run('config:\n  timeout: 300ms\nsteps:\n  - id: slow\n    shell: sleep 5\n');
    const tail = t.stdout.slice(t.stdout.lastIndexOf('\nrun failed in'));
    assert.deepEqual(tail.split('\n').filter((l) => l.startsWith('  ') && !l.startsWith('  slow │')), ['  run timed out after 300ms'], tail);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
