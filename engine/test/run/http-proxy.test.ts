// http and llm steps honour the proxy variables of the run's environment, as curl in a shell step
// does (step-fetch.ts, proxy-env.ts); Node's fetch ignored them, so a run behind a corporate proxy
// could not reach anything. A real forward proxy on loopback (forward-proxy.ts) maps the `.test`
// names to loopback servers: those names do not resolve, so a request that reaches them came through
// it. In the editor (`editorFetch`) the editor's fetch keeps its own proxy settings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { idleLimit } from '../../src/run/actions/step-fetch.js';
import { fakeLlm, withServer } from './fake-servers.js';
import { envWith, forwardProxy } from './forward-proxy.js';
import { finished, run } from './helpers.js';

const port = (url: string) => new URL(url).port;

test('an http step goes through http_proxy, as a plain request in absolute form', async () => {
  await withServer((req, res) => res.end(`hello from ${req.url}`), async (target) => {
    const proxy = await forwardProxy({ 'weft-target.test': '127.0.0.1' });
    try {
      const url = `http://weft-target.test:${port(target.url)}/greet?x=1`;
      const r = await run(`steps:\n  - id: get\n    http: { url: "${url}" }\n`, { env: envWith({ http_proxy: proxy.url }) });
      assert.equal(finished(r.events, 'get').output, 'hello from /greet?x=1');
      assert.deepEqual(proxy.seen, [`GET ${url}`]);
    } finally {
      await proxy.close();
    }
  });
});

test('an https step goes through https_proxy with CONNECT; a failure says which proxy it went through', async () => {
  // The tunnel's far end speaks no TLS: the handshake fails, after the proxy was asked for it.
  const plain = net.createServer((s) => s.end('not tls\r\n'));
  await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
  const proxy = await forwardProxy({ 'weft-target.test': '127.0.0.1' });
  try {
    const p = (plain.address() as AddressInfo).port;
    const r = await run(`steps:\n  - id: get\n    http: { url: "https://weft-target.test:${p}/" }\n`, { env: envWith({ HTTPS_PROXY: proxy.url }) });
    assert.deepEqual(proxy.seen, [`CONNECT weft-target.test:${p}`]);
    const error = finished(r.events, 'get').error ?? '';
    assert.match(error, new RegExp(`^http: GET https://weft-target\\.test:${p}/: .+ \\(through the proxy ${proxy.url} \\(HTTPS_PROXY\\)\\)$`));
  } finally {
    await proxy.close();
    plain.close();
  }
});

test('loopback hosts and no_proxy hosts are reached directly', async () => {
  await withServer((_req, res) => res.end('direct'), async (target) => {
    const proxy = await forwardProxy({ 'weft-target.test': '127.0.0.1' });
    try {
      const env = envWith({ http_proxy: proxy.url, no_proxy: '.target.test' });
      const yaml = `config: { continueOnError: true }\nsteps:\n  - id: loop\n    http: { url: "${target.url}/" }\n  - id: listed\n    http: { url: "http://weft.target.test:${port(target.url)}/" }\n`;
      const r = await run(yaml, { env });
      assert.equal(finished(r.events, 'loop').output, 'direct');
      // Not through the proxy, so its name is looked up, and does not resolve.
      assert.match(finished(r.events, 'listed').error ?? '', /ENOTFOUND weft\.target\.test/);
      assert.deepEqual(proxy.seen, []);
    } finally {
      await proxy.close();
    }
  });
});

test('a proxy that wants credentials gets them from the URL; without them the error says 407 and never shows them', async () => {
  await withServer((_req, res) => res.end('let in'), async (target) => {
    const proxy = await forwardProxy({ 'weft-target.test': '127.0.0.1' }, { requireAuth: 'me:pa ss' });
    try {
      const url = `http://weft-target.test:${port(target.url)}/`;
      const yaml = `steps:\n  - id: get\n    http: { url: "${url}" }\n`;
      const withAuth = proxy.url.replace('http://', 'http://me:pa%20ss@');
      const ok = await run(yaml, { env: envWith({ http_proxy: withAuth }) });
      assert.equal(finished(ok.events, 'get').output, 'let in');
      assert.equal(proxy.auth[0], `Basic ${Buffer.from('me:pa ss').toString('base64')}`);
      const refused = await run(yaml, { env: envWith({ http_proxy: proxy.url.replace('http://', 'http://me:wrong-pw@') }) });
      const error = finished(refused.events, 'get').error ?? '';
      assert.match(error, /407/);
      assert.ok(error.includes(`(through the proxy ${proxy.url} (http_proxy))`), error);
      assert.ok(!error.includes('wrong-pw') && !fs.readFileSync(path.join(refused.runsDir, `${refused.fin.runId}.jsonl`), 'utf8').includes('wrong-pw'));
    } finally {
      await proxy.close();
    }
  });
});

