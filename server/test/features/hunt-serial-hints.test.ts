// `maxConcurrency: 1` (in `config:` for the whole run, or on a parallel or foreach block for the
// steps inside it) makes the steps run one at a time, yet the inlay hints and the hover said "stage
// 1 · parallel with b, blk" for them. Steps of one stage under such a limit are now named as
// running one at a time, saying which limit (the innermost); a limit of 2 or more, or one on another
// block, changes nothing.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

let n = 0;
async function open(body: string): Promise<string> {
  const uri = fileUri(`/virtual/hunt-serial-${n++}.weft.yaml`);
  await client.open(uri, body);
  await client.waitForDiagnostics(uri);
  return uri;
}

async function hints(body: string): Promise<string[]> {
  const uri = await open(body);
  const got = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
  });
  const lines = body.split('\n');
  return got.map((h) => `${/id: (\w+)/.exec(lines[h.position.line]!)![1]}: ${String(h.label)}`);
}

const blockLimited = (limit: string) => [
  'steps:',
  '  - id: a',
  '    stub: true',
  '  - id: b',
  '    stub: true',
  '  - id: blk',
  '    parallel:',
  `      maxConcurrency: ${limit}`,
  '      branches:',
  '        x: [{id: x1, stub: true}]',
  '        y: [{id: y1, stub: true}]',
  '  - id: each',
  '    foreach:',
  '      items: [1, 2]',
  '      maxConcurrency: 1',
  '      steps:',
  '        - id: p',
  '          stub: true',
  '        - id: q',
  '          stub: true',
  '',
].join('\n');

describe('hints and hover under maxConcurrency: 1', () => {
  it('config.maxConcurrency: 1: the steps of a stage run one at a time', async () => {
    const body = ['config:', '  maxConcurrency: 1', blockLimited('2')].join('\n');
    assert.deepEqual(await hints(body), [
      'a: stage 1 · one at a time with b, blk, each (maxConcurrency: 1 in config)',
      'b: stage 1 · one at a time with a, blk, each (maxConcurrency: 1 in config)',
      'blk: stage 1 · one at a time with a, b, each (maxConcurrency: 1 in config)',
      'x1: stage 1 · one at a time with y1 (maxConcurrency: 1 in config)',
      'y1: stage 1 · one at a time with x1 (maxConcurrency: 1 in config)',
      'each: stage 1 · one at a time with a, b, blk (maxConcurrency: 1 in config)',
      'p: stage 1 · one at a time with q (maxConcurrency: 1 on each)',
      'q: stage 1 · one at a time with p (maxConcurrency: 1 on each)',
    ]);
  });

  it("a block's maxConcurrency: 1 is for the steps inside it only", async () => {
    assert.deepEqual(await hints(blockLimited('1')), [
      'a: stage 1 · parallel with b, blk, each',
      'b: stage 1 · parallel with a, blk, each',
      'blk: stage 1 · parallel with a, b, each',
      'x1: stage 1 · one at a time with y1 (maxConcurrency: 1 on blk)',
      'y1: stage 1 · one at a time with x1 (maxConcurrency: 1 on blk)',
      'each: stage 1 · parallel with a, b, blk',
      'p: stage 1 · one at a time with q (maxConcurrency: 1 on each)',
      'q: stage 1 · one at a time with p (maxConcurrency: 1 on each)',
    ]);
    assert.ok((await hints(blockLimited('2'))).includes('x1: stage 1 · parallel with y1'));
  });

  it('the hover says the same', async () => {
    const body = blockLimited('1');
    const uri = await open(body);
    const h = (await client.hoverText(uri, positionOf(body, 'id: x1', 5)))!;
    assert.match(h, /- one at a time with: y1 \(maxConcurrency: 1 on blk\)/);
    assert.doesNotMatch(h, /parallel with/);
    const a = (await client.hoverText(uri, positionOf(body, 'id: a', 4)))!;
    assert.match(a, /- parallel with: b, blk, each/);
  });
});
