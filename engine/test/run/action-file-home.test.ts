// A file step's path that starts with `~/` (or is `~`) is in the home folder, as the shell, GitHub
// Actions' path inputs (actions/cache, upload-artifact) and every step beside it read it. It was
// joined to the workflow's folder as a folder named '~': `write ~/notes.txt` created
// '<workflow folder>/~/notes.txt' and `exists ~/.bashrc` said false. The root rule still applies: the
// home folder is outside the workspace, so such a path needs --allow-outside-root, and the refusal
// names the folder it leads to. A '~' elsewhere in a name ('a~/b', '~user') is a plain character.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

test('file: ~/ is the home folder', async () => {
  const home = tempDir('weft-home-');
  fs.writeFileSync(path.join(home, '.profile'), 'hi');
  const yaml = `steps:
  - id: w
    file: {action: write, path: "~/notes.txt", content: saved}
  - id: r
    file: {action: read, path: "\${steps.w.output}"}
  - id: ex
    file: {action: exists, path: ~/.profile}
  - id: plain
    file: {action: write, path: "a~/b.txt", content: x}
`;
  const { events, fin, dir } = await run(yaml, { allowOutsideRoot: true, env: { ...process.env, HOME: home } });
  assert.equal(fin.status, 'succeeded');
  assert.equal(fs.readFileSync(path.join(home, 'notes.txt'), 'utf8'), 'saved');
  assert.equal(fs.existsSync(path.join(dir, '~')), false);
  assert.equal(finished(events, 'w').output, '~/notes.txt');
  assert.equal(finished(events, 'r').output, 'saved');
  assert.equal(String(finished(events, 'ex').output), 'true');
  assert.equal(fs.readFileSync(path.join(dir, 'a~', 'b.txt'), 'utf8'), 'x');
});

test('file: ~/ outside the workspace root is refused, naming where it leads', async () => {
  const home = tempDir('weft-home-');
  const { events, fin, dir } = await run(`steps:\n  - id: w\n    file: {action: write, path: ~/notes.txt, content: x}\n`, { env: { ...process.env, HOME: home } });
  assert.equal(fin.status, 'failed');
  assert.equal(finished(events, 'w').error, `file: '${path.join(home, 'notes.txt')}' is outside the workspace root '${dir}' (use --allow-outside-root to allow it)`);
  assert.equal(fs.existsSync(path.join(dir, '~')), false);
});