test('a proxy variable that is not an http(s) URL fails the step with the variable\'s name', async () => {
  const r = await run(`steps:\n  - id: get\n    http: { url: "https://weft-target.test/" }\n`, { env: envWith({ https_proxy: 'socks5://me:secret@proxy.corp:1080' }) });
  const error = finished(r.events, 'get').error ?? '';
  assert.equal(error, 'http: GET https://weft-target.test/: https_proxy: socks5 proxies are not supported (expected an http:// or https:// proxy)');
  const llm = await run(`steps:\n  - id: ask\n    llm: { provider: openai, baseUrl: "https://weft-llm.test/v1", model: m, prompt: hi }\n`, { env: envWith({ HTTPS_PROXY: 'nope://x', OPENAI_API_KEY: 'k' }) });
  assert.equal(finished(llm.events, 'ask').error, 'llm: openai at https://weft-llm.test/v1: HTTPS_PROXY: nope proxies are not supported (expected an http:// or https:// proxy)');
});

test('an llm step goes through the proxy too', async () => {
  const llm = await fakeLlm('proxied reply');
  const proxy = await forwardProxy({ 'weft-llm.test': '127.0.0.1' });
  try {
    const baseUrl = `http://weft-llm.test:${port(llm.url)}/v1`;
    const yaml = `steps:\n  - id: ask\n    llm: { provider: openai, baseUrl: "${baseUrl}", model: m, prompt: hi }\n`;
    const r = await run(yaml, { env: envWith({ http_proxy: proxy.url, OPENAI_API_KEY: 'k' }) });
    assert.equal(finished(r.events, 'ask').output, 'proxied reply');
    assert.deepEqual(proxy.seen, [`POST ${baseUrl}/chat/completions`]);
  } finally {
    await proxy.close();
    await llm.close();
  }
});

test('through a proxy, the idle limits apply as without one, and a longer time limit replaces them', async () => {
  const saved = idleLimit.ms;
  idleLimit.ms = 400;
  try {
    await withServer((_req, res) => { setTimeout(() => res.end('late'), 1000); }, async (target) => {
      const proxy = await forwardProxy({ 'weft-target.test': '127.0.0.1' });
      try {
        const url = `http://weft-target.test:${port(target.url)}/`;
        const env = envWith({ http_proxy: proxy.url });
        const cut = await run(`steps:\n  - id: get\n    http: { url: "${url}" }\n`, { env });
        assert.match(finished(cut.events, 'get').error ?? '', /^http: GET .*: no response within 400ms \(/);
        const waited = await run(`steps:\n  - id: get\n    timeout: 10s\n    http: { url: "${url}" }\n`, { env });
        assert.equal(finished(waited.events, 'get').output, 'late');
      } finally {
        await proxy.close();
      }
    });
  } finally {
    idleLimit.ms = saved;
  }
});

test('with the editor\'s fetch, its proxy settings apply and the variables do not, unless the step\'s time limit needs undici\'s fetch', async () => {
  const saved = idleLimit.ms;
  idleLimit.ms = 400;
  try {
    await withServer((_req, res) => res.end('via the proxy'), async (target) => {
      const proxy = await forwardProxy({ 'weft-target.test': '127.0.0.1' });
      try {
        const url = `http://weft-target.test:${port(target.url)}/`;
        const env = envWith({ http_proxy: proxy.url });
        const editor = await run(`steps:\n  - id: get\n    http: { url: "${url}" }\n`, { env, editorFetch: true });
        assert.match(finished(editor.events, 'get').error ?? '', /ENOTFOUND weft-target\.test/);
        assert.deepEqual(proxy.seen, []);
        const long = await run(`steps:\n  - id: get\n    timeout: 10s\n    http: { url: "${url}" }\n`, { env, editorFetch: true });
        assert.equal(finished(long.events, 'get').output, 'via the proxy');
        assert.deepEqual(proxy.seen, [`GET ${url}`]);
      } finally {
        await proxy.close();
      }
    });
  } finally {
    idleLimit.ms = saved;
  }
});
