// A secret split across step.log chunks (a pipe delivers what it has; an LLM streams tokens) never
// reaches an event or the record, and no log text is lost or reordered on the way. Text cut short
// (previews, quoted error bodies) is masked before the cut.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RunEvent, StepLogEvent } from '../../src/run/events.js';
import { LogRedactor } from '../../src/run/log-redactor.js';
import { Redactor } from '../../src/run/redact.js';
import { fakeApi } from './fake-servers.js';
import { finished, run } from './helpers.js';

const SECRET = 'sk-test-1234567890abcdef';
const base = { runId: 'r', ts: 1 };
const log = (path: string, text: string, stream: StepLogEvent['stream'] = 'stdout'): StepLogEvent => ({ ...base, type: 'step.log', path, stream, text });
const texts = (evs: RunEvent[], p?: string) => evs.filter((e): e is StepLogEvent => e.type === 'step.log' && (!p || e.path === p)).map((e) => e.text);

function through(chunks: RunEvent[]): RunEvent[] {
  const r = new Redactor([SECRET, 'other-secret']);
  const lr = new LogRedactor(r);
  return chunks.flatMap((c) => lr.pass(c));
}

test('a secret split over two and over many chunks is masked', () => {
  const two = through([log('a', 'key=sk-test-123'), log('a', '4567890abcdef done\n'), { ...base, type: 'step.finished', path: 'a', status: 'succeeded', durationMs: 1, attempts: 1 }]);
  assert.equal(texts(two).join(''), 'key=*** done\n');
  const chars = [...`x ${SECRET} y`].map((c) => log('a', c));
  const many = through([...chars, { ...base, type: 'run.finished', status: 'succeeded', durationMs: 1, counts: {}, outputs: {} } as unknown as RunEvent]);
  assert.equal(texts(many).join(''), 'x *** y');
  for (const t of texts(many)) assert.equal(t.includes('sk-t'), false);
});

test('text held back because it could start a secret is written before the step finishes', () => {
  const out = through([log('a', 'ends with sk-'), log('b', 'other step'), { ...base, type: 'step.finished', path: 'a', status: 'succeeded', durationMs: 1, attempts: 1 }]);
  assert.deepEqual(out.map((e) => e.type), ['step.log', 'step.log', 'step.log', 'step.finished']);
  assert.deepEqual(texts(out, 'a'), ['ends with ', 'sk-']);
  assert.deepEqual(texts(out, 'b'), ['other step']);
});

test('streams and steps are held apart; a retry writes out what its attempt held', () => {
  const out = through([
    log('a', 'sk-test', 'stdout'),
    log('a', '-1234567890abcdef', 'stderr'),
    { ...base, type: 'step.retrying', path: 'a', attempt: 1, error: 'x', delayMs: 0 },
    log('a', '-1234567890abcdef', 'stdout'),
  ]);
  assert.deepEqual(out.map((e) => e.type), ['step.log', 'step.log', 'step.retrying', 'step.log']);
  assert.deepEqual(texts(out), ['-1234567890abcdef', 'sk-test', '-1234567890abcdef']);
});

test('a shell step that prints a secret in two writes leaves it in no event and no record', async () => {
  const half = SECRET.length >> 1;
  const yaml = `steps:
  - id: leak
    shell: 'printf "key=%s" "$\${MY_API_KEY:0:${half}}"; sleep 0.3; printf "%s done" "$\${MY_API_KEY:${half}}"'
`;
  const { events, fin, runsDir } = await run(yaml, { env: { ...process.env, MY_API_KEY: SECRET } });
  assert.equal(fin.status, 'succeeded');
  const logs = texts(events, 'leak');
  assert.ok(logs.length >= 2, `the two writes arrive as separate chunks (${JSON.stringify(logs)})`);
  assert.equal(logs.join(''), 'key=*** done');
  assert.equal(fs.readFileSync(path.join(runsDir, `${fin.runId}.jsonl`), 'utf8').includes(SECRET.slice(0, half)), false);
});

test('an output preview cut at 4 KB never keeps the start of a secret that straddles the cut', async () => {
  // 4,088 characters, the secret, 100 more: cut at 4 KB (4,093 bytes and the 3-byte `…`) first, the
  // secret would keep its first 5.
  const yaml = `steps:
  - id: long
    shell: 'printf "%04088d%s%0100d" 0 "$MY_API_KEY" 0'
`;
  const { events, fin, runsDir } = await run(yaml, { env: { ...process.env, MY_API_KEY: SECRET } });
  assert.equal(fin.status, 'succeeded');
  const out = finished(events, 'long').output!;
  assert.ok(out.endsWith('…') && Buffer.byteLength(out) <= 4096, `a preview, cut (${Buffer.byteLength(out)} bytes)`);
  assert.ok(out.startsWith('0'.repeat(4088) + '***0'), `the text around the secret is kept: ...${out.slice(-20)}`);
  assert.equal(out.includes(SECRET.slice(0, 5)), false, `no part of the secret: ...${out.slice(-20)}`);
  assert.equal(fs.readFileSync(path.join(runsDir, `${fin.runId}.jsonl`), 'utf8').includes(SECRET.slice(0, 5)), false);
});

test('an http error that quotes a secret is cut after the secret is masked', async () => {
  const api = await fakeApi();
  try {
    // 190 characters, then 'key ' and the secret: the 200-character quote would end inside the secret.
    const yaml = `steps:
  - id: call
    http: { url: "${api.url}/reflect?pad=190", headers: { X-Key: "\${env.MY_API_KEY}" } }
`;
    const { events, fin, runsDir } = await run(yaml, { env: { ...process.env, MY_API_KEY: SECRET } });
    assert.equal(fin.status, 'failed');
    const error = finished(events, 'call').error!;
    assert.match(error, /returned 401: \.{190}key \*\*\* r…$/);
    assert.equal(fs.readFileSync(path.join(runsDir, `${fin.runId}.jsonl`), 'utf8').includes(SECRET.slice(0, 4)), false);
  } finally {
    await api.close();
  }
});

test('an LLM error that is not JSON and quotes the key is cut after the key is masked', async () => {
  const api = await fakeApi();
  try {
    // 280 characters, 'key Bearer ' and the secret: the 300-character quote would end inside the secret.
    const yaml = `steps:
  - id: ask
    llm: { prompt: hi, baseUrl: "${api.url}/llm-reflect" }
`;
    const { events, fin, runsDir } = await run(yaml, { env: { ...process.env, OPENAI_API_KEY: SECRET } });
    assert.equal(fin.status, 'failed');
    assert.match(finished(events, 'ask').error!, /returned 401: \.{280}key Bearer \*\*\* reje…$/);
    assert.equal(fs.readFileSync(path.join(runsDir, `${fin.runId}.jsonl`), 'utf8').includes(SECRET.slice(0, 4)), false);
  } finally {
    await api.close();
  }
});
