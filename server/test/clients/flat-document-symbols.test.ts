// Document symbols for a client that does not declare
// `documentSymbol.hierarchicalDocumentSymbolSupport`: LSP says it gets SymbolInformation[] (a flat
// list with a location and the container's name), since it reads no `children` and no
// `selectionRange`: a DocumentSymbol tree would show it only the top-level `steps`, `inputs`, `outputs`.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-protocol';
import { bareClient } from './bare-client.js';
import type { LspClient } from '../helpers/lsp-client.js';

let flat: LspClient;
let tree: LspClient;
before(async () => {
  flat = await bareClient();
  tree = await bareClient({ capabilities: { textDocument: { documentSymbol: { hierarchicalDocumentSymbolSupport: true } } } });
});
after(async () => { await flat.stop(); await tree.stop(); });

const TEXT = 'inputs:\n  topic: {type: string}\nsteps:\n  - id: fetch\n    shell: echo hi\n  - id: fan\n    parallel:\n      branches:\n        left:\n          - id: l1\n            stub: 1\n';

describe('document symbols without hierarchicalDocumentSymbolSupport', () => {
  it('are SymbolInformation: every symbol, each with its location in the document and its container', async () => {
    const uri = await flat.openNew('flat-symbols', TEXT);
    const symbols = await flat.conn.sendRequest<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const rows = symbols.map((s) => [s.name, s.containerName ?? '', s.location?.uri === uri, s.location?.range.start.line]);
    assert.deepEqual(rows, [
      ['inputs', '', true, 0], ['topic', 'inputs', true, 1],
      ['steps', '', true, 2], ['fetch', 'steps', true, 3], ['fan', 'steps', true, 5], ['left', 'fan', true, 8], ['l1', 'left', true, 9],
    ]);
    assert.ok(symbols.every((s) => !('children' in s) && !('selectionRange' in s)));
  });

  it('a client that takes the tree still gets DocumentSymbols', async () => {
    const uri = await tree.openNew('tree-symbols', TEXT);
    const symbols = await tree.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    assert.deepEqual(symbols.map((s) => s.name), ['inputs', 'steps']);
    assert.deepEqual(symbols[1].children?.map((s) => s.name), ['fetch', 'fan']);
  });
});
