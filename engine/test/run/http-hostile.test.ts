// `http` steps against broken and hostile servers on loopback: a server that never answers or
// stalls mid-body (a step timeout and cancelling the run end it), a gzip bomb (the output limit
// counts inflated bytes), redirect loops and redirects out of http, a connection closed or reset
// mid-body, a body that cannot be decompressed, text that is not UTF-8, and JSON that does not
// parse, and a GET with a body. Each fails its step with a message that says what was wrong; nothing
// hangs or is lost.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as zlib from 'node:zlib';
import type { RunHandle } from '../../src/run/index.js';
import { withServer } from './fake-servers.js';
import { finished, run } from './helpers.js';

const LIMIT = 100 * 1024;

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
    await withServer(handler, async (s) => {
      const timedOut = await httpStep(`${s.url}/x`, { timeout: '300ms' });
      assert.equal(timedOut.status, 'failed');
      assert.equal(timedOut.error, 'timed out after 300ms');
      // Cancelled once the server has the request (no step timeout).
      const cancelled = await httpStep(`${s.url}/y`, { onHandle: (h) => void s.requested.then(() => h.cancel()) });
      assert.equal(cancelled.status, 'cancelled');
    });
  });
}

test('http: a gzip bomb is cut at the limit counted in inflated bytes', { timeout: 60_000 }, async () => {
  const bomb = zlib.gzipSync(Buffer.alloc(256 * 1024 * 1024, 'a')); // 256 MB in about 250 KB
  await withServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    res.end(bomb);
  }, async (s) => {
    const f = await httpStep(`${s.url}/bomb`);
    assert.equal(f.error, `http: GET ${s.url}/bomb: the response passed 100 KB, the most a step may hold; write large data to a file and pass its path instead`);
  });
});

test('http: a redirect loop, a redirect to a non-http scheme and a 3xx without Location fail with what happened', async () => {
  await withServer((req, res) => {
    if (req.url === '/loop') res.writeHead(302, { location: '/loop' });
    else if (req.url === '/file') res.writeHead(302, { location: 'file:///etc/passwd' });
    else res.writeHead(302);
    res.end('moved');
  }, async (s) => {
    assert.equal((await httpStep(`${s.url}/loop`)).error, `http: GET ${s.url}/loop: redirect count exceeded`);
    assert.equal((await httpStep(`${s.url}/file`)).error, `http: GET ${s.url}/file: URL scheme must be a HTTP(S) scheme`);
    assert.equal((await httpStep(`${s.url}/nowhere`)).error, `http: GET ${s.url}/nowhere returned 302: moved`);
  });
});

test('http: a connection closed or reset mid-body says so (was "terminated")', async () => {
  await withServer((req, res) => {
    res.writeHead(200, req.url === '/short' ? { 'content-type': 'text/plain', 'content-length': '100' } : { 'content-type': 'text/plain' });
    // Close (FIN) or reset (RST) once the headers and the first bytes are on their way.
    res.write('part', () => (req.url === '/reset' ? res.socket!.resetAndDestroy() : res.socket!.destroy()));
  }, async (s) => {
    assert.equal((await httpStep(`${s.url}/closed`)).error, `http: GET ${s.url}/closed: the response was cut short: the server closed the connection`);
    assert.equal((await httpStep(`${s.url}/short`)).error, `http: GET ${s.url}/short: the response was cut short: the server closed the connection`);
    // A reset reads as 'reset' or, when undici saw the socket end first, as 'closed'.
    assert.match((await httpStep(`${s.url}/reset`)).error!, /: the response was cut short: the server (reset|closed) the connection$/);
  });
});

test('http: a body that cannot be decompressed says so (was "terminated")', async () => {
  await withServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' });
    res.end('this is not gzip');
  }, async (s) => {
    assert.equal((await httpStep(`${s.url}/gz`)).error, `http: GET ${s.url}/gz: the response could not be decompressed (content-encoding: gzip): incorrect header check`);
  });
});

