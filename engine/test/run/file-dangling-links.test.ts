// `file` steps and dangling symlinks: a write or append follows a link to a file that does not exist
// yet and creates it, so a link inside the workspace root that points to a missing file (or folder)
// outside it must be refused like the outside path itself, and nothing may be created out there.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

test('file: a dangling link to a missing file or folder outside the root is refused; one inside is followed', async () => {
  const outside = tempDir('weft-outside-');
  const dir = tempDir();
  fs.symlinkSync(path.join(outside, 'written.txt'), path.join(dir, 'to-file'));
  fs.symlinkSync(path.join(outside, 'appended.txt'), path.join(dir, 'to-append'));
  fs.symlinkSync(path.join(outside, 'missing-folder'), path.join(dir, 'to-folder'));
  // A chain: an inside link to another inside link, which leads outside.
  fs.symlinkSync('to-file', path.join(dir, 'chain'));
  fs.symlinkSync('inside.txt', path.join(dir, 'to-inside'));
  fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
  fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
  const yaml = `config: { continueOnError: true }
steps:
  - id: write
    file: { action: write, path: to-file, content: x }
  - id: append
    file: { action: append, path: to-append, content: x }
  - id: folder
    file: { action: write, path: to-folder/new.txt, content: x }
  - id: chain
    file: { action: write, path: chain, content: x }
  - id: exists
    file: { action: exists, path: to-file }
  - id: inside
    file: { action: write, path: to-inside, content: kept }
  - id: loop
    file: { action: write, path: loop-a, content: x }
`;
  const { events } = await run(yaml, { dir });
  for (const id of ['write', 'append', 'folder', 'chain', 'exists']) {
    const f = finished(events, id);
    assert.equal(f.status, 'failed', `${id}: ${JSON.stringify(f)}`);
    assert.match(f.error!, /is outside the workspace root/, id);
  }
  assert.deepEqual(fs.readdirSync(outside), [], 'nothing was created outside the root');
  assert.equal(finished(events, 'inside').status, 'succeeded');
  assert.equal(fs.readFileSync(path.join(dir, 'inside.txt'), 'utf8'), 'kept');
  const loop = finished(events, 'loop');
  assert.equal(loop.status, 'failed');
  assert.doesNotMatch(loop.error!, /outside the workspace root/, 'a loop of links is refused by the system, not as outside');
  assert.deepEqual(fs.readdirSync(outside), []);
  const allowed = await run(yaml, { dir, allowOutsideRoot: true });
  assert.equal(finished(allowed.events, 'write').status, 'succeeded', '--allow-outside-root still writes through the link');
  assert.equal(fs.readFileSync(path.join(outside, 'written.txt'), 'utf8'), 'x');
});

test('file: a dangling relative link reached through a linked folder is resolved from its real folder, as the system does', async () => {
  // root/a/b/c is a link to root itself, and root/l -> ../../escape.txt. Through a/b/c, the path
  // a/b/c/l reads as if `..` climbed from root/a/b/c (to root/a), but the system resolves the link
  // from root, its real folder: two folders above the root.
  const base = tempDir('weft-escape-');
  const dir = path.join(base, 'x', 'y');
  fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
  fs.symlinkSync(dir, path.join(dir, 'a', 'b', 'c'));
  fs.symlinkSync('../../escape.txt', path.join(dir, 'l'));
  const { events } = await run(`steps:
  - id: write
    file: { action: write, path: a/b/c/l, content: x }
`, { dir });
  const f = finished(events, 'write');
  assert.equal(f.status, 'failed', JSON.stringify(f));
  assert.match(f.error!, /is outside the workspace root/);
  assert.equal(fs.existsSync(path.join(base, 'escape.txt')), false, 'nothing was created above the root');
});
