// The bundled `weft` (dist/cli.js) sends http steps through the proxy that http_proxy names, as curl
// in a shell step would: ProxyAgent comes from dist/undici.js, the bundle of its own loaded on first
// use (esbuild.mjs). The proxy maps a `.test` name, which does not resolve, to a loopback server.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { withServer } from '../run/fake-servers.js';
import { envWith, forwardProxy } from '../run/forward-proxy.js';
import { ROOT, tempDir } from '../run/helpers.js';

before(() => {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `node esbuild.mjs failed:\n${r.stderr}`);
});

test('weft run: an http step goes through http_proxy; no_proxy and loopback go directly', async () => {
  const dir = tempDir();
  await withServer((req, res) => res.end(`hello ${req.url}`), async (s) => {
    const proxy = await forwardProxy({ 'weft-target.test': '127.0.0.1' });
    try {
      const port = new URL(s.url).port;
      fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), `steps:\n  - id: proxied\n    http: { url: "http://weft-target.test:${port}/a" }\n  - id: loop\n    http: { url: "${s.url}/b" }\n`);
      // Async spawn: the servers answer in this process while the child runs.
      const stdout = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'run', 'wf.weft.yaml', '--json', '--runs-dir', 'runs'], { cwd: dir, env: envWith({ HTTP_PROXY: proxy.url }) });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.on('close', () => resolve(out));
      });
      const finished = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.type === 'step.finished');
      const of = (p: string) => finished.find((e) => e.path === p);
      assert.equal(of('proxied')?.output, 'hello /a', stdout);
      assert.equal(of('loop')?.output, 'hello /b', stdout);
      assert.deepEqual(proxy.seen, [`GET http://weft-target.test:${port}/a`]);
    } finally {
      await proxy.close();
    }
  });
});
