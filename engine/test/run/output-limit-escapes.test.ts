// The output limit counts a step's text as the record holds it: JSON writes a control byte as
// `\u0001` (6 bytes) and a byte that is not UTF-8 becomes U+FFFD (3 bytes), so a step whose output
// was under the limit in raw bytes grew the run's record (its step.log events and its outputs file)
// to up to 6 times the limit. Real processes and real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { jsonTextBytes } from '../../src/run/actions/output-limit.js';
import { finished, run, tempDir } from './helpers.js';

const LIMIT = 100 * 1024;

/** Bytes of every file of the run's record: its event log and its outputs. */
function recordBytes(runsDir: string, runId: string): { log: number; outputs: number } {
  const log = fs.statSync(path.join(runsDir, `${runId}.jsonl`)).size;
  const dir = path.join(runsDir, runId, 'outputs');
  const outputs = fs.existsSync(dir) ? fs.readdirSync(dir).reduce((n, f) => n + fs.statSync(path.join(dir, f)).size, 0) : 0;
  return { log, outputs };
}

test('jsonTextBytes counts what JSON.stringify writes', () => {
  for (const s of ['', 'plain', '\u0001\u001f', '\n\t\r\b\f', '"\\', 'é€😀', '\ud800x', 'a\udc00', '\u007f']) {
    assert.equal(jsonTextBytes(s), Buffer.byteLength(JSON.stringify(s)) - 2, JSON.stringify(s));
  }
});

test('shell: control bytes under the limit raw but past it as written fail the step; the record stays within the limit', { timeout: 60_000 }, async () => {
  // 60,000 bytes of \x01 (under the 100 KB limit) are 360,000 bytes in the record.
  const r = await run(
    `steps:
  - id: ctl
    shell: head -c 60000 /dev/zero | tr '\\0' '\\1'
`,
    { maxOutputBytes: LIMIT },
  );
  const f = finished(r.events, 'ctl');
  assert.equal(f.error, 'shell: stdout passed 100 KB, the most a step may hold; write large data to a file and pass its path instead');
  const { log, outputs } = recordBytes(r.runsDir, r.fin.runId);
  assert.ok(log <= LIMIT + 16 * 1024, `the event log holds ${log} bytes`);
  assert.ok(outputs <= LIMIT + 16 * 1024, `the outputs hold ${outputs} bytes`);
});

test('shell: control bytes within the limit as written are kept whole', { timeout: 60_000 }, async () => {
  const r = await run(
    `steps:
  - id: ctl
    shell: head -c 10000 /dev/zero | tr '\\0' '\\1'
`,
    { maxOutputBytes: LIMIT },
  );
  assert.equal(finished(r.events, 'ctl').status, 'succeeded');
  const out = JSON.parse(fs.readFileSync(path.join(r.runsDir, r.fin.runId, 'outputs', 'ctl.json'), 'utf8')) as { output: string };
  assert.equal(out.output, '\u0001'.repeat(10_000));
});

test('file: a read of control bytes or of bytes that are not UTF-8 is counted as the record holds it', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'ctl.bin'), Buffer.alloc(60_000, 1));
  fs.writeFileSync(path.join(dir, 'ff.bin'), Buffer.alloc(60_000, 0xff));
  const r = await run(
    `steps:
  - id: ctl
    file: { action: read, path: ctl.bin }
  - id: ff
    file: { action: read, path: ff.bin }
`,
    { dir, maxOutputBytes: LIMIT, continueOnError: true },
  );
  assert.equal(finished(r.events, 'ctl').error, "file: read 'ctl.bin' passed 100 KB, the most a step may hold; write large data to a file and pass its path instead");
  assert.equal(finished(r.events, 'ff').error, "file: read 'ff.bin' passed 100 KB, the most a step may hold; write large data to a file and pass its path instead");
  const { outputs } = recordBytes(r.runsDir, r.fin.runId);
  assert.ok(outputs <= 2 * (LIMIT + 16 * 1024), `the outputs hold ${outputs} bytes`);
});
