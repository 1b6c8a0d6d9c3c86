// Node's fetch ends a request after 300 s without headers or between two pieces of the body,
// whatever the step's timeout (undici's headersTimeout and bodyTimeout). Weft keeps those limits
// only for a step with no longer time limit (its own, an enclosing block's, the run's), and says so
// when they end one. Here the global fetch is given limits of 400 ms (undici's global dispatcher,
// which Node's fetch reads, and step-fetch.ts idleLimit to match), so that a server 1 s slow passes
// them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type * as http from 'node:http';
import { Agent, getGlobalDispatcher, setGlobalDispatcher } from 'undici';
import { idleLimit } from '../../src/run/actions/step-fetch.js';
import { withServer } from './fake-servers.js';
import { finished, run } from './helpers.js';

const SLOW_MS = 1000;

/** Runs `body` against the `slow` server with the global fetch's idle limits at 400 ms, restored after. */
async function withShortLimits(body: (url: string) => Promise<void>): Promise<void> {
  const saved = { ms: idleLimit.ms, dispatcher: getGlobalDispatcher() };
  const short = new Agent({ headersTimeout: 400, bodyTimeout: 400 });
  idleLimit.ms = 400;
  setGlobalDispatcher(short);
  try {
    await withServer(slow, (s) => body(s.url));
  } finally {
    idleLimit.ms = saved.ms;
    setGlobalDispatcher(saved.dispatcher);
    await short.close();
  }
}

/** `/headers` answers after SLOW_MS; `/body` sends its first byte at once and the rest after SLOW_MS. */
function slow(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.url === '/body') {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.write('a');
    setTimeout(() => res.end('b'), SLOW_MS);
  } else if (req.url?.endsWith('/chat/completions')) {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.write(`data: ${JSON.stringify({ model: 'm', choices: [{ index: 0, delta: { content: 'late reply' } }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    }, SLOW_MS);
  } else setTimeout(() => res.end('ok'), SLOW_MS);
}

const cure = 'the limit of a request whose step has no longer time limit; give the step a `timeout` over 400ms to wait longer';

test('http: without a longer time limit, the idle limits end a slow server\'s request, and the error says which and how to wait longer', async () => {
  await withShortLimits(async (url) => {
    const r = await run(`config:\n  continueOnError: true\nsteps:\n  - id: headers\n    http: { url: "${url}/headers" }\n  - id: body\n    http: { url: "${url}/body" }\n`);
    assert.equal(finished(r.events, 'headers').error, `http: GET ${url}/headers: no response within 400ms (${cure})`);
    assert.equal(finished(r.events, 'body').error, `http: GET ${url}/body: the response stalled: nothing received for 400ms (${cure})`);
  });
});

test('http: a time limit, the step\'s own, its block\'s or the run\'s, longer than the idle limits replaces them (was cut by them whatever the timeout)', async () => {
  await withShortLimits(async (url) => {
    const own = await run(`steps:\n  - id: headers\n    timeout: 10s\n    http: { url: "${url}/headers" }\n  - id: body\n    timeout: 10s\n    http: { url: "${url}/body" }\n`);
    assert.equal(finished(own.events, 'headers').output, 'ok');
    assert.equal(finished(own.events, 'body').output, 'ab');
    const inherited = await run(`config:\n  timeout: 10s\nsteps:\n  - id: headers\n    http: { url: "${url}/headers" }\n`);
    assert.equal(finished(inherited.events, 'headers').output, 'ok');
    const inBlock = await run(`steps:\n  - id: outer\n    timeout: 10s\n    parallel:\n      - id: headers\n        http: { url: "${url}/headers" }\n`);
    assert.equal(finished(inBlock.events, 'outer/headers').output, 'ok');
  });
});

test('llm: the same rule for a provider slow to answer', async () => {
  await withShortLimits(async (url) => {
    const step = (timeout: string) => `  - id: ask${timeout ? 'Timed' : ''}\n${timeout}    llm: { provider: ollama, baseUrl: "${url}/v1", prompt: hi }\n`;
    const r = await run(`config:\n  continueOnError: true\nsteps:\n${step('')}${step('    timeout: 10s\n')}`);
    assert.equal(finished(r.events, 'ask').error, `llm: ollama at ${url}/v1: no response within 400ms (${cure})`);
    assert.equal(finished(r.events, 'askTimed').output, 'late reply');
  });
});
