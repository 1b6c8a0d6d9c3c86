// Backs docs/engine.md (shell): a `cwd` that names a file, or runs through one, failed with "the
// folder 'x' (cwd) does not exist" though it exists. The message now says what the path is, in
// the words a `file` step uses for the same paths; a missing folder keeps its message. A symbolic
// link loop was said not to exist; its message now says what it is (folder-problem.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

test('shell: a cwd that is a file, runs through one, or is a symbolic link loop, says so', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
  fs.symlinkSync('round', path.join(dir, 'round'));
  const r = await run(
    [
      'config: { continueOnError: true }',
      'steps:',
      '  - { id: file, shell: { run: pwd, cwd: notes.txt } }',
      '  - { id: through, shell: { run: pwd, cwd: notes.txt/sub } }',
      '  - { id: missing, shell: { run: pwd, cwd: nowhere } }',
      '  - { id: loop, shell: { run: pwd, cwd: round } }',
      '',
    ].join('\n'),
    { dir },
  );
  assert.equal(finished(r.events, 'file').error, "shell: the cwd 'notes.txt' is a file, not a folder");
  assert.equal(finished(r.events, 'through').error, "shell: the cwd 'notes.txt/sub' cannot be a folder: a part of its path is a file, not a folder");
  assert.equal(finished(r.events, 'missing').error, "shell: the folder 'nowhere' (cwd) does not exist");
  // It said "does not exist" of a symbolic link that points at itself.
  assert.equal(finished(r.events, 'loop').error, "shell: the cwd 'round' cannot be a folder: its symbolic links go round in a loop");
});
