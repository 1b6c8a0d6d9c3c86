// A server that answers 429 or 503 with Retry-After (seconds, or an HTTP date) or retry-after-ms
// (OpenAI's) says when to ask again; the providers' SDKs wait that long. A retried http or llm step
// waited only its own backoff (10 ms here) and spent its retries inside the server's window. The
// retry now waits the longer of the two, at most the policy's maxDelay; step.retrying's delayMs
// says which. (The delays are read from the events, not timed.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { withServer } from './fake-servers.js';
import { finished, run } from './helpers.js';

type Ev = { type: string; path?: string; delayMs?: number; status?: string };

/** Answers the first request with `status` and `headers`, the next with 200 `ok`. */
function onceThenOk(status: number, headers: Record<string, string>) {
  let n = 0;
  return (_req: unknown, res: import('node:http').ServerResponse) => {
    if (n++ === 0) {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify({ error: { message: 'slow down' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('ok');
  };
}

const delays = (events: Ev[], p: string) => events.filter((e) => e.type === 'step.retrying' && e.path === p).map((e) => e.delayMs);

test('http: a 429 with Retry-After in seconds waits that long before the retry', { timeout: 30_000 }, async () => {
  await withServer(onceThenOk(429, { 'retry-after': '1' }), async (s) => {
    const { events, fin } = await run(`steps:\n  - { id: h, retries: { max: 1, delay: 10ms }, http: { url: "${s.url}/x" } }\n`);
    assert.equal(fin.status, 'succeeded');
    assert.deepEqual(delays(events as Ev[], 'h'), [1000]);
    assert.equal(finished(events, 'h').output, 'ok');
  });
});

test('http: Retry-After is capped by the policy\'s maxDelay; an HTTP date counts from now', { timeout: 30_000 }, async () => {
  await withServer(onceThenOk(503, { 'retry-after': '120' }), async (s) => {
    const { events } = await run(`steps:\n  - { id: h, retries: { max: 1, delay: 10ms, maxDelay: 1s }, http: { url: "${s.url}/x" } }\n`);
    assert.deepEqual(delays(events as Ev[], 'h'), [1000]);
  });
  await withServer(onceThenOk(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }), async (s) => {
    const { events } = await run(`steps:\n  - { id: h, retries: { max: 1, delay: 10ms, maxDelay: 1500ms }, http: { url: "${s.url}/x" } }\n`);
    assert.deepEqual(delays(events as Ev[], 'h'), [1500]);
  });
});

test('http: without Retry-After, or with one shorter than the backoff, the backoff applies', { timeout: 30_000 }, async () => {
  await withServer(onceThenOk(429, { 'retry-after': 'soon' }), async (s) => {
    const { events } = await run(`steps:\n  - { id: h, retries: { max: 1, delay: 300ms, backoff: fixed }, http: { url: "${s.url}/x" } }\n`);
    const [d] = delays(events as Ev[], 'h');
    assert.ok(d !== undefined && d >= 270 && d <= 330, `the jittered backoff, got ${d}`);
  });
});

test('llm: a 429 with retry-after-ms (OpenAI) waits that long before the retry', { timeout: 30_000 }, async () => {
  let n = 0;
  const handler = (_req: unknown, res: import('node:http').ServerResponse) => {
    if (n++ === 0) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after-ms': '700' });
      res.end(JSON.stringify({ error: { message: 'Rate limit reached' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream' });
    res.write(`data: ${JSON.stringify({ model: 'm', choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: 'stop' }] })}\n\n`);
    res.end('data: [DONE]\n\n');
  };
  await withServer(handler, async (s) => {
    const env = { ...process.env, OPENAI_API_KEY: 'sk-retry-after-test' };
    const { events, fin } = await run(`steps:\n  - { id: l, retries: { max: 1, delay: 10ms }, llm: { prompt: hi, baseUrl: "${s.url}/v1" } }\n`, { env });
    assert.equal(fin.status, 'succeeded', JSON.stringify(events.filter((e) => e.type === 'step.finished')));
    assert.deepEqual(delays(events as Ev[], 'l'), [700]);
  });
});

// Backs docs/engine.md (Retries): every failure is retried, a 404 too; `retries` is the step's
// choice, not a list of retryable statuses.
test('http: a 404 without Retry-After is retried like any failure, after the backoff', { timeout: 30_000 }, async () => {
  await withServer(onceThenOk(404, {}), async (s) => {
    const { events, fin } = await run(`steps:\n  - { id: h, retries: { max: 1, delay: 10ms }, http: { url: "${s.url}/x" } }\n`);
    assert.equal(fin.status, 'succeeded');
    assert.equal(delays(events as Ev[], 'h').length, 1);
    assert.equal(finished(events, 'h').output, 'ok');
  });
});
