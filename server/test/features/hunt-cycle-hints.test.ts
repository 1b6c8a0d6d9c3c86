// A workflow with a dependency cycle never runs (`weft plan` plans nothing), yet the inlay hints gave
// the steps of the loop stages and peers ("b: stage 1 · parallel with c", while b waits for a, which
// was "stage 2 · parallel with d"), the hover said the same, and the code lens showed "critical path
// b -> a". The steps of a loop, and the steps that wait for one, now say so instead, and no other
// step names them as running in parallel with it; completion's detail says it too.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeLens, InlayHint } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor, positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = [
  'steps:',
  '  - id: a',
  '    shell: echo ${steps.b.output}',
  '  - id: b',
  '    shell: echo ${steps.a.output}',
  '  - id: c',
  '    stub: true',
  '  - id: d',
  '    needs: c',
  '    stub: true',
  '  - id: e',
  '    needs: a',
  '    stub: true',
  '  - id: f',
  '    needs: c',
  '    stub: true',
  '',
].join('\n');

async function open(name: string, body: string): Promise<string> {
  const uri = fileUri(`/virtual/${name}.weft.yaml`);
  await client.open(uri, body);
  await client.waitForDiagnostics(uri);
  return uri;
}

async function hints(uri: string, body: string): Promise<string[]> {
  const got = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
  });
  const lines = body.split('\n');
  return got.map((h) => `${/id: (\w+)/.exec(lines[h.position.line]!)![1]}: ${String(h.label)}`);
}

describe('hints, hover and code lens of a workflow with a dependency cycle', () => {
  it('the steps of the loop and those waiting for it get no stage and no peers', async () => {
    const uri = await open('hunt-cycle', text);
    assert.deepEqual(await hints(uri, text), [
      'a: in a dependency cycle',
      'b: in a dependency cycle',
      'c: stage 1',
      'd: stage 2 · parallel with f',
      'e: waits for a dependency cycle',
      'f: stage 2 · parallel with d',
    ]);
  });

  it('the hover on a step of the loop says so, with no stage or parallel peers', async () => {
    const uri = await open('hunt-cycle-hover', text);
    const h = (await client.hoverText(uri, positionOf(text, 'steps.b', 7)))!;
    assert.match(h, /^\*\*b\*\* · `shell` · in a dependency cycle/);
    assert.doesNotMatch(h, /stage|parallel with/);
    const e = (await client.hoverText(uri, positionOf(text, 'id: e', 4)))!;
    assert.match(e, /^\*\*e\*\* · `stub` · waits for a dependency cycle/);
  });

  it('completion after steps. says it of the steps it offers, not a stage', async () => {
    const fx = parseCursor(text.replace('  - id: c\n    stub: true', '  - id: c\n    stub: { output: "${steps.|}" }'));
    const uri = fileUri('/virtual/hunt-cycle-completion.weft.yaml');
    await client.open(uri, fx.text);
    await client.waitForDiagnostics(uri);
    const detail = Object.fromEntries((await client.completion(uri, fx)).map((i) => [i.label, i.detail]));
    assert.equal(detail.a, 'shell · in a dependency cycle');
    assert.equal(detail.e, 'stub · waits for a dependency cycle');
  });

  it('the code lens names the loop instead of a critical path', async () => {
    const uri = await open('hunt-cycle-lens', text);
    const lenses = await client.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(lenses.map((l) => l.command?.title), ['▶ Run workflow', '6 steps, dependency cycle: a -> b -> a']);
  });

  it('a loop through a block: the block and the step inside it', async () => {
    const body = [
      'steps:',
      '  - id: blk',
      '    parallel:',
      '      - id: inner',
      '        shell: echo ${steps.after.output}',
      '      - id: other',
      '        stub: true',
      '  - id: after',
      '    needs: blk',
      '    stub: true',
      '  - id: free',
      '    stub: true',
      '',
    ].join('\n');
    const uri = await open('hunt-cycle-block', body);
    const got = await hints(uri, body);
    assert.ok(got.includes('free: stage 1'), got.join('\n'));
    for (const id of ['blk', 'inner', 'after']) assert.ok(got.some((g) => g.startsWith(`${id}: `) && /cycle/.test(g)), got.join('\n'));
    assert.ok(!got.some((g) => /parallel with .*(blk|inner|after)/.test(g)), got.join('\n'));
  });
});
