// An http step whose time limit is over 5 minutes, run from VS Code: its request is sent with undici
// from dist/undici.js (engine/src/run/actions/step-fetch.ts), a bundle of its own that the extension
// loads on first use from beside dist/extension.js. This proves the VSIX carries it and the
// extension host loads it: without it the step fails.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { workspaceDir, type Started } from './helpers.js';

describe('http step with a long time limit', function () {
  this.timeout(60_000);

  it('runs in the extension host with dist/undici.js', async () => {
    const server = http.createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const file = path.join(workspaceDir(), 'long-limit.weft.yaml');
    fs.writeFileSync(file, `name: long-limit\nsteps:\n  - id: call\n    timeout: 6m\n    http: { url: "${url}" }\n`);
    try {
      const r = await vscode.commands.executeCommand<Started>('weft.run', vscode.Uri.file(file));
      assert.ok(r.started, JSON.stringify(r));
      const done = await r.done;
      assert.equal(done.status, 'succeeded', JSON.stringify(done));
    } finally {
      server.close();
      fs.rmSync(file, { force: true });
    }
  });
});
