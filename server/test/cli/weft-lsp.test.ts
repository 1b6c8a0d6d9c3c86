// `weft lsp` (dist/cli.js) runs the language server on stdio: an editor that starts `weft lsp`
// gets the same server, and the exit code is forwarded.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, ROOT, ensureBuilt, fileUri } from '../helpers/lsp-client.js';

const CLI = path.join(ROOT, 'dist', 'cli.js');
let client: LspClient;

before(async () => {
  await ensureBuilt();
  client = new LspClient(process.execPath, [CLI, 'lsp']);
  await client.initialize({ weft: { diagnostics: { debounceMs: 0 } } });
});
after(async () => { if (client.exited === undefined) await client.stop(); });

describe('weft lsp', () => {
  it('speaks LSP on stdio and publishes diagnostics', async () => {
    assert.ok(fs.existsSync(CLI));
    assert.equal(client.initResult?.serverInfo?.name, 'weft-language-server');
    const uri = fileUri('/virtual/cli.weft.yaml');
    await client.open(uri, 'steps:\n  - id: a\n    shell: echo ${steps.b.output}\n');
    const d = await client.waitForDiagnostics(uri);
    assert.deepEqual(d.diagnostics.map((x) => x.code), ['unknown-step']);
  });
  it('exits 0 after shutdown and exit', async () => {
    const exited = new Promise<number | null>((resolve) => client.child.on('exit', (code) => resolve(code)));
    await client.stop();
    assert.equal(await exited.catch(() => client.exited), client.exited ?? 0);
    assert.equal(client.exited, 0);
  });
});

describe('weft lsp --clientProcessId (as vscode-languageclient passes it to a server it starts)', () => {
  for (const form of ['--clientProcessId=PID', '--clientProcessId PID']) {
    it(`${form}: serves, and exits by itself once that process is gone`, async () => {
      const { spawn } = await import('node:child_process');
      const editor = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
      const args = form.replace('PID', String(editor.pid)).split(' ');
      const c = new LspClient(process.execPath, [CLI, 'lsp', '--stdio', ...args]);
      try {
        await c.initialize({});
        assert.equal(c.initResult?.serverInfo?.name, 'weft-language-server');
        const exited = new Promise<number | null>((resolve) => c.child.on('exit', (code) => resolve(code)));
        editor.kill('SIGKILL');
        // vscode-languageserver checks the client's process every 3 s.
        assert.equal(await exited, 1);
      } finally {
        editor.kill('SIGKILL');
        if (c.exited === undefined) c.child.kill('SIGKILL');
      }
    });
  }
});
