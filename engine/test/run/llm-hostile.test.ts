// `llm` steps against broken and hostile servers on loopback that speak (or fail to speak) the
// OpenAI and Anthropic streaming formats: a stall (timeout, cancel), a gzip bomb, a connection closed
// mid-stream. Each fails its step with a message that says what was wrong; nothing hangs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as zlib from 'node:zlib';
import type { RunHandle } from '../../src/run/index.js';
import { finished, run } from './helpers.js';

const LIMIT = 100 * 1024;

/** A loopback server answering every request with `handler`; `requested` settles at the first request. */
async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  let first!: () => void;
  const requested = new Promise<void>((r) => (first = r));
  const server = http.createServer((req, res) => {
    first();
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

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
    const s = await serve(handler);
    try {
      assert.equal((await llmStep('ollama', s.url, { timeout: '300ms' })).error, 'timed out after 300ms');
      const cancelled = await llmStep('ollama', s.url, { onHandle: (h) => void s.requested.then(() => h.cancel()) });
      assert.equal(cancelled.status, 'cancelled');
    } finally {
      await s.close();
    }
  }
});

test('llm: a gzipped stream that inflates past the limit is cut at the limit', { timeout: 60_000 }, async () => {
  const bomb = zlib.gzipSync(Buffer.from(openaiChunk('a'.repeat(100)).repeat(1_000_000))); // about 170 MB
  const s = await serve((_q, res) => {
    sse(res, { 'content-encoding': 'gzip' });
    res.end(bomb);
  });
  try {
    assert.equal((await llmStep('ollama', s.url)).error, 'llm: ollama: the reply passed 100 KB, the most a step may hold; write large data to a file and pass its path instead');
  } finally {
    await s.close();
  }
});

test('llm: a connection closed mid-stream says so', async () => {
  const s = await serve((_q, res) => {
    sse(res);
    res.write(openaiChunk('half '), () => res.socket!.destroy());
  });
  try {
    assert.equal((await llmStep('ollama', s.url)).error, 'llm: ollama: the reply was cut short: the server closed the connection');
    assert.equal((await llmStep('anthropic', s.url)).error, 'llm: anthropic: the reply was cut short: the server closed the connection');
  } finally {
    await s.close();
  }
});
