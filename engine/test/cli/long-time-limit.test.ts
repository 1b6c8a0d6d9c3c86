// The bundled `weft` (dist/cli.js) sends the request of a step whose time limit is over 5 minutes
// with undici from dist/undici.js, a bundle of its own loaded on first use (esbuild.mjs). The child
// is started with the global fetch's idle limits at 400 ms (undici's global dispatcher, set before
// the CLI loads), so a server 1 s slow ends a step without a long limit and not one with `timeout: 6m`.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { withServer } from '../run/fake-servers.js';
import { ROOT, tempDir } from '../run/helpers.js';

before(() => {
  const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `node esbuild.mjs failed:\n${r.stderr}`);
});

test('weft run: a step with a 6m timeout outlasts the global fetch\'s idle limits; one without is ended by them', async () => {
  const dir = tempDir();
  const preload = path.join(dir, 'short-limits.mjs');
  const undici = pathToFileURL(path.join(ROOT, 'node_modules/undici/index.js')).href;
  fs.writeFileSync(preload, `import { Agent, setGlobalDispatcher } from ${JSON.stringify(undici)};\nsetGlobalDispatcher(new Agent({ headersTimeout: 400, bodyTimeout: 400 }));\n`);
  await withServer((_req, res) => void setTimeout(() => res.end('late'), 1000), async (s) => {
    fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), `config:\n  continueOnError: true\nsteps:\n  - id: long\n    timeout: 6m\n    http: { url: "${s.url}/a" }\n  - id: plain\n    http: { url: "${s.url}/b" }\n`);
    // Async spawn: the server answers in this process while the child runs.
    const r = await new Promise<{ stdout: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', pathToFileURL(preload).href, path.join(ROOT, 'dist/cli.js'), 'run', 'wf.weft.yaml', '--json', '--runs-dir', 'runs'], { cwd: dir });
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.on('close', () => resolve({ stdout }));
    });
    const finished = r.stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l)).filter((e) => e.type === 'step.finished');
    const of = (p: string) => finished.find((e) => e.path === p);
    assert.equal(of('long')?.output, 'late', r.stdout);
    assert.match(of('plain')?.error ?? '', /\/b: no response within 5m \(/);
  });
});
