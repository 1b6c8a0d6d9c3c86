// A host that exits mid-run (`weft run`'s second Ctrl-C exits at once with 130; a script calling
// process.exit; an editor window closing) kills its step processes from its exit hook. Its record
// must say how the run ended too: every step that had not finished gets its final status and the
// record ends with run.finished, so that it reads back as a cancelled run instead of one still
// running forever (listRuns, the Runs view). Real host processes; no timing assertions.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { listRuns, readRunRecord, type RunEvent, type RunFinishedEvent } from '../../src/run/index.js';
import { finished, ROOT, tempDir } from './helpers.js';

const WORKFLOW = `steps:
  - id: stubborn
    shell: "trap '' TERM; sleep 30"
  - id: long
    shell: sleep 30
  - id: after
    needs: long
    stub: true
`;

/** Runs a host that starts the workflow and calls `onRunning` (code using `handle`) once both shells run. */
function runHost(onRunning: string): { runsDir: string; status: number | null; stderr: string } {
  const dir = tempDir();
  const file = path.join(dir, 'exit.weft.yaml');
  fs.writeFileSync(file, WORKFLOW);
  const runsDir = path.join(dir, 'runs');
  const host = path.join(dir, 'host.ts');
  fs.writeFileSync(
    host,
    `import { startRun } from ${JSON.stringify(path.join(ROOT, 'engine/src/run/index.ts'))};
    let started = 0;
    let handle: Awaited<ReturnType<typeof startRun>> | undefined;
    let fire = false;
    const go = () => { ${onRunning} };
    startRun({ file: ${JSON.stringify(file)}, runsDir: ${JSON.stringify(runsDir)}, onEvent: (e) => {
      if (e.type === 'step.started' && ++started === 2) { if (handle) go(); else fire = true; }
    } }).then((h) => { handle = h; if (fire) go(); });
    `,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', host], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { runsDir, status: r.status, stderr: r.stderr };
}

/** The one run's record, which listRuns reads as cancelled and which ends with a cancelled run.finished. */
async function record(runsDir: string): Promise<{ events: RunEvent[]; fin: RunFinishedEvent }> {
  const runs = await listRuns(runsDir);
  assert.equal(runs.length, 1);
  assert.equal(runs[0].status, 'cancelled', 'listRuns reads the run as cancelled, not running');
  const events = await readRunRecord(runsDir, runs[0].runId);
  const last = events.at(-1)!;
  assert.equal(last.type, 'run.finished');
  assert.equal(last.type === 'run.finished' && last.status, 'cancelled');
  return { events, fin: last as RunFinishedEvent };
}

test('a host that exits mid-run ends its record with a cancelled run', { timeout: 40_000, skip: process.platform === 'win32' }, async () => {
  const r = runHost('process.exit(0);');
  assert.equal(r.status, 0, r.stderr);
  const { events, fin } = await record(r.runsDir);
  assert.equal(fin.error, 'cancelled: the host process exited before the run ended');
  assert.equal(finished(events, 'stubborn').status, 'cancelled');
  assert.equal(finished(events, 'long').status, 'cancelled');
  assert.equal(finished(events, 'after').status, 'skipped');
});

test('a host that exits after cancelling, before its processes have ended, ends its record too', { timeout: 40_000, skip: process.platform === 'win32' }, async () => {
  // `weft run`'s second Ctrl-C: the first cancelled the run, which waits for the shell that ignores
  // SIGTERM; the second exits at once.
  const r = runHost('handle!.cancel(); setTimeout(() => process.exit(130), 100);');
  assert.equal(r.status, 130, r.stderr);
  const { events, fin } = await record(r.runsDir);
  assert.equal(events.filter((e) => e.type === 'run.finished').length, 1);
  // Said as when no cancel was under way (it was 'cancelled; the host ...', with a semicolon).
  assert.equal(fin.error, 'cancelled: the host process exited before the run ended');
  assert.equal(finished(events, 'stubborn').status, 'cancelled');
});