test('http: a gzip body cut short inside a complete HTTP response is accepted as far as it inflates (docs/engine.md)', async () => {
  // Under the 4 KB preview, so that step.finished carries the whole output.
  const text = Array.from({ length: 300 }, (_, i) => `line ${i}`).join('\n');
  const gz = zlib.gzipSync(text);
  const half = gz.subarray(0, gz.length >> 1);
  await withServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip', 'content-length': String(half.length) });
    res.end(half);
  }, async (s) => {
    const f = await httpStep(`${s.url}/half`);
    assert.equal(f.status, 'succeeded', f.error);
    const inflated = zlib.gunzipSync(half, { finishFlush: zlib.constants.Z_SYNC_FLUSH }).toString('utf8');
    assert.ok(inflated.length > 0 && text.startsWith(inflated) && inflated.length < text.length);
    assert.equal(f.output, inflated);
  });
});

test('http: a body that is not UTF-8 fails with where (was decoded with U+FFFD in place of the bytes); a declared charset is honoured', async () => {
  await withServer((req, res) => {
    if (req.url === '/latin1') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=ISO-8859-1' });
      res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9])); // "café"
    } else if (req.url === '/json') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(Buffer.concat([Buffer.from('{"name": "caf'), Buffer.from([0xe9]), Buffer.from('"}')]));
    } else if (req.url === '/odd') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=x-no-such-charset' });
      res.end('text');
    } else {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(Buffer.from([0x61, 0xe2, 0x82, 0xac, 0xff, 0x62])); // "a€", a stray 0xFF, "b"
    }
  }, async (s) => {
    assert.equal((await httpStep(`${s.url}/bin`)).error, `http: GET ${s.url}/bin: the response is not valid UTF-8 text (byte 0xFF at offset 4); to keep binary data, save it to a file in a shell step (curl -o FILE URL)`);
    assert.equal((await httpStep(`${s.url}/json`)).error, `http: GET ${s.url}/json: the response is not valid UTF-8 text (byte 0xE9 at offset 13); to keep binary data, save it to a file in a shell step (curl -o FILE URL)`);
    assert.equal((await httpStep(`${s.url}/latin1`)).output, 'café');
    assert.equal((await httpStep(`${s.url}/odd`)).error, `http: GET ${s.url}/odd: the response's charset 'x-no-such-charset' is not one Weft can decode`);
  });
});

test('http: JSON that does not parse fails with what is wrong and where (line, column, position)', async () => {
  const bodies: Record<string, string> = {
    '/literal': '{"a": 1,\n "b": tru}',
    '/html': '<html>' + 'x'.repeat(500),
    '/comma': '{"a": 1,}',
    '/cut': '{"a": [1, 2',
    '/end': '{"a": tr',
    '/trailing': '{"a": 1} {"b": 2}',
  };
  await withServer((req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(bodies[req.url!]);
  }, async (s) => {
    const error = async (p: string) => (await httpStep(`${s.url}${p}`)).error;
    const prefix = `http: GET ${s.url}`;
    assert.equal(await error('/literal'), `${prefix}/literal: the response is not valid JSON: unexpected token '}' at line 2, column 10 (position 18)`);
    assert.equal(await error('/html'), `${prefix}/html: the response is not valid JSON: unexpected token '<' at line 1, column 1 (position 0)`);
    assert.equal(await error('/comma'), `${prefix}/comma: the response is not valid JSON: expected double-quoted property name at line 1, column 9 (position 8)`);
    assert.equal(await error('/cut'), `${prefix}/cut: the response is not valid JSON: expected ',' or ']' after array element at line 1, column 12 (position 11)`);
    assert.equal(await error('/end'), `${prefix}/end: the response is not valid JSON: unexpected end of JSON input at line 1, column 9 (position 8)`);
    assert.equal(await error('/trailing'), `${prefix}/trailing: the response is not valid JSON: unexpected non-whitespace character after JSON at line 1, column 10 (position 9)`);
  });
});
