// What `weft lsp` asks of a client that declares nothing (no workspace.configuration, no folders, no
// progress, no dynamic registration): nothing at all; and of one that declares file watchers but
// refuses the registration (MethodNotFound, as a client missing the handler answers): only that,
// with no error logged and every feature still answering. Also single-file mode (rootUri null).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { bareClient, type Sent } from './bare-client.js';
import type { LspClient } from '../helpers/lsp-client.js';

let bare: LspClient & { sent: Sent };
let watching: LspClient & { sent: Sent };
before(async () => {
  bare = await bareClient();
  watching = await bareClient({ capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
});
after(async () => { await bare.stop(); await watching.stop(); });

const TEXT = 'steps:\n  - id: a\n    stub: true\n  - id: b\n    shell: echo ${steps.a.output} ${steps.x.output}\n';

async function exercise(c: LspClient, name: string): Promise<void> {
  const uri = await c.openNew(name, TEXT);
  assert.deepEqual((await c.waitForDiagnostics(uri)).diagnostics.map((d) => d.code), ['unknown-step']);
  await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await c.conn.sendNotification('$/setTrace', { value: 'verbose' });
  await c.conn.sendNotification('weft/unknownNotification', {});
  assert.ok(await c.hover(uri, { line: 4, character: 24 }));
  assert.ok((await c.completion(uri, { line: 4, character: 24 })).some((i) => i.label === 'a'));
  assert.ok((await c.conn.sendRequest<unknown[]>('textDocument/codeLens', { textDocument: { uri } })).length > 0);
}

describe('requests weft lsp sends to the client', () => {
  it('none to a client that declares nothing', async () => {
    await exercise(bare, 'bare-requests');
    assert.deepEqual(bare.sent.map((s) => s.method), []);
    assert.deepEqual(bare.errors, []);
  });

  it('only client/registerCapability to one that declares dynamic file watchers; a refusal is ignored', async () => {
    await exercise(watching, 'watching-requests');
    assert.deepEqual([...new Set(watching.sent.map((s) => s.method))], ['client/registerCapability']);
    assert.deepEqual(watching.errors, []);
  });
});
