// RunOptions.readCalledFile: a caller (the VS Code extension) gives the text of the files a workflow
// calls, an editor's unsaved text, and the run takes it at every depth; a file it has no text for
// is read from disk, and the text given is checked as a file on disk is (its errors refuse the run).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { WorkflowInvalidError } from '../../src/run/start-run.js';
import { finished, run, tempDir } from './helpers.js';

const callOf = (p: string, id = 'call') => `  - id: ${id}\n    workflow: { path: ${p} }\n`;
const echo = (word: string) => `steps:\n  - id: say\n    shell: echo ${word}\n`;

function files(): string {
  const dir = tempDir('weft-called-text-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), `steps:\n${callOf('./grand.weft.yaml', 'deeper')}  - id: say\n    shell: echo child-on-disk\n`);
  fs.writeFileSync(path.join(dir, 'grand.weft.yaml'), echo('grand-on-disk'));
  return dir;
}

test('the text given for a called file runs, at any depth; a file without one is read from disk', async () => {
  const dir = files();
  const asked: string[] = [];
  const r = await run(`steps:\n${callOf('./child.weft.yaml')}`, {
    dir,
    readCalledFile: (p) => {
      asked.push(path.basename(p));
      return p === path.join(dir, 'grand.weft.yaml') ? echo('grand-from-editor') : undefined;
    },
  });
  assert.equal(r.fin.status, 'succeeded');
  assert.equal(finished(r.events, 'call/say').output, 'child-on-disk');
  assert.equal(finished(r.events, 'call/deeper/say').output, 'grand-from-editor');
  assert.ok(asked.includes('child.weft.yaml') && asked.includes('grand.weft.yaml'), `asked for ${asked.join(', ')}`);
});

test('without the option the files are read from disk', async () => {
  const r = await run(`steps:\n${callOf('./child.weft.yaml')}`, { dir: files() });
  assert.equal(finished(r.events, 'call/deeper/say').output, 'grand-on-disk');
});

test('errors in a text given refuse the run, in that file, as they would on disk', async () => {
  const dir = files();
  const grand = path.join(dir, 'grand.weft.yaml');
  await assert.rejects(
    run(`steps:\n${callOf('./child.weft.yaml')}`, { dir, readCalledFile: (p) => (p === grand ? 'steps:\n  - id: say\n    shell: echo ${steps.nope.output}\n' : undefined) }),
    // As on disk: the call is what cannot run, and the message names the called file's error.
    (e: unknown) => e instanceof WorkflowInvalidError && /'\.\/grand\.weft\.yaml' has an error, so this workflow cannot run: line 3: unknown step 'nope'/.test(e.message),
  );
});
