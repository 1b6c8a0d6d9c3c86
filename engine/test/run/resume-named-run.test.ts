// The run `--resume` names, when it cannot be resumed. An empty name (`--resume "$RUN_ID"` with the
// variable unset in CI) ran the whole workflow again as a new run, without a word. A record whose
// first line cannot be read (cut or overwritten) was reported as no run at all ("no run 'X'"),
// while its file is right there in the runs folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listRuns, ResumeError } from '../../src/run/index.js';
import { run, tempDir } from './helpers.js';

const yaml = `steps:
  - id: a
    shell: echo a >> log
`;

test('an empty run id to resume is refused, and nothing runs', async () => {
  const dir = tempDir();
  const first = await run(yaml, { dir });
  await assert.rejects(run(yaml, { dir, resume: '' }), (e: Error) => e instanceof ResumeError && e.message === `no run '' in ${first.runsDir}`);
  assert.equal(fs.readFileSync(path.join(dir, 'log'), 'utf8'), 'a\n');
});

test('a record whose first line is unreadable is named as such, not as no run', async () => {
  const dir = tempDir();
  const first = await run(yaml, { dir });
  const file = path.join(first.runsDir, `${first.fin.runId}.jsonl`);
  fs.writeFileSync(file, 'garbage' + fs.readFileSync(file, 'utf8'));
  await assert.rejects(
    run(yaml, { dir, resume: first.fin.runId }),
    (e: Error) => e instanceof ResumeError && e.reason === 'not-found' && e.message === `run '${first.fin.runId}' in ${first.runsDir} cannot be resumed: its record does not begin with the run's start (run.started)`,
  );
  assert.equal(fs.readFileSync(path.join(dir, 'log'), 'utf8'), 'a\n');
});

test("a record named '..jsonl' is no run: '--resume ..' does not reuse the outputs above the runs folder", async () => {
  const dir = tempDir();
  const first = await run(yaml, { dir });
  fs.copyFileSync(path.join(first.runsDir, `${first.fin.runId}.jsonl`), path.join(first.runsDir, '...jsonl'));
  fs.cpSync(path.join(first.runsDir, first.fin.runId, 'outputs'), path.join(first.runsDir, '..', 'outputs'), { recursive: true });
  await assert.rejects(run(yaml, { dir, resume: '..' }), (e: Error) => e instanceof ResumeError && e.message === `no run '..' in ${first.runsDir}`);
  assert.deepEqual((await listRuns(first.runsDir)).map((r) => r.runId), [first.fin.runId]);
});
