// A request the editor cancels before the server starts it (the user typed on while a large file
// was analysed, and the editor dropped its stale symbols, tokens and hints) is answered
// RequestCancelled without being run (server.ts's cancelUndispatched); the server then answers the
// next request as usual. Over the real protocol, with a 5,000-step file so that the server is busy
// when the cancellation arrives.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CancellationTokenSource, DocumentSymbolRequest, LSPErrorCodes } from 'vscode-languageserver-protocol/node';
import { generateWorkflow } from '../../../bench/lsp/generate.js';
import { ensureBuilt, fileUri, LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => {
  await ensureBuilt();
  // Diagnostics held back: the hover below must analyse the text itself, so that the server is
  // busy when the cancellation arrives.
  client = await LspClient.weft({ weft: { diagnostics: { debounceMs: 60000 } } });
});
after(() => client.stop());

describe('cancelled requests', () => {
  it('a request cancelled while the server is busy gets RequestCancelled; the next one its answer', async () => {
    const text = generateWorkflow(5000);
    const uri = fileUri('/virtual/cancelled.weft.yaml');
    await client.open(uri, text);
    const busy = client.hover(uri, positionOf(text, 'id: s0', 5));
    const source = new CancellationTokenSource();
    const stale = client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }, source.token);
    source.cancel();
    await assert.rejects(stale, (e: { code?: number }) => {
      assert.equal(e.code, LSPErrorCodes.RequestCancelled);
      return true;
    });
    assert.match(JSON.stringify(await busy), /s0/);
    const symbols = await client.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } });
    assert.match(JSON.stringify(symbols), /"s4999"/, 'the next request is answered');
  });
});
