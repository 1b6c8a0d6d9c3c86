// `file` steps given odd paths: a path that ends in '/' names a folder, as it does for the system
// (`cat a.txt/` says "Not a directory"), so a write to `out/` must not create a file named `out`
// and a read of `a.txt/` must not read a.txt; a folder, a file used as a folder and a NUL in the
// path fail with messages in the step's terms.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

test('file: a path ending in / names a folder; folders, files used as folders and NUL are said plainly', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(path.join(dir, 'data', 'a.txt'), 'hi');
  const yaml = `config: { continueOnError: true }
steps:
  - id: writeSlash
    file: { action: write, path: "data/new/", content: x }
  - id: appendSlash
    file: { action: append, path: "data/more/", content: x }
  - id: readSlash
    file: { action: read, path: "data/a.txt/" }
  - id: existsSlash
    file: { action: exists, path: "data/a.txt/" }
  - id: existsFolder
    file: { action: exists, path: "data/" }
  - id: listFolder
    file: { action: list, path: "data/" }
  - id: readFolder
    file: { action: read, path: data }
  - id: underFile
    file: { action: write, path: data/a.txt/sub, content: x }
  - id: listFile
    file: { action: list, path: data/a.txt }
  - id: nul
    file: { action: read, path: "data/a\\0b" }
`;
  const { events } = await run(yaml, { dir });
  const error = (p: string) => finished(events, p).error;
  assert.match(error('writeSlash')!, /^file: write 'data\/new\/': the path ends in '\/', so it names a folder, not a file$/);
  assert.equal(fs.existsSync(path.join(dir, 'data', 'new')), false, 'no file named new was created');
  assert.match(error('appendSlash')!, /^file: append 'data\/more\/': the path ends in '\/'/);
  assert.equal(fs.existsSync(path.join(dir, 'data', 'more')), false);
  assert.match(error('readSlash')!, /^file: read 'data\/a\.txt\/': a part of the path is a file, not a folder$/);
  assert.equal(finished(events, 'existsSlash').output, 'false', 'a.txt/ does not exist: a.txt is a file');
  assert.equal(finished(events, 'existsFolder').output, 'true');
  assert.equal(finished(events, 'listFolder').output, '["a.txt"]');
  assert.equal(error('readFolder'), "file: read 'data': it is a folder (list it instead)");
  assert.equal(error('underFile'), "file: write 'data/a.txt/sub': a part of the path is a file, not a folder");
  assert.equal(error('listFile'), "file: list 'data/a.txt': it is a file, not a folder");
  assert.equal(error('nul'), "file: read 'data/a\\u0000b': the path holds a NUL character, which no file name can");
});
