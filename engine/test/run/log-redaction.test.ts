// A secret split across step.log chunks (a pipe delivers what it has; an LLM streams tokens) never
// reaches an event or the record, and no log text is lost or reordered on the way.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RunEvent, StepLogEvent } from '../../src/run/events.js';
import { LogRedactor } from '../../src/run/log-redactor.js';
import { Redactor } from '../../src/run/redact.js';
import { run } from './helpers.js';

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
