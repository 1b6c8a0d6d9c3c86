// `llm` steps against broken and hostile servers on loopback that speak (or fail to speak) the
// OpenAI and Anthropic streaming formats: a stall (timeout, cancel), a gzip bomb, a connection closed
// mid-stream. Each fails its step with a message that says what was wrong; nothing hangs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import type { RunHandle } from '../../src/run/index.js';
import { withServer, writeForever } from './fake-servers.js';
import { finished, run } from './helpers.js';

const LIMIT = 100 * 1024;

/** Runs one `llm` step (`provider` ollama speaks OpenAI's format) against `url` and returns its step.finished event. */
async function llmStep(provider: 'ollama' | 'anthropic', url: string, opts: { timeout?: string; onHandle?: (h: RunHandle) => void; maxOutputBytes?: number } = {}) {
  const r = await run(
    `steps:\n  - id: s\n${opts.timeout ? `    timeout: ${opts.timeout}\n` : ''}    llm: { provider: ${provider}, apiKeyEnv: TEST_LLM_KEY, baseUrl: "${url}/v1", model: m, prompt: hi }\n`,
    { maxOutputBytes: opts.maxOutputBytes ?? LIMIT, onHandle: opts.onHandle, env: { ...process.env, TEST_LLM_KEY: 'test-key-1234' } },
  );
  return finished(r.events, 's');
}

const sse = (res: http.ServerResponse, headers: Record<string, string> = {}) => res.writeHead(200, { 'content-type': 'text/event-stream', ...headers });
const openaiChunk = (content: string, finish: string | null = null) => `data: ${JSON.stringify({ model: 'm', choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`;

test('llm: a server that stalls before or after its headers is ended by the timeout and by cancelling', async () => {
  for (const handler of [() => undefined, (_q: http.IncomingMessage, res: http.ServerResponse) => (sse(res), res.write(openaiChunk('slow ')))]) {
    await withServer(handler, async (s) => {
      assert.equal((await llmStep('ollama', s.url, { timeout: '300ms' })).error, 'timed out after 300ms');
      const cancelled = await llmStep('ollama', s.url, { onHandle: (h) => void s.requested.then(() => h.cancel()) });
      assert.equal(cancelled.status, 'cancelled');
    });
  }
});

test('llm: a gzipped stream that inflates past the limit is cut at the limit', { timeout: 60_000 }, async () => {
  const bomb = zlib.gzipSync(Buffer.from(openaiChunk('a'.repeat(100)).repeat(1_000_000))); // about 170 MB
  await withServer((_q, res) => {
    sse(res, { 'content-encoding': 'gzip' });
    res.end(bomb);
  }, async (s) => {
    assert.equal((await llmStep('ollama', s.url)).error, 'llm: ollama: the reply passed 100 KB, the most a step may hold; write large data to a file and pass its path instead');
  });
});

test('llm: a connection closed mid-stream says so', async () => {
  await withServer((_q, res) => {
    sse(res);
    res.write(openaiChunk('half '), () => res.socket!.destroy());
  }, async (s) => {
    assert.equal((await llmStep('ollama', s.url)).error, 'llm: ollama: the reply was cut short: the server closed the connection');
    assert.equal((await llmStep('anthropic', s.url)).error, 'llm: anthropic: the reply was cut short: the server closed the connection');
  });
});

test('llm: an HTTP 200 that is not an event stream (a JSON error, an HTML page) fails with what it says (was an empty reply)', async () => {
  await withServer((req, res) => {
    if (req.url === '/html/v1/chat/completions') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>Please log in</body></html>');
    } else {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(req.url!.includes('/messages') ? { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } } : { error: { message: "model 'm' not found" } }));
    }
  }, async (s) => {
    assert.equal((await llmStep('ollama', s.url)).error, "llm: ollama answered 200 with application/json instead of an event stream: model 'm' not found");
    assert.equal((await llmStep('anthropic', s.url)).error, 'llm: anthropic answered 200 with application/json instead of an event stream: Overloaded');
    assert.equal((await llmStep('ollama', `${s.url}/html`)).error, 'llm: ollama answered 200 with text/html instead of an event stream: <html><body>Please log in</body></html>');
  });
});

