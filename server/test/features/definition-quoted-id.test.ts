// Go to definition of a step whose id is quoted (`id: "b"`, `id: 'c'`) lands on the id without its
// quotes, as references, highlight and rename mark it and as an input's definition does: from a
// template reference, from a `needs` entry (plain or quoted), and from the id itself.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Location } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const TEXT = [
  'steps:',
  '  - id: "b"',
  '    stub: true',
  "  - id: 'c'",
  '    needs: ["b"]',
  '    shell: echo ${steps.b.output}',
  '  - id: d',
  '    needs: c',
  '    stub: true',
  '',
].join('\n');

describe('definition of a quoted step id', () => {
  it('is the id inside the quotes', async () => {
    const uri = await client.openNew('quoted-id', TEXT);
    const def = (needle: string, delta: number) => client.requestAt<Location | null>('textDocument/definition', uri, positionOf(TEXT, needle, delta));
    const b = { start: { line: 1, character: 9 }, end: { line: 1, character: 10 } };
    const c = { start: { line: 3, character: 9 }, end: { line: 3, character: 10 } };
    assert.deepEqual((await def('steps.b', 6))?.range, b);
    assert.deepEqual((await def('["b"]', 2))?.range, b);
    assert.deepEqual((await def('needs: c', 7))?.range, c);
    assert.deepEqual((await def('id: "b"', 5))?.range, b);
  });
});
