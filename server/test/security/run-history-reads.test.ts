// Hover and completion read the last run of a workflow from the runs folder, which holds the records
// of every workflow of the workspace. Each record was read whole (up to 256 MB) before its first line
// said whose it was, and while a terminal run writes, the cache key changes with every write: a hover
// could read up to 50 other workflows' records again (found by the secure-by-default audit). Only a
// record's first line is read until it is known to be this workflow's. Counted in bytes read, in this
// process: no clock decides.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunHistory } from '../../src/run-history.js';

test("lastRun reads only the first line of another workflow's record", (t) => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-run-history-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  const runs = path.join(root, '.weft', 'runs');
  fs.mkdirSync(runs, { recursive: true });
  const mine = path.join(root, 'mine.weft.yaml');
  const other = path.join(root, 'other.weft.yaml');
  const started = (file: string, runId: string) => JSON.stringify({ type: 'run.started', runId, ts: 1, file, workflow: 'w' });
  const finished = (runId: string, p: string, output: string) => JSON.stringify({ type: 'step.finished', runId, ts: 2, path: p, status: 'succeeded', output });
  fs.writeFileSync(path.join(runs, 'a.jsonl'), [started(mine, 'a'), finished('a', 's', 'mine'), ''].join('\n'));
  // Another workflow's record, 8 MB, written after mine (so it is newer and read first).
  const big = finished('b', 's', 'x'.repeat(1024 * 1024));
  fs.writeFileSync(path.join(runs, 'b.jsonl'), [started(other, 'b'), ...Array(8).fill(big), ''].join('\n'));
  const later = new Date(Date.now() + 10_000);
  fs.utimesSync(path.join(runs, 'b.jsonl'), later, later);

  const readSync = fs.readSync;
  let bytes = 0;
  fs.readSync = ((...args: Parameters<typeof fs.readSync>) => {
    const n = (readSync as (...a: unknown[]) => number)(...args);
    bytes += n;
    return n;
  }) as typeof fs.readSync;
  try {
    const run = new RunHistory().lastRun(mine);
    assert.equal(run?.runId, 'a');
    assert.equal(run?.steps.get('s')?.preview, 'mine');
  } finally {
    fs.readSync = readSync;
  }
  assert.ok(bytes < 1024 * 1024, `read ${bytes} bytes; the other workflow's record is ${8 * big.length}`);
});
