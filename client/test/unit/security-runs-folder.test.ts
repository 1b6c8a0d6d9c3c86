// A workspace's `.weft/runs` comes with the workspace, an untrusted one too (a cloned repository, an
// unpacked archive), and the Runs view reads it as soon as the extension starts. What is there may be
// anything: a named pipe where a record or a step's output file goes, or a link to /dev/zero. Opening
// a pipe waits for a writer (on the extension host's one thread: every extension froze) and
// /dev/zero never ends. These tests put a pipe there and watch whether the reader opens it: a writer's
// open of a pipe comes back only once a reader has opened it, so no clock decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { outputPath } from '../../../engine/src/run/records.js';
import { readStepOutput } from '../../src/engine-bridge.js';

function tmpDir(t: { after(fn: () => void): void }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-security-runs-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Whether the pipe at `fifo` was opened by a reader before `done` settled. The test's own writer
 * opens it (that open waits for a reader) and, if it comes back first, writes `feed` and closes, so
 * a reader that did open it reads that and ends. Otherwise the test opens the pipe for reading itself
 * (non-blocking), which lets its writer's open come back, after `done`.
 */
async function openedBefore(fifo: string, done: Promise<unknown>, feed = ''): Promise<boolean> {
  let settled = false;
  let opened = false;
  const writer = fs.promises.open(fifo, 'w').then(async (fh) => {
    opened = !settled;
    if (opened && feed) await fh.write(feed);
    await fh.close();
  });
  await done.finally(() => { settled = true; });
  if (!opened) {
    const fd = fs.openSync(fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    await writer;
    fs.closeSync(fd);
  } else await writer;
  return opened;
}

test('a named pipe in .weft/runs is never opened as a run record (its open blocked the extension host)', async (t) => {
  const runsDir = tmpDir(t);
  const fifo = path.join(runsDir, '20260101T000000-abcd.jsonl');
  execFileSync('mkfifo', [fifo]);
  // readRecordTail is synchronous (as the Runs view calls it): it runs in a process of its own, so a
  // blocked open blocks that process and not this test.
  const source = path.resolve(__dirname, '../../src/runs/record-tail.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', '-e',
    `const { readRecordTail } = require(${JSON.stringify(source)}); process.stdout.write(JSON.stringify(readRecordTail(${JSON.stringify(fifo)}, 0) ?? null));`,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => { out += d; });
  const exited = once(child, 'exit');
  const opened = await openedBefore(fifo, exited);
  assert.equal(opened, false, 'the record reader opened the named pipe');
  assert.equal((await exited)[0], 0);
  assert.equal(out, 'null', 'a pipe is no record: nothing read');
});

test('a named pipe in place of a step output file is never opened by Show Step Output', async (t) => {
  const runsDir = tmpDir(t);
  const file = outputPath(runsDir, 'R1', 'fetch');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  execFileSync('mkfifo', [file]);
  const reading = readStepOutput(runsDir, 'R1', 'fetch');
  const opened = await openedBefore(file, reading, JSON.stringify({ path: 'fetch', output: 'from the pipe' }));
  assert.equal(opened, false, 'the output reader opened the named pipe');
  assert.equal(await reading, undefined);
});

test('a regular output file is read as before', async (t) => {
  const runsDir = tmpDir(t);
  const file = outputPath(runsDir, 'R1', 'fetch');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ path: 'fetch', kind: 'shell', status: 'succeeded', output: 'hi' }));
  assert.deepEqual(await readStepOutput(runsDir, 'R1', 'fetch'), { path: 'fetch', kind: 'shell', status: 'succeeded', output: 'hi' });
});
