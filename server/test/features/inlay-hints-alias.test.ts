// Inlay hints on steps lists reused through a YAML alias (`branch2: *pipeline`): the text holds one
// id per step however many times the list is used, so each id gets one hint, not one per use.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = [
  'steps:',
  '  - id: twice',
  '    parallel:',
  '      branches:',
  '        left: &pipeline',
  '          - id: a',
  '            stub: true',
  '          - id: b',
  '            stub: { output: "${steps.a.output}" }',
  '        right: *pipeline',
  '  - id: nested',
  '    parallel:',
  '      branches:',
  '        one: &outer',
  '          - id: inner',
  '            parallel: { branches: { x: *pipeline, y: *pipeline } }',
  '        two: *outer',
  '',
].join('\n');

describe('inlay hints with YAML aliases', () => {
  it('gives each step id in the text one hint, however often its list is used', async () => {
    const uri = fileUri('/virtual/alias-hints.weft.yaml');
    await client.open(uri, text);
    const hints = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
    });
    const shown = hints.map((h) => `${h.position.line}:${h.position.character} ${String(h.label)}`);
    const at = (id: string, label: string) => {
      const p = positionOf(text, `id: ${id}`, 4 + id.length);
      return `${p.line}:${p.character} ${label}`;
    };
    assert.deepEqual(shown, [
      at('twice', 'stage 1 · parallel with nested'),
      at('a', 'stage 1'),
      at('b', 'stage 2'),
      at('nested', 'stage 1 · parallel with twice'),
      at('inner', 'stage 1'),
    ]);
  });
});
