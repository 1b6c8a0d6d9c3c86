// The lifecycle of `weft lsp` as editors other than VS Code end it: shutdown then exit (0), exit
// without shutdown (1, as LSP says), stdin closed, an editor process (`processId`) that is gone, and
// requests after shutdown, which LSP says are answered InvalidRequest (they were served as usual).
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ErrorCodes, ExitNotification, ShutdownRequest } from 'vscode-languageserver-protocol/node';
import { bareClient } from './bare-client.js';
import { fileUri, type LspClient } from '../helpers/lsp-client.js';

/** The server's exit code once `end` (what the editor does to end it) is done; the connection is let go. */
async function exitCodeAfter(c: LspClient, end: () => unknown): Promise<number | null> {
  const code = new Promise<number | null>((resolve) => {
    if (c.exited !== undefined) resolve(c.exited);
    else c.child.on('exit', (n) => resolve(n));
  });
  await end();
  const out = await code;
  c.conn.dispose();
  return out;
}

/** The pid of a process that has exited. */
async function deadPid(): Promise<number> {
  const p = spawn(process.execPath, ['-e', '0']);
  await new Promise((resolve) => p.on('exit', resolve));
  return p.pid!;
}

describe('weft lsp lifecycle', () => {
  it('answers requests after shutdown with InvalidRequest, then exits 0 on exit', async () => {
    const c = await bareClient();
    const uri = fileUri('/virtual/after-shutdown.weft.yaml');
    await c.open(uri, 'steps:\n  - id: a\n    stub: 1\n');
    await c.waitForDiagnostics(uri);
    await c.conn.sendRequest(ShutdownRequest.type);
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition']) {
      await assert.rejects(c.requestAt(method, uri, { line: 1, character: 8 }), (e: { code?: number }) => e.code === ErrorCodes.InvalidRequest, method);
    }
    await assert.rejects(c.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), (e: { code?: number }) => e.code === ErrorCodes.InvalidRequest);
    assert.equal(await exitCodeAfter(c, () => c.conn.sendNotification(ExitNotification.type)), 0);
  });

  it('exits 1 on exit without shutdown', async () => {
    const c = await bareClient();
    assert.equal(await exitCodeAfter(c, () => c.conn.sendNotification(ExitNotification.type)), 1);
  });

  it('exits when its stdin closes', async () => {
    const c = await bareClient();
    // The connection ends without an exit notification: 1, as for exit without shutdown.
    assert.equal(await exitCodeAfter(c, () => c.child.stdin!.end()), 1);
  });

  it('exits when the editor process named by processId is gone', async () => {
    const c = await bareClient({ processId: await deadPid() });
    assert.equal(await exitCodeAfter(c, () => undefined), 1);
  });
});
