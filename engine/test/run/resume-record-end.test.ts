// A run's record must end with its run.finished also when its host exits (`weft run`'s second
// Ctrl-C, an editor window closing) after the last step finished but before the run ended: while it
// ends what the steps left running in the background, which takes up to the kill grace. The exit
// hook was unhooked once the steps were done, before that wait, so such a record had no end (read
// back as an interrupted, cancelled run, to be resumed) although every step had succeeded (found by
// the resume differential hunt: a double SIGINT). Real host process; no timing assertions.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { listRuns, readRunRecord } from '../../src/run/index.js';
import { finished, hostScript, ROOT, tempDir } from './helpers.js';

// The step leaves a process that ignores SIGTERM: the run waits for it after the step has finished.
const WORKFLOW = `steps:
  - id: spawner
    shell: "(trap '' TERM; sleep 30) > /dev/null 2>&1 & echo started"
`;

test('a host that exits while the run ends its leftover processes still ends the record', { timeout: 40_000, skip: process.platform === 'win32' }, async () => {
  const dir = tempDir();
  const file = path.join(dir, 'exit.weft.yaml');
  fs.writeFileSync(file, WORKFLOW);
  const runsDir = path.join(dir, 'runs');
  const host = hostScript(dir, file, "if (e.type === 'step.finished' && e.path === 'spawner') setImmediate(() => process.exit(0));");
  const r = spawnSync(process.execPath, ['--import', 'tsx', host], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  const runs = await listRuns(runsDir);
  assert.equal(runs.length, 1);
  const events = await readRunRecord(runsDir, runs[0].runId);
  assert.equal(finished(events, 'spawner').status, 'succeeded');
  const ends = events.filter((e) => e.type === 'run.finished');
  assert.equal(ends.length, 1, 'the record ends with one run.finished');
  assert.equal(events.at(-1)?.type, 'run.finished');
  assert.equal(ends[0]!.type === 'run.finished' && ends[0]!.status, 'succeeded', 'its steps all succeeded: so did the run');
  assert.equal(runs[0].status, 'succeeded');
});
