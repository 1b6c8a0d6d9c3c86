// Go to definition, references and highlight of a foreach item (found writing a data pipeline: on
// `${f}` in a foreach body, go to definition and find references gave nothing). The item's
// declaration is the foreach's `as: f` (its `foreach` key for the default `item`); its uses are the
// `${f...}` paths in the body that name this foreach's item: an inner foreach with the same name
// hides it, and a use outside the body (an error) is not one.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DocumentHighlight, Location } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = [
  'steps:',
  '  - id: list',
  '    stub: { output: [a, b] }',
  '  - id: per_file',
  '    foreach:',
  '      items: ${steps.list.output}',
  '      as: f',
  '      steps:',
  '        - id: read',
  '          shell: cat "${f}" ${index}',
  '        - id: tag',
  '          if: ${f != \'skip\'}',
  '          stub: { output: "${f.name}-${steps.read.output}" }',
  '        - id: inner',
  '          foreach:',
  '            items: ${f.parts}',
  '            as: f',
  '            steps:',
  '              - id: deep',
  '                shell: echo ${f}',
  '  - id: plain',
  '    foreach:',
  '      items: [1, 2]',
  '      steps:',
  '        - id: one',
  '          shell: echo ${item}',
  '',
].join('\n');

const spots = (locs: { range: { start: { line: number; character: number }; end: { character: number } } }[]) =>
  locs.map((l) => `${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`);

describe('foreach item navigation', () => {
  it('goes from a use to the `as:` value of the foreach it names', async () => {
    const uri = await client.openNew('item-nav', text);
    assert.deepEqual(client.diagnostics.get(uri)?.diagnostics, []);
    const def = await client.requestAt<Location>('textDocument/definition', uri, positionOf(text, '${f.name}', 2));
    assert.deepEqual(spots([def]), ['6:10-11']);
    const inner = await client.requestAt<Location>('textDocument/definition', uri, positionOf(text, 'echo ${f}', 7));
    assert.deepEqual(spots([inner]), ['16:16-17']);
    const dflt = await client.requestAt<Location>('textDocument/definition', uri, positionOf(text, '${item}', 3));
    assert.deepEqual(spots([dflt]), ['21:4-11']);
  });

  it('lists every use in its body (the inner foreach items: of the outer), not the inner item', async () => {
    const uri = await client.openNew('item-nav', text);
    const refs = await client.requestAt<Location[]>('textDocument/references', uri, positionOf(text, 'as: f', 4), { context: { includeDeclaration: true } });
    assert.deepEqual(spots(refs), ['6:10-11', '9:24-25', '11:16-17', '12:29-30', '15:21-22']);
    const hl = await client.requestAt<DocumentHighlight[]>('textDocument/documentHighlight', uri, positionOf(text, 'echo ${f}', 7));
    assert.deepEqual(spots(hl), ['16:16-17', '19:30-31']);
    assert.deepEqual(hl.map((h) => h.kind), [3, 2]);
  });
});
