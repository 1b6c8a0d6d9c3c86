// Backs docs/engine.md (http): a request to a port Node's fetch refuses (the Fetch standard's blocked
// ports, 1, 6000, ...) failed with only "bad port". The step's error now names the URL and the port
// and says it is one the HTTP client refuses; a redirect to such a port says a redirect led there.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { finished, run } from './helpers.js';

test('http to port 1: the URL, the port and why', async () => {
  const r = await run('steps:\n  - id: call\n    http: { url: "http://127.0.0.1:1/status" }\n');
  assert.equal(r.fin.status, 'failed');
  assert.equal(
    finished(r.events, 'call').error,
    "http: GET http://127.0.0.1:1/status: port 1 is a port Node's HTTP client (fetch) refuses to connect to, as browsers do (the Fetch standard's blocked ports); serve it on another port",
  );
});

test('a redirect to a blocked port says a redirect led there', async () => {
  const server = http.createServer((_req, res) => res.writeHead(302, { location: 'http://127.0.0.1:6000/x' }).end());
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/go`;
    const r = await run(`steps:\n  - id: call\n    http: { url: "${url}" }\n`);
    const error = finished(r.events, 'call').error ?? '';
    assert.ok(error.startsWith(`http: GET ${url}: a redirect led to a port Node's HTTP client (fetch) refuses`), error);
  } finally {
    server.close();
  }
});
