// The bundled `weft` (dist/cli.js) sends the request of a step whose time limit is over 5 minutes
// with undici from dist/undici.js, a bundle of its own loaded on first use (esbuild.mjs). The child
// is started with the global fetch's idle limits at 400 ms (undici's global dispatcher, set before
// the CLI loads), so a server 1 s slow ends a step without a long limit and not one with `timeout: 6m`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { withServer } from '../run/fake-servers.js';
import { ROOT, tempDir } from '../run/helpers.js';
import { buildDist, runDistJson } from './dist-cli.js';

before(buildDist);

test('weft run: a step with a 6m timeout outlasts the global fetch\'s idle limits; one without is ended by them', async () => {
  const dir = tempDir();
  const preload = path.join(dir, 'short-limits.mjs');
  const undici = pathToFileURL(path.join(ROOT, 'node_modules/undici/index.js')).href;
  fs.writeFileSync(preload, `import { Agent, setGlobalDispatcher } from ${JSON.stringify(undici)};\nsetGlobalDispatcher(new Agent({ headersTimeout: 400, bodyTimeout: 400 }));\n`);
  await withServer((_req, res) => void setTimeout(() => res.end('late'), 1000), async (s) => {
    fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), `config:\n  continueOnError: true\nsteps:\n  - id: long\n    timeout: 6m\n    http: { url: "${s.url}/a" }\n  - id: plain\n    http: { url: "${s.url}/b" }\n`);
    const { stdout, of } = await runDistJson(dir, { nodeArgs: ['--import', pathToFileURL(preload).href] });
    assert.equal(of('long')?.output, 'late', stdout);
    assert.match(of('plain')?.error ?? '', /\/b: no response within 5m \(/);
  });
});
