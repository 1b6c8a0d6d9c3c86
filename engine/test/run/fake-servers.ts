// Loopback servers for tests and examples: a small JSON API, and fake LLM providers that speak the
// real streaming wire formats (OpenAI Chat Completions SSE, Anthropic Messages SSE).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Server {
  url: string;
  requests: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }[];
  close(): Promise<void>;
}

/** A server that records each request with its body, then answers it with `handler`. */
async function listen(handler: (req: http.IncomingMessage, body: string, res: http.ServerResponse) => void): Promise<Server> {
  const requests: Server['requests'] = [];
  const { url, close } = await serve((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      handler(req, body, res);
    });
  });
  return { url, requests, close };
}

/** Replies to the OpenAI and Anthropic streaming endpoints with `reply` split into tokens. */
export function fakeLlm(reply = 'Hello from the fake model.', opts: { requireKey?: string } = {}): Promise<Server> {
  const tokens = reply.match(/\S+\s*/g) ?? [reply];
  return listen((req, body, res) => {
    const url = req.url ?? '';
    const model = (() => {
      try {
        return JSON.parse(body).model as string;
      } catch {
        return 'unknown';
      }
    })();
    if (url.endsWith('/chat/completions')) {
      if (opts.requireKey && req.headers.authorization !== `Bearer ${opts.requireKey}`) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'Incorrect API key provided' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const t of tokens) res.write(`data: ${JSON.stringify({ model, choices: [{ index: 0, delta: { content: t } }] })}\n\n`);
      res.write(`data: ${JSON.stringify({ model, choices: [], usage: { prompt_tokens: 5, completion_tokens: tokens.length } })}\n\n`);
      res.end('data: [DONE]\n\n');
      return;
    }
    if (url.endsWith('/v1/messages')) {
      if (opts.requireKey && req.headers['x-api-key'] !== opts.requireKey) {
        res.writeHead(401, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const ev = (name: string, data: unknown) => res.write(`event: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
      ev('message_start', { type: 'message_start', message: { id: 'msg_1', model, usage: { input_tokens: 7, output_tokens: 1 } } });
      ev('content_block_start', { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } });
      for (const t of tokens) ev('content_block_delta', { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: t } });
      ev('content_block_stop', { type: 'content_block_stop', index: 0 });
      ev('message_delta', { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: tokens.length } });
      ev('message_stop', { type: 'message_stop' });
      res.end();
      return;
    }
    res.writeHead(404);
    res.end();
  });
}

/** A small JSON API: /users, /orders (slow), /status/<code>, /echo (method, query, body). */
export function fakeApi(): Promise<Server> {
  return listen((req, body, res) => {
    const u = new URL(req.url ?? '/', 'http://x');
    const json = (code: number, data: unknown, delay = 0) =>
      setTimeout(() => {
        res.writeHead(code, { 'content-type': 'application/json' });
        res.end(JSON.stringify(data));
      }, delay);
    if (u.pathname === '/users') return json(200, [{ id: 1, name: 'Ada' }, { id: 2, name: 'Linus' }], 50);
    if (u.pathname === '/orders') return json(200, [{ id: 10, total: 42 }], 150);
    if (u.pathname === '/inventory') return json(200, { widgets: 7 }, 100);
    if (u.pathname.startsWith('/status/')) return json(Number(u.pathname.split('/')[2]), { status: 'as asked' });
    if (u.pathname === '/echo') return json(200, { method: req.method, query: Object.fromEntries(u.searchParams), body: body ? JSON.parse(body) : null, header: req.headers['x-test'] ?? null });
    if (u.pathname === '/reflect') {
      // An error that quotes the key it was sent, after `pad` characters (as some APIs do).
      res.writeHead(401, { 'content-type': 'text/plain' });
      return res.end(`${'.'.repeat(Number(u.searchParams.get('pad') ?? 0))}key ${req.headers['x-key'] ?? ''} rejected`);
    }
    if (u.pathname === '/llm-reflect/chat/completions') {
      // An LLM endpoint whose error, not JSON, quotes the key after 280 characters.
      res.writeHead(401, { 'content-type': 'text/plain' });
      return res.end(`${'.'.repeat(280)}key ${req.headers.authorization ?? ''} rejected`);
    }
    if (u.pathname === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('plain text');
    }
    json(404, { error: 'not found' });
  });
}

/** A loopback server answering every request with `handler`; `requested` settles at the first request. */
export async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
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

/** Runs `body` against a loopback server answering with `handler` (serve), and closes the server afterwards, also when `body` throws. */
export async function withServer<T>(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void, body: (s: Awaited<ReturnType<typeof serve>>) => Promise<T>): Promise<T> {
  const s = await serve(handler);
  try {
    return await body(s);
  } finally {
    await s.close();
  }
}

/**
 * Writes `chunk` to `res` without end, as fast as the client reads it (waiting for 'drain' when its
 * buffer is full), until the client hangs up; `onClose` runs then. For replies past a size limit.
 */
export function writeForever(res: http.ServerResponse, chunk: string, onClose?: () => void): void {
  let open = true;
  res.on('close', () => {
    open = false;
    onClose?.();
  });
  const pump = () => {
    while (open && res.write(chunk));
    if (open) res.once('drain', pump);
  };
  pump();
}
