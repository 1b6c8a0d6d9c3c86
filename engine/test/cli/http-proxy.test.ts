// The bundled `weft` (dist/cli.js) sends http steps through the proxy that http_proxy names, as curl
// in a shell step would: ProxyAgent comes from dist/undici.js, the bundle of its own loaded on first
// use (esbuild.mjs). The proxy maps a `.test` name, which does not resolve, to a loopback server.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { withServer } from '../run/fake-servers.js';
import { envWith, forwardProxy } from '../run/forward-proxy.js';
import { tempDir } from '../run/helpers.js';
import { buildDist, runDistJson } from './dist-cli.js';

before(buildDist);

test('weft run: an http step goes through http_proxy; no_proxy and loopback go directly', async () => {
  const dir = tempDir();
  await withServer((req, res) => res.end(`hello ${req.url}`), async (s) => {
    const proxy = await forwardProxy({ 'weft-target.test': '127.0.0.1' });
    try {
      const port = new URL(s.url).port;
      fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), `steps:\n  - id: proxied\n    http: { url: "http://weft-target.test:${port}/a" }\n  - id: loop\n    http: { url: "${s.url}/b" }\n`);
      const { stdout, of } = await runDistJson(dir, { env: envWith({ HTTP_PROXY: proxy.url }) });
      assert.equal(of('proxied')?.output, 'hello /a', stdout);
      assert.equal(of('loop')?.output, 'hello /b', stdout);
      assert.deepEqual(proxy.seen, [`GET http://weft-target.test:${port}/a`]);
    } finally {
      await proxy.close();
    }
  });
});
