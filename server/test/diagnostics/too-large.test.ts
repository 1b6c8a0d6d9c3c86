// A huge document opened in the editor gets one precise error instead of a multi-second parse on
// every keystroke, and the server keeps answering.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LspClient, fileUri } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

describe('a document over the size limit', () => {
  it('gets one file-too-large diagnostic, and the server still answers', async () => {
    const uri = fileUri('/virtual/huge.weft.yaml');
    const text = 'steps:\n' + '  - { id: s, stub: true }\n'.repeat(420_000);
    await client.open(uri, text);
    const p = await client.waitForDiagnostics(uri, undefined, 60_000);
    assert.deepEqual(p.diagnostics.map((d) => [d.code, d.range.start.line]), [['file-too-large', 0]]);
    assert.match(String(p.diagnostics[0].message), /Weft reads workflow files of up to 10 MB/);
    const symbols = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
    assert.ok(Array.isArray(symbols), 'the server still answers requests on the document');
    assert.deepEqual(client.errors, []);
  });
});
