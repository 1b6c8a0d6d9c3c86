// Clear Runs (allowed in Restricted Mode) and the pruning past weft.runs.keep delete a run's record
// and outputs folder by its id, which is a file name in the workspace's `.weft/runs`. A planted
// `..jsonl` or `...jsonl` gave the id `..` or `.`, and the delete took `.weft` or the runs folder
// with it (found by the secure-by-default audit). Such names are not runs: nothing is deleted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deleteRecord } from '../../src/runs/delete-record.js';

test('deleteRecord removes a run record and its outputs, and nothing for the ids "." and ".."', (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-clear-runs-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const weft = path.join(root, '.weft');
  const runs = path.join(weft, 'runs');
  fs.mkdirSync(path.join(runs, 'r1', 'outputs'), { recursive: true });
  fs.writeFileSync(path.join(runs, 'r1.jsonl'), '{}\n');
  fs.writeFileSync(path.join(runs, 'keep.jsonl'), '{}\n');
  fs.writeFileSync(path.join(weft, 'other'), 'kept');
  for (const id of ['..', '.', '']) deleteRecord(runs, id);
  assert.ok(fs.existsSync(path.join(weft, 'other')), '.weft is still there');
  assert.ok(fs.existsSync(path.join(runs, 'keep.jsonl')), 'the runs folder is still there');
  deleteRecord(runs, 'r1');
  assert.deepEqual(fs.readdirSync(runs), ['keep.jsonl']);
});
