// Hover on a step that a steps list reused through a YAML alias refers to: the list is one text but
// the model holds a copy of its steps per use, and each copy depends on the step. "needed by" named
// the one step in the text once per copy ("inner, inner"); it names each step of the text once.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = [
  'steps:',
  '  - id: fetch',
  '    stub: true',
  '  - id: par',
  '    parallel:',
  '      branches:',
  '        one: &list',
  '          - id: inner',
  '            shell: echo ${steps.fetch.output}',
  '        two: *list',
  '        three: *list',
  '  - id: last',
  '    needs: [fetch]',
  '    stub: true',
  '',
].join('\n');

describe('hover with YAML aliases', () => {
  it('names a step of reused text once in "needed by"', async () => {
    const uri = await client.openNew('hover-aliases', text);
    const value = (await client.hoverText(uri, positionOf(text, 'fetch', 1))) ?? '';
    assert.match(value, /^- needed by: inner, last$/m);
  });
});
