// The weft.llm.* settings (interfaces.md) and the key in secret storage reach an llm step: a loopback
// OpenAI-compatible server sees the settings' model at the settings' base URL, with the stored key.
// (weft.maxConcurrency and weft.runs.keep are checked in runs.vscode.ts.)
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { workspaceDir, type Started } from './helpers.js';

describe('Settings', function () {
  this.timeout(60_000);

  it('gives llm steps the weft.llm.* settings and the stored API key', async () => {
    const seen: { url?: string; auth?: string; model?: string }[] = [];
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        seen.push({ url: req.url, auth: req.headers.authorization, model: (JSON.parse(body || '{}') as { model?: string }).model });
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'hello' } }] })}\n\n`);
        res.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`);
        res.end('data: [DONE]\n\n');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const cfg = vscode.workspace.getConfiguration('weft');
    const file = path.join(workspaceDir(), 'llm-settings.weft.yaml');
    fs.writeFileSync(file, 'name: llm-settings\nsteps:\n  - id: ask\n    llm:\n      prompt: say hello\n');
    try {
      await cfg.update('llm.provider', 'openai', vscode.ConfigurationTarget.Workspace);
      await cfg.update('llm.model', 'settings-model', vscode.ConfigurationTarget.Workspace);
      await cfg.update('llm.baseUrl', `http://127.0.0.1:${port}/v1`, vscode.ConfigurationTarget.Workspace);
      assert.equal(await vscode.commands.executeCommand('weft.setApiKey', 'openai', 'sk-settings-test-1'), true);
      const r = await vscode.commands.executeCommand<Started>('weft.run', vscode.Uri.file(file));
      assert.ok(r.started, JSON.stringify(r));
      assert.equal((await r.done).status, 'succeeded');
      assert.deepEqual(seen, [{ url: '/v1/chat/completions', auth: 'Bearer sk-settings-test-1', model: 'settings-model' }]);
    } finally {
      for (const k of ['llm.provider', 'llm.model', 'llm.baseUrl']) await cfg.update(k, undefined, vscode.ConfigurationTarget.Workspace);
      server.close();
      fs.rmSync(file, { force: true });
    }
  });
});
