// The IPC transport the VS Code extension uses: `node dist/server.js --node-ipc`, messages over the
// Node IPC channel instead of stdio.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import {
  createProtocolConnection, IPCMessageReader, IPCMessageWriter, InitializeRequest, InitializedNotification,
  DidOpenTextDocumentNotification, PublishDiagnosticsNotification, ShutdownRequest, ExitNotification, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { SERVER, ensureBuilt } from '../helpers/lsp-client.js';

describe('IPC transport', () => {
  it('initializes, publishes diagnostics and exits over --node-ipc', async () => {
    await ensureBuilt();
    const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const conn = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published = new Promise<PublishDiagnosticsParams>((resolve) => conn.onNotification(PublishDiagnosticsNotification.type, resolve));
    conn.listen();
    try {
      const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { weft: { diagnostics: { debounceMs: 0 } } } });
      assert.ok(init.capabilities.hoverProvider);
      await conn.sendNotification(InitializedNotification.type, {});
      await conn.sendNotification(DidOpenTextDocumentNotification.type, {
        textDocument: { uri: 'file:///virtual/ipc.weft.yaml', languageId: 'weft', version: 1, text: 'steps:\n  - id: a\n    needs: zz\n    stub: true\n' },
      });
      const p = await published;
      assert.deepEqual(p.diagnostics.map((d) => d.code), ['unknown-step']);
      await conn.sendRequest(ShutdownRequest.type);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await conn.sendNotification(ExitNotification.type);
      assert.equal(await exited, 0);
    } finally {
      conn.dispose();
      if (child.exitCode === null) child.kill();
    }
  });
});
