// `listRuns` is newest first, and `--resume last` and the recorded durations take its first run of
// the file. Run ids name the second a run started and 4 random hex digits, so two runs started in
// the same second sorted by id came in a random order: a script that runs a workflow, then
// `--resume last` twice within a second, could resume the first run instead of the second.
// Runs are ordered by their start (run.started's ts, in ms), then by id.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { listRuns } from '../../src/run/index.js';
import { run, tempDir } from './helpers.js';

function fakeRecord(dir: string, runId: string, ts: number): void {
  const started = { type: 'run.started', runId, ts, workflow: 'w', file: '/w.weft.yaml', inputs: {}, plan: [] };
  const fin = { type: 'run.finished', runId, ts: ts + 5, status: 'succeeded', durationMs: 5, counts: {}, outputs: {} };
  fs.writeFileSync(path.join(dir, `${runId}.jsonl`), `${JSON.stringify(started)}\n${JSON.stringify(fin)}\n`);
}

test('listRuns puts the run that started last first, also within one second', async () => {
  const dir = tempDir();
  fakeRecord(dir, '20260101T000000-ffff', 1_767_225_600_100);
  fakeRecord(dir, '20260101T000000-0000', 1_767_225_600_900);
  fakeRecord(dir, '20251231T235959-aaaa', 1_767_225_599_500);
  assert.deepEqual(
    (await listRuns(dir)).map((r) => r.runId),
    ['20260101T000000-0000', '20260101T000000-ffff', '20251231T235959-aaaa'],
  );
});

test('--resume last resumes the run that started last, whatever its id\'s random part', async () => {
  const yaml = `steps:
  - id: s
    stub: { output: x }
`;
  const first = await run(yaml);
  const second = await run(yaml, { dir: first.dir, runsDir: first.runsDir });
  // The same second, with the later run's random part sorting first.
  const rename = (from: string, to: string) => {
    fs.renameSync(path.join(first.runsDir, `${from}.jsonl`), path.join(first.runsDir, `${to}.jsonl`));
    fs.renameSync(path.join(first.runsDir, from), path.join(first.runsDir, to));
  };
  rename(first.handle.runId, '20260101T000000-ffff');
  rename(second.handle.runId, '20260101T000000-0000');
  const third = await run(yaml, { dir: first.dir, runsDir: first.runsDir, resume: 'last' });
  const started = third.events[0];
  assert.equal(started.type === 'run.started' && started.resumedFrom, '20260101T000000-0000');
});
