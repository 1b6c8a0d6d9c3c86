// A finished run's record read at its two ends for the Runs view's history (record-ends.ts, through
// the engine's readEnds): a whole record gives its run.started and run.finished and its size; one
// still written, cut by a kill, of another run at its end, or empty gives nothing (read whole instead).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { readRecordEnds } from '../../src/runs/record-ends.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-ends-'));
const started = { type: 'run.started', runId: 'r1', ts: 1, workflow: 'w', file: '/w.weft.yaml', inputs: {}, plan: [] };
const log = { type: 'step.log', runId: 'r1', ts: 2, path: 'a', stream: 'stdout', text: 'x'.repeat(40_000) };
const finished = { type: 'run.finished', runId: 'r1', ts: 3, status: 'succeeded', durationMs: 2, counts: { succeeded: 1 }, outputs: {} };
const write = (name: string, text: string) => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };
const lines = (...evs: object[]) => evs.map((e) => JSON.stringify(e)).join('\n') + '\n';

test('a finished record: its first and last events and its size, past a long line between them', () => {
  const text = lines(started, log, finished);
  const ends = readRecordEnds(write('whole.jsonl', text));
  assert.deepEqual(ends, { started, finished, end: Buffer.byteLength(text) });
});

test('no ends for a record still written, cut, of another run at its end, not a record, or empty', () => {
  assert.equal(readRecordEnds(write('going.jsonl', lines(started, log))), undefined);
  assert.equal(readRecordEnds(write('cut.jsonl', lines(started, log) + '{"type":"run.fin')), undefined);
  assert.equal(readRecordEnds(write('other.jsonl', lines(started, { ...finished, runId: 'r2' }))), undefined);
  assert.equal(readRecordEnds(write('text.jsonl', 'hello\nworld\n')), undefined);
  assert.equal(readRecordEnds(write('empty.jsonl', '')), undefined);
  assert.equal(readRecordEnds(path.join(dir, 'missing.jsonl')), undefined);
  assert.equal(readRecordEnds(dir), undefined, 'a folder');
});
