// Backs docs/engine.md (Records): a record without run.finished whose writer is gone reads as ended.
// The real `weft run` is listed `running` while it lives, then killed with SIGKILL: listRuns must
// say `cancelled` with the note, not `running` forever. Hand-made records cover what cannot be
// staged with a kill: this process's own closed record, a pid given to a later process, another
// host, and a record with no writer fields (older records), which stay `running`.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { listRuns } from '../../src/run/index.js';
import { WRITER_GONE } from '../../src/run/record-writer.js';
import { sleep, tempDir, WEFT_SOURCE_ARGS } from './helpers.js';
import { expectCleanedUp } from './watchdogs.js';

test('a weft run killed with SIGKILL is listed running while alive, then cancelled with a note', { skip: process.platform === 'win32' }, async () => {
  const dir = tempDir();
  const file = path.join(dir, 'long.weft.yaml');
  fs.writeFileSync(file, 'steps:\n  - id: wait\n    shell: sleep 60\n');
  const runsDir = path.join(dir, 'runs');
  const child = spawn(process.execPath, [...WEFT_SOURCE_ARGS, 'run', file, '--runs-dir', runsDir], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    const started = () => {
      const name = fs.existsSync(runsDir) ? fs.readdirSync(runsDir).find((f) => f.endsWith('.jsonl')) : undefined;
      return name !== undefined && fs.readFileSync(path.join(runsDir, name), 'utf8').includes('"step.started"');
    };
    // Bounded: 30 s for the CLI to start (tsx compiles it) and start its step.
    for (let i = 0; i < 1500 && !started() && child.exitCode === null; i++) await sleep(20);
    assert.ok(started(), `the run's step did not start: ${stderr}`);
    const live = await listRuns(runsDir);
    assert.equal(live.length, 1);
    assert.equal(live[0]!.status, 'running', 'a live run in another process is not marked ended');
    assert.equal(live[0]!.interrupted, undefined);
    child.kill('SIGKILL');
    await exited;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await expectCleanedUp(child.pid!, [], 'the watchdog ends the killed host\'s step');
  const [after] = await listRuns(runsDir);
  assert.equal(after!.status, 'cancelled', 'the killed run is no longer running');
  assert.equal(after!.interrupted, true);
  assert.equal(after!.error, WRITER_GONE);
});

/** A record of one run.started line with these writer fields. */
function record(runsDir: string, runId: string, fields: Record<string, unknown>, ts = Date.now()): void {
  fs.mkdirSync(runsDir, { recursive: true });
  const started = { type: 'run.started', runId, ts, workflow: 'w', file: '/x/w.weft.yaml', inputs: {}, plan: [], ...fields };
  fs.writeFileSync(path.join(runsDir, `${runId}.jsonl`), JSON.stringify(started) + '\n');
}

test('hand-made records: own closed record and a reused pid read as ended; another host and no fields stay running', async () => {
  const runsDir = path.join(tempDir(), 'runs');
  const host = os.hostname();
  record(runsDir, '20250101T000001-0001', { host, pid: process.pid }); // this process, not open here
  record(runsDir, '20250101T000002-0002', { host, pid: process.ppid }, 0); // a live pid that started after ts 0
  record(runsDir, '20250101T000003-0003', { host, pid: process.ppid }, Date.now() + 60_000); // live, started before
  record(runsDir, '20250101T000004-0004', { host: `${host}-elsewhere`, pid: 999_999 });
  record(runsDir, '20250101T000005-0005', {});
  const byId = new Map((await listRuns(runsDir)).map((r) => [r.runId.slice(-4), r]));
  assert.equal(byId.get('0001')!.status, 'cancelled', 'this process wrote it and has no open writer for it');
  assert.equal(byId.get('0001')!.error, WRITER_GONE);
  if (process.platform === 'linux') assert.equal(byId.get('0002')!.status, 'cancelled', 'the pid belongs to a process that started after the run');
  assert.equal(byId.get('0003')!.status, 'running', 'its writer may be that live process');
  assert.equal(byId.get('0004')!.status, 'running', 'another host: cannot be known');
  assert.equal(byId.get('0005')!.status, 'running', 'a record without writer fields: cannot be known');
});
