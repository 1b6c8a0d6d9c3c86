// The Runs view follows a terminal run's record by reading what was appended (record-tail.ts). It
// read the whole file on every watcher event and poll: quadratic for a step of huge output (a ~20 MB
// record stalled the extension host for over a second at a time in code-server), and a record over
// 2 GiB could not be read at all, so its run stopped updating (read on past 2 GiB) or never showed (a
// first read from the start). A sparse file stands in for that record.
import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_LINE, readRecordTail, type RecordTail } from '../../src/runs/record-tail.js';

function tmpFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-record-tail-'));
  return path.join(dir, 'run.jsonl');
}

test('gives the whole lines appended since the offset, and where to go on from', (t) => {
  const file = tmpFile();
  t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  fs.writeFileSync(file, '{"a":1}\n{"b":');
  const first = readRecordTail(file, 0);
  assert.deepEqual(first, { text: '{"a":1}\n', end: 8, mtimeMs: fs.statSync(file).mtimeMs, more: true, skipped: 0 });
  assert.equal(readRecordTail(file, first!.end), undefined, 'a half-written line waits');
  fs.appendFileSync(file, '2}\n{"c":3}\n');
  assert.deepEqual(readRecordTail(file, first!.end), { text: '{"b":2}\n{"c":3}\n', end: 24, mtimeMs: fs.statSync(file).mtimeMs, more: false, skipped: 0 });
  assert.equal(readRecordTail(file, 24), undefined, 'nothing new');
});

test('reads a record grown past 2 GiB from where it left off', (t) => {
  const file = tmpFile();
  t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  const big = 2 ** 31 + 4096; // sparse: takes no disk
  fs.writeFileSync(file, '');
  fs.truncateSync(file, big);
  fs.appendFileSync(file, '\n{"type":"run.finished"}\n');
  assert.deepEqual(readRecordTail(file, big + 1), { text: '{"type":"run.finished"}\n', end: big + 25, mtimeMs: fs.statSync(file).mtimeMs, more: false, skipped: 0 });
});

/** Every read from `offset` while there is more, as the Runs view reads (run-store.ts readRecord). */
function readAll(file: string, offset: number, window?: number): RecordTail[] {
  const reads: RecordTail[] = [];
  for (let t = readRecordTail(file, offset, window); t; t = t.more ? readRecordTail(file, t.end, window) : undefined) reads.push(t);
  return reads;
}

test('reads a window at a time, and a line longer than the window whole', (t) => {
  const file = tmpFile();
  t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  const long = `{"output":"${'x'.repeat(40)}"}`;
  fs.writeFileSync(file, `{"a":1}\n{"b":2}\n${long}\n{"c":3}\n{"d":`);
  const reads = readAll(file, 0, 10);
  // The window doubles until the long line fits (80 bytes, which take the next line too).
  assert.deepEqual(reads.map((r) => r.text), ['{"a":1}\n', '{"b":2}\n', `${long}\n{"c":3}\n`]);
  assert.deepEqual(reads.map((r) => r.more), [true, true, true], 'the half-written last line is more, read once it ends');
  assert.equal(reads.at(-1)!.end, fs.statSync(file).size - '{"d":'.length);
});

test('reads a record over 2 GiB from its start: its events, with a line too long to read passed over', (t) => {
  const file = tmpFile();
  t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  const big = 2 ** 31 + 4096; // sparse: takes no disk; the zeros are one line longer than MAX_LINE
  fs.writeFileSync(file, '{"type":"run.started"}\n');
  fs.truncateSync(file, big);
  fs.appendFileSync(file, '\n{"type":"run.finished"}\n');
  const reads = readAll(file, 0);
  assert.equal(reads.map((r) => r.text).join(''), '{"type":"run.started"}\n{"type":"run.finished"}\n');
  assert.deepEqual(reads.map((r) => r.skipped > MAX_LINE), [false, true, false]);
  assert.equal(reads.at(-1)!.end, big + 25);
});

test('a record shorter than its stat said (truncated between the two) ends the read; it read the same bytes forever', (t) => {
  const file = tmpFile();
  t.after(() => fs.rmSync(path.dirname(file), { recursive: true, force: true }));
  fs.writeFileSync(file, '{"a":');
  const stat = fs.fstatSync;
  mock.method(fs, 'fstatSync', (fd: number) => Object.assign(stat(fd), { size: 15 }));
  const read = fs.readSync;
  let reads = 0;
  mock.method(fs, 'readSync', (...args: Parameters<typeof fs.readSync>) => {
    if (++reads > 100) throw new Error('still reading after 100 reads');
    return read(...args);
  });
  t.after(() => mock.restoreAll());
  assert.equal(readRecordTail(file, 0, 2), undefined);
});