// The SDKs' stream helpers fail a stream that ends without a finish (openai-node: "missing
// finish_reason for choice 0"; a stream with no events at all: "request ended without sending any
// chunks"); Weft does the same, so that a reply cut off by a crashed or restarted server is not taken
// for the whole reply.
test('llm: a stream that ends before the model finished fails (was the partial reply, as if whole)', async () => {
  await withServer((req, res) => {
    sse(res);
    const u = req.url!;
    if (u.startsWith('/cut/') && u.endsWith('/chat/completions')) res.end(openaiChunk('half '));
    else if (u.startsWith('/cut/')) {
      res.end('event: message_start\ndata: {"type":"message_start","message":{"model":"m"}}\n\nevent: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"half "}}\n\n');
    } else if (u.startsWith('/empty/')) res.end();
    else if (u.endsWith('/chat/completions')) res.end(openaiChunk('whole', 'stop')); // a finish_reason without [DONE] is complete
    else {
      res.end('event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"whole"}}\n\nevent: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"end_turn"}}\n\n');
    }
  }, async (s) => {
    assert.equal((await llmStep('ollama', `${s.url}/cut`)).error, 'llm: ollama: the reply ended before the model finished (no finish_reason, no [DONE]); the 5 characters received are in the step log');
    assert.equal((await llmStep('anthropic', `${s.url}/cut`)).error, 'llm: anthropic: the reply ended before the model finished (no message_stop); the 5 characters received are in the step log');
    assert.equal((await llmStep('ollama', `${s.url}/empty`)).error, 'llm: ollama: the reply ended before the model finished (no finish_reason, no [DONE]); the 0 characters received are in the step log');
    assert.equal((await llmStep('ollama', s.url)).output, 'whole');
    assert.equal((await llmStep('anthropic', s.url)).output, 'whole');
  });
});

test('llm: error events and data that is not JSON fail the step with what the server sent (were ignored)', async () => {
  await withServer((req, res) => {
    sse(res);
    const u = req.url!;
    if (u.startsWith('/garbage/')) res.end(`${openaiChunk('a')}data: <b>garbage</b>\n\ndata: [DONE]\n\n`);
    else if (u.startsWith('/errtext/') && u.endsWith('/messages')) res.end('event: error\ndata: Internal failure\n\n');
    else if (u.startsWith('/errtext/')) res.end('data: {"error": "boom"}\n\n');
    else if (u.endsWith('/messages')) res.end('event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}\n\n');
    else res.end('data: {"error": {"message": "rate limited", "type": "requests"}}\n\n');
  }, async (s) => {
    assert.equal((await llmStep('ollama', `${s.url}/garbage`)).error, "llm: ollama: the reply's event 2 is not JSON: <b>garbage</b>");
    assert.equal((await llmStep('anthropic', `${s.url}/errtext`)).error, 'llm: anthropic: Internal failure');
    assert.equal((await llmStep('ollama', `${s.url}/errtext`)).error, 'llm: ollama: boom');
    assert.equal((await llmStep('anthropic', s.url)).error, 'llm: anthropic: Overloaded');
    assert.equal((await llmStep('ollama', s.url)).error, 'llm: ollama: rate limited');
  });
});

test('llm: a line longer than the limit, without a newline, fails at the limit', { timeout: 120_000 }, async () => {
  await withServer((_q, res) => {
    sse(res);
    res.write('data: {"choices": [{"delta": {"content": "');
    writeForever(res, 'x'.repeat(64 * 1024));
  }, async (s) => {
    assert.equal(
      (await llmStep('ollama', s.url, { maxOutputBytes: 64 * 1024 * 1024 })).error,
      'llm: ollama: the reply passed 64 MB, the most a step may hold; write large data to a file and pass its path instead',
    );
  });
});

test("llm: Anthropic's ping and events it does not know are skipped, whatever their data (docs/engine.md)", async () => {
  await withServer((_q, res) => {
    sse(res);
    res.end(
      'event: ping\ndata: {"type": "ping"}\n\nevent: some_future_event\ndata: not JSON\n\n' +
        'event: content_block_delta\ndata: {"type":"content_block_delta","delta":{"type":"text_delta","text":"whole"}}\n\nevent: message_stop\ndata: {"type":"message_stop"}\n\n',
    );
  }, async (s) => {
    const f = await llmStep('anthropic', s.url);
    assert.equal(f.error, undefined);
    assert.equal(f.output, 'whole');
  });
});

test('llm: json: true on a reply that is not JSON says what is wrong and where (was V8\'s text, often without a position)', async () => {
  await withServer((_q, res) => {
    sse(res);
    res.end(`${openaiChunk('```json\n{"answer": 42,\n "why": unknown}\n```', 'stop')}data: [DONE]\n\n`);
  }, async (s) => {
    const r = await run(`steps:\n  - id: s\n    llm: { provider: ollama, baseUrl: "${s.url}/v1", model: m, prompt: hi, json: true }\n`);
    // The position is in the JSON inside the fence.
    assert.equal(finished(r.events, 's').error, "llm: the reply is not valid JSON: unexpected token 'u' at line 2, column 9 (position 23)");
  });
});
