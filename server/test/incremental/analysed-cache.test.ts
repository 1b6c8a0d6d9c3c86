// The store analyses each version of a document once; the cached analysis must be the one of the
// text the document holds now, not merely of a text of the same version and length. A client that
// sends the same version twice (or none, which the server reads as 0), or a document opened again
// without being closed, would otherwise get the plan, hover and diagnostics of the old text.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DidChangeTextDocumentNotification, DidOpenTextDocumentNotification } from 'vscode-languageserver-protocol/node';
import { LspClient, fileUri } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = (id: string) => `steps:\n  - id: ${id}\n    stub: true\n`;
const planIds = async (uri: string) => ((await client.conn.sendRequest('weft/plan', { uri })) as { id: string }[]).map((n) => n.id);

describe('the cached analysis of a document', () => {
  it('a change of the same length sent with the same version is analysed', async () => {
    const uri = fileUri('/virtual/cache-same-version.weft.yaml');
    await client.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'weft', version: 1, text: text('aa') } });
    assert.deepEqual(await planIds(uri), ['aa']);
    await client.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 1 }, contentChanges: [{ range: { start: { line: 1, character: 8 }, end: { line: 1, character: 10 } }, text: 'bb' }],
    });
    assert.deepEqual(await planIds(uri), ['bb']);
  });

  it('a document opened again (same version, same length) without a close is analysed', async () => {
    const uri = fileUri('/virtual/cache-reopen.weft.yaml');
    await client.open(uri, text('one'));
    assert.deepEqual(await planIds(uri), ['one']);
    await client.open(uri, text('two'));
    assert.deepEqual(await planIds(uri), ['two']);
  });
});
