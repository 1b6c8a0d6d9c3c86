// `weft run --root DIR` names the folder that file steps stay inside. A folder that does not exist,
// or a file, was taken as given: the run started, its shell steps ran, and every file step failed
// with "is outside the workspace root '/typo'". It is wrong usage now (exit code 2), refused
// before anything runs, as a workflow file that cannot be read is.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { tempDir, weftIn as weft } from '../run/helpers.js';

test('weft run --root that is missing, a file or a symbolic link loop: exit 2, nothing run', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), 'steps:\n  - { id: mark, shell: touch ran }\n  - { id: w, file: { action: write, path: out.txt, content: x } }\n');
  const missing = weft(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs', '--root', 'nowhere');
  assert.equal(missing.code, 2, missing.stderr);
  assert.equal(missing.stderr, "weft run: --root 'nowhere' is not a folder: it does not exist\n");
  const file = weft(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs', '--root', 'wf.weft.yaml');
  assert.equal(file.code, 2, file.stderr);
  assert.equal(file.stderr, "weft run: --root 'wf.weft.yaml' is not a folder: it is a file\n");
  fs.symlinkSync('round', path.join(dir, 'round'));
  const loop = weft(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs', '--root', 'round');
  assert.equal(loop.code, 2, loop.stderr);
  assert.equal(loop.stderr, "weft run: --root 'round' is not a folder: its symbolic links go round in a loop\n");
  assert.equal(fs.existsSync(path.join(dir, 'ran')), false, 'no step ran');
  assert.equal(fs.existsSync(path.join(dir, 'runs')), false, 'no record was written');
  const ok = weft(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs', '--root', '.');
  assert.equal(ok.code, 0, ok.stderr);
});
