// Spec conformance, interfaces.md (Event stream, Command line): "Every run ... writes its events to
// `<runs-dir>/<runId>.jsonl` (default runs-dir: ... the current directory for the command line)";
// `--runs-dir DIR`; exit code 0 for a run that succeeded, 1 for one that failed. `weft run` is
// started in one folder with the workflow in another, so "the current directory" and "the
// workflow's folder" differ.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { tempDir, weftIn } from '../run/helpers.js';

const records = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : []);

test('weft run writes its record under .weft/runs of the current directory, or --runs-dir (relative to it)', { timeout: 120_000 }, () => {
  const root = tempDir('weft-spec-cli-');
  const wf = path.join(root, 'flows');
  const cwd = path.join(root, 'here');
  fs.mkdirSync(wf);
  fs.mkdirSync(cwd);
  fs.writeFileSync(path.join(wf, 'ok.weft.yaml'), 'steps:\n  - { id: a, shell: "echo hi" }\n');
  fs.writeFileSync(path.join(wf, 'bad.weft.yaml'), 'steps:\n  - { id: a, shell: "exit 3" }\n');

  const ok = weftIn(cwd, 'run', '../flows/ok.weft.yaml');
  assert.equal(ok.code, 0, ok.stderr);
  const [rec] = records(path.join(cwd, '.weft', 'runs'));
  assert.ok(rec, 'a record in the current directory');
  assert.deepEqual(records(path.join(wf, '.weft', 'runs')), [], 'none beside the workflow');
  const lines = fs.readFileSync(path.join(cwd, '.weft', 'runs', rec), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  assert.equal(lines[0].type, 'run.started');
  assert.equal(`${lines[0].runId}.jsonl`, rec);
  assert.equal(lines.at(-1).type, 'run.finished');
  assert.ok(fs.existsSync(path.join(cwd, '.weft', 'runs', lines[0].runId, 'outputs')), 'full outputs beside the record');

  const bad = weftIn(cwd, 'run', '../flows/bad.weft.yaml', '--runs-dir', 'elsewhere');
  assert.equal(bad.code, 1, bad.stderr);
  assert.equal(records(path.join(cwd, 'elsewhere')).length, 1);
  assert.equal(records(path.join(cwd, '.weft', 'runs')).length, 1, 'the default folder is not used then');
});
