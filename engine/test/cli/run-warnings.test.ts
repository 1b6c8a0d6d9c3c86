// `weft run` prints the file's warnings (compiler-style lines on stderr, before the run) as `weft
// plan` and `weft graph` do. It printed none: a `file-race` (two steps that may write one file at
// once), the warning about what a run does, was shown by every command but the one that runs.
// With --json stdout stays the event stream alone.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { tempDir, weftIn as weft } from '../run/helpers.js';

const WORKFLOW = `steps:
  - { id: one, file: { action: write, path: out.txt, content: a } }
  - { id: two, file: { action: write, path: out.txt, content: b } }
`;

test('weft run prints warnings on stderr before running, as weft plan does', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), WORKFLOW);
  const plan = weft(dir, 'plan', 'wf.weft.yaml');
  const warnings = plan.stderr.split('\n').filter((l) => l.includes(' warning file-race: '));
  assert.equal(warnings.length, 2, plan.stderr);
  const run = weft(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs');
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(run.stderr.split('\n').filter((l) => l.includes(' warning ')), warnings);
  const json = weft(dir, 'run', 'wf.weft.yaml', '--json', '--runs-dir', 'runs');
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(json.stderr.split('\n').filter((l) => l.includes(' warning ')), warnings);
  for (const line of json.stdout.trim().split('\n')) assert.ok(JSON.parse(line).type, line);
  assert.ok(fs.existsSync(path.join(dir, 'out.txt')));
});
