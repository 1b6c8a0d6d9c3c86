// Rename for a client that does not declare `rename.prepareSupport`: LSP allows RenameOptions
// (`prepareProvider`) only when the client declared it, so such a client is told `renameProvider:
// true`; rename itself still renames, and refuses with the reason prepareRename would give.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { bareClient } from './bare-client.js';
import type { LspClient } from '../helpers/lsp-client.js';

let bare: LspClient;
let prepare: LspClient;
before(async () => {
  bare = await bareClient();
  prepare = await bareClient({ capabilities: { textDocument: { rename: { prepareSupport: true } } } });
});
after(async () => { await bare.stop(); await prepare.stop(); });

describe('rename without prepareSupport', () => {
  it('is announced without prepareProvider; renames, and refuses with the reason', async () => {
    assert.equal(bare.initResult?.capabilities.renameProvider, true);
    const uri = await bare.openNew('rename-bare', 'steps:\n  - id: a\n    stub: 1\n  - id: b\n    stub: ${steps.a.output}\n');
    const edit = await bare.requestAt<WorkspaceEdit>('textDocument/rename', uri, { line: 1, character: 8 }, { newName: 'first' });
    assert.equal(edit.changes?.[uri]?.length, 2);
    await assert.rejects(bare.requestAt('textDocument/rename', uri, { line: 1, character: 8 }, { newName: 'b' }), /b/);
  });

  it('a client with prepareSupport is offered prepareRename', async () => {
    assert.deepEqual(prepare.initResult?.capabilities.renameProvider, { prepareProvider: true });
  });
});
