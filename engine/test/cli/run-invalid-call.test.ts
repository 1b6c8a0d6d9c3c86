// A workflow that calls a file with errors: `weft validate` and `weft run` agree that it cannot run
// (spec 5: the command line, the editor and the engine use one analyser), and both show the problem
// in the file it is in. Before, validate passed the caller, and run printed the called file's errors
// under the caller's name at the caller's line numbers.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { tempDir, WEFT_SOURCE_ARGS } from '../run/helpers.js';

function weft(dir: string, ...args: string[]) {
  // SIGKILL on timeout: a hang fails the test with the timeout's status instead of holding it.
  const r = spawnSync(process.execPath, [...WEFT_SOURCE_ARGS, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('a call of a file with errors: validate and run refuse the caller, each error shown in its own file', () => {
  const dir = tempDir('weft-invalid-call-');
  try {
    fs.writeFileSync(path.join(dir, 'parent.weft.yaml'), 'name: parent\nsteps:\n  - id: first\n    stub: true\n  - id: call\n    needs: first\n    workflow: { path: child.weft.yaml }\n');
    fs.writeFileSync(path.join(dir, 'child.weft.yaml'), 'name: child\nsteps:\n  - id: a\n    stub: 1\n');
    const expected = "parent.weft.yaml:7:23: error workflow-invalid: 'child.weft.yaml' has an error, so this workflow cannot run: line 4: 'stub' must be true or {output, delay}";

    const validate = weft(dir, 'validate', 'parent.weft.yaml');
    assert.equal(validate.code, 1, validate.stderr);
    assert.equal(validate.stdout, `${expected}\n`);

    const run = weft(dir, 'run', 'parent.weft.yaml', '--runs-dir', 'runs');
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stderr, `${expected}\nparent.weft.yaml: 1 error; nothing was run\n`);
    assert.equal(fs.existsSync(path.join(dir, 'runs')), false, 'no record: nothing ran');

    // The called file on its own: its error at its own line.
    const child = weft(dir, 'validate', 'child.weft.yaml');
    assert.equal(child.stdout, "child.weft.yaml:4:11: error schema: 'stub' must be true or {output, delay}\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
