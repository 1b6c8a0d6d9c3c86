// writerState tells a reader what it can know of a record's writer: the Runs view's Clear Finished
// keeps a terminal run whose writer is 'alive' however long its record has been quiet, and falls
// back to the record's age only for 'unknown' (docs/engine.md, Records). A real child process
// stands in for a terminal's `weft run`: alive while it runs, gone once it has exited.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as os from 'node:os';
import { test } from 'node:test';
import { markOpen, writerState } from '../../src/run/record-writer.js';

test('a writer process on this host is alive while it runs and gone after it exits', { skip: process.platform === 'win32' }, async () => {
  const ts = Date.now() - 1000;
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  try {
    assert.equal(writerState({ runId: 'r1', ts, host: os.hostname(), pid: child.pid }), 'alive');
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  assert.equal(writerState({ runId: 'r1', ts, host: os.hostname(), pid: child.pid }), 'gone');
});

test("this process's own record is alive while open, gone once closed", () => {
  const started = { runId: 'writer-state-own', ts: Date.now(), host: os.hostname(), pid: process.pid };
  markOpen(started.runId, true);
  try {
    assert.equal(writerState(started), 'alive');
  } finally {
    markOpen(started.runId, false);
  }
  assert.equal(writerState(started), 'gone');
});

test('a writer that cannot be checked is unknown: another host, no pid, a bad pid', () => {
  const ts = Date.now();
  assert.equal(writerState({ runId: 'r', ts, host: `not-${os.hostname()}`, pid: process.pid }), 'unknown');
  assert.equal(writerState({ runId: 'r', ts }), 'unknown');
  assert.equal(writerState({ runId: 'r', ts, host: os.hostname(), pid: -1 }), 'unknown');
  assert.equal(writerState({ runId: 'r', ts, host: os.hostname(), pid: '12' }), 'unknown');
});
