// The stats code lens of a long chain: the lens is one line above `steps:`, and it spelled the whole
// critical path, so a chain of 3,000 steps made a title of 26,000 characters. A path of more than
// six steps shows its first three and last two, and how many steps it has. A step whose id other
// steps share (branches that each have a `process`, as in the README's example) is named by the end
// of its path that is its own (`west/process`): "prepare -> process -> publish" named none of them.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const chain = (n: number) => 'steps:\n' + Array.from({ length: n }, (_, i) => `  - id: s${i}\n${i ? `    needs: s${i - 1}\n` : ''}    stub: true\n`).join('');

async function stats(text: string): Promise<string> {
  const uri = await client.openNew('lens-path', text);
  const lenses = await client.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  return lenses[1].command!.title;
}

describe('the stats code lens of a long critical path', () => {
  it('shortens a path of 3,000 steps', async () => {
    assert.equal(await stats(chain(3000)), '3000 steps, 3000 stages, critical path s0 -> s1 -> s2 -> … -> s2998 -> s2999 (3000 steps)');
  });
  it('spells a path of six steps whole', async () => {
    assert.equal(await stats(chain(6)), '6 steps, 6 stages, critical path s0 -> s1 -> s2 -> s3 -> s4 -> s5');
  });

  it('names a step whose id is repeated by the end of its path that is its own', async () => {
    const text = [
      'steps:',
      '  - id: prepare',
      '    stub: true',
      '  - id: regions',
      '    needs: prepare',
      '    parallel:',
      '      branches:',
      '        north:',
      '          - { id: process, stub: true }',
      '        west:',
      '          - { id: process, stub: { delay: 2s } }',
      '          - { id: publish, needs: process, stub: true }',
      '  - id: combine',
      '    needs: regions',
      '    stub: true',
      '',
    ].join('\n');
    assert.equal(await stats(text), '6 steps, 3 stages, critical path prepare -> west/process -> publish -> combine');
  });
});
