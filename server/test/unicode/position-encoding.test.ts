// docs/language-server.md, 'Text beyond ASCII': positions are UTF-16 whatever a client offers in
// `general.positionEncodings` (Neovim and Helix offer UTF-8 first): the initialize answer names no
// `positionEncoding`, which LSP 3.17 reads as 'utf-16', and an emoji before the cursor counts 2.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Hover } from 'vscode-languageserver-protocol';
import { bareClient } from '../clients/bare-client.js';
import { fileUri } from '../helpers/lsp-client.js';

describe('position encoding', () => {
  for (const offered of [['utf-8'], ['utf-32'], ['utf-8', 'utf-16']]) {
    it(`is UTF-16 when the client offers ${offered.join(', ')}`, async () => {
      const c = await bareClient({ capabilities: { general: { positionEncodings: offered } } });
      try {
        assert.equal(c.initResult?.capabilities.positionEncoding, undefined);
        const uri = fileUri('/virtual/encoding.weft.yaml');
        const text = 'steps:\n  - id: a\n    stub: {output: "😀 ${steps.b.output}"}\n  - id: b\n    stub: 1\n';
        await c.open(uri, text);
        await c.waitForDiagnostics(uri);
        // `b` in `steps.b`, counted in UTF-16 units (the emoji counts 2; in UTF-8 it would count 4).
        const line = text.split('\n')[2]!;
        const col = line.indexOf('steps.b') + 'steps.'.length;
        const h = await c.requestAt<Hover | null>('textDocument/hover', uri, { line: 2, character: col });
        assert.ok(h?.range, 'a hover on b');
        assert.equal(line.slice(h.range.start.character, h.range.end.character), 'b');
      } finally {
        await c.stop();
      }
    });
  }
});
