// A step's output is held in memory and recorded: what passes the run's limit (maxOutputBytes) fails
// the step with a clear message, ends what produced it, and the run finishes with its record, instead
// of the host running out of memory (a 700 MB `yes` used to crash `weft run` with "Invalid string
// length"). Real processes, real loopback HTTP, a real device file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../../src/run/actions/output-limit.js';
import { serve, writeForever } from './fake-servers.js';
import { alive, finished, readPids, run, tempDir } from './helpers.js';

const LIMIT = 100 * 1024;

/** A loopback server that answers every request with `chunk` written forever; `closed` settles when the client hangs up. */
async function endless(contentType: string, chunk: string): Promise<{ url: string; closed: Promise<void>; close(): Promise<void> }> {
  let hungUp!: () => void;
  const closed = new Promise<void>((r) => (hungUp = r));
  const server = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': contentType });
    writeForever(res, chunk, hungUp);
  });
  return { url: server.url, closed, close: server.close };
}

test('shell: stdout past the limit ends the process and fails the step; the run finishes and records it', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const pidFile = path.join(dir, 'pid');
  const r = await run(
    `steps:
  - id: flood
    shell: echo $$ > ${pidFile}; exec yes
  - id: after
    needs: flood
    stub: true
`,
    { dir, maxOutputBytes: LIMIT },
  );
  const f = finished(r.events, 'flood');
  assert.equal(f.status, 'failed');
  assert.equal(f.error, 'shell: stdout passed 100 KB, the most a step may hold; write large data to a file and pass its path instead');
  assert.equal(finished(r.events, 'after').status, 'skipped');
  assert.equal(r.fin.status, 'failed');
  const [pid] = readPids(pidFile);
  assert.ok(pid && !alive(pid), 'yes was ended with its step');
  // The record ends with run.finished, and its logs hold no more than the limit.
  const record = fs.readFileSync(path.join(r.runsDir, `${r.fin.runId}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; text?: string });
  assert.equal(record.at(-1)!.type, 'run.finished');
  const logged = record.filter((e) => e.type === 'step.log').reduce((n, e) => n + Buffer.byteLength(e.text!), 0);
  assert.ok(logged > 0 && logged <= LIMIT, `logged ${logged} bytes`);
});

test('shell: stderr past the limit fails the step too; output up to the limit exactly is kept whole', { timeout: 60_000 }, async () => {
  const r = await run(
    `steps:
  - id: noisy
    shell: exec yes >&2
  - id: exact
    shell: head -c ${LIMIT} /dev/zero | tr '\\0' x
`,
    { maxOutputBytes: LIMIT, continueOnError: true },
  );
  assert.equal(finished(r.events, 'noisy').error, 'shell: stderr passed 100 KB, the most a step may hold; write large data to a file and pass its path instead');
  assert.equal(finished(r.events, 'exact').status, 'succeeded');
  const out = JSON.parse(fs.readFileSync(path.join(r.runsDir, r.fin.runId, 'outputs', 'exact.json'), 'utf8')) as { output: string };
  assert.equal(out.output, 'x'.repeat(LIMIT));
});

test('shell: the default limit is 64 MB', { timeout: 120_000 }, async () => {
  assert.equal(DEFAULT_MAX_OUTPUT_BYTES, 64 * 1024 * 1024);
  const r = await run(`steps:
  - id: big
    shell: head -c ${DEFAULT_MAX_OUTPUT_BYTES + 1} /dev/zero | tr '\\0' y
`);
  assert.equal(finished(r.events, 'big').error, 'shell: stdout passed 64 MB, the most a step may hold; write large data to a file and pass its path instead');
  assert.equal(r.fin.status, 'failed');
});

test('http: a response that never ends is cut at the limit and its connection closed', { timeout: 60_000 }, async () => {
  const server = await endless('text/plain', 'z'.repeat(16 * 1024));
  try {
    const r = await run(`steps:\n  - id: download\n    http: { url: "${server.url}/big" }\n`, { maxOutputBytes: LIMIT });
    assert.equal(finished(r.events, 'download').error, `http: GET ${server.url}/big: the response passed 100 KB, the most a step may hold; write large data to a file and pass its path instead`);
    await server.closed;
  } finally {
    await server.close();
  }
});

test('llm: a stream that never ends is cut at the limit and its connection closed', { timeout: 60_000 }, async () => {
  const event = `data: ${JSON.stringify({ choices: [{ delta: { content: 'token ' } }] })}\n\n`;
  const server = await endless('text/event-stream', event.repeat(100));
  try {
    const r = await run(`steps:\n  - id: chat\n    llm: { provider: ollama, baseUrl: "${server.url}/v1", model: m, prompt: hi }\n`, { maxOutputBytes: LIMIT });
    assert.equal(finished(r.events, 'chat').error, 'llm: ollama: the reply passed 100 KB, the most a step may hold; write large data to a file and pass its path instead');
    await server.closed;
  } finally {
    await server.close();
  }
});

test('file: a file over the limit is refused by its size; a device is read up to the limit', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'big.txt'), 'b'.repeat(2 * LIMIT));
  fs.writeFileSync(path.join(dir, 'fits.txt'), 'f'.repeat(LIMIT));
  const r = await run(
    `steps:
  - id: big
    file: { action: read, path: big.txt }
  - id: fits
    file: { action: read, path: fits.txt }
  - id: zero
    file: { action: read, path: /dev/zero }
`,
    { dir, maxOutputBytes: LIMIT, continueOnError: true, allowOutsideRoot: true },
  );
  assert.equal(finished(r.events, 'big').error, "file: read 'big.txt': the file is 200 KB, more than the 100 KB a step may hold; pass its path to the steps that need it instead");
  assert.equal(finished(r.events, 'fits').status, 'succeeded');
  assert.equal(finished(r.events, 'zero').error, "file: read '/dev/zero' passed 100 KB, the most a step may hold; write large data to a file and pass its path instead");
});

test('file: list of a folder whose names pass the limit fails the step; the read stops there', async () => {
  const dir = tempDir();
  const many = path.join(dir, 'many');
  fs.mkdirSync(many);
  // 2,000 names of 60 characters: about 126 KB as a JSON array, over the 100 KB limit.
  for (let i = 0; i < 2000; i++) fs.writeFileSync(path.join(many, `${String(i).padStart(4, '0')}-${'n'.repeat(55)}`), '');
  const r = await run('steps:\n  - id: ls\n    file: { action: list, path: many }\n', { dir, maxOutputBytes: LIMIT });
  assert.equal(finished(r.events, 'ls').error, "file: list 'many' passed 100 KB, the most a step may hold; write large data to a file and pass its path instead");
  const fine = await run('steps:\n  - id: ls\n    file: { action: list, path: many }\n  - id: use\n    stub: { output: "${length(steps.ls.output)} ${steps.ls.output[0]}" }\n', { dir, maxOutputBytes: 200 * 1024 });
  assert.equal(finished(fine.events, 'use').output, `2000 0000-${'n'.repeat(55)}`, 'all the names, sorted');
});
