// A request that never got a response failed with the socket library's words: `other side closed`
// (a server that closed the connection without answering), `connect ECONNREFUSED 127.0.0.1:9`.
// They now say what happened in plain words, the library's code kept in parentheses, as curl says
// "Empty reply from server" and "Couldn't connect to server"; for http and llm steps alike.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { test } from 'node:test';
import { finished, run } from './helpers.js';

/** A TCP server that closes every connection as soon as the request arrives. */
async function hangsUp(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = net.createServer((socket) => socket.once('data', () => socket.destroy()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return { port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** A loopback port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('http and llm: a server that hangs up, and a refused connection, are said plainly', { timeout: 30_000 }, async () => {
  const s = await hangsUp();
  const refused = await freePort();
  try {
    const env = { ...process.env, OPENAI_API_KEY: 'sk-connection-test' };
    const { events } = await run(
      [
        'config: { continueOnError: true }',
        'steps:',
        `  - { id: closed, http: { url: "http://127.0.0.1:${s.port}/x" } }`,
        `  - { id: refused, http: { url: "http://127.0.0.1:${refused}/x" } }`,
        `  - { id: model, llm: { prompt: hi, baseUrl: "http://127.0.0.1:${s.port}/v1" } }`,
        '',
      ].join('\n'),
      { env },
    );
    assert.equal(finished(events, 'closed').error, `http: GET http://127.0.0.1:${s.port}/x: the server closed the connection without sending a response (other side closed)`);
    assert.equal(finished(events, 'refused').error, `http: GET http://127.0.0.1:${refused}/x: nothing accepted the connection at 127.0.0.1:${refused} (connect ECONNREFUSED 127.0.0.1:${refused})`);
    assert.equal(finished(events, 'model').error, `llm: openai at http://127.0.0.1:${s.port}/v1: the server closed the connection without sending a response (other side closed)`);
  } finally {
    await s.close();
  }
});
