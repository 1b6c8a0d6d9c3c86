// Inlay hints in the branches of a `parallel` block: a step runs at the same time as the steps of the
// same stage in the block's other branches, so its hint names them (the seed's chained parallel
// groups, a shorthand `parallel:` list, showed "stage 1" alone on every step of a group). Branches
// that repeat the same ids (the README's example: a `process` and a `publish` in each region) name
// those steps by the shortest end of their path that is their own (`south/process`), in the hint and
// in the hover's lists, which read "parallel with: process, process, process".
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { InlayHint } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

/** Each hinted line's step id with its hint's label. */
async function hints(name: string, text: string): Promise<string[]> {
  const uri = fileUri(`/virtual/${name}.weft.yaml`);
  await client.open(uri, text);
  await client.waitForDiagnostics(uri);
  const got = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', {
    textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } },
  });
  const lines = text.split('\n');
  return got.map((h) => `${/id: (\w+)/.exec(lines[h.position.line]!)![1]}: ${String(h.label)}`);
}

describe('inlay hints across the branches of a parallel block', () => {
  it('a shorthand parallel list: every step is its own branch, and each names the others', async () => {
    const text = [
      'steps:',
      '  - id: group',
      '    parallel:',
      '      - id: a',
      '        stub: true',
      '      - id: b',
      '        stub: true',
      '      - id: c',
      '        stub: true',
      '  - id: after',
      '    stub: { output: "${steps.group.output}" }',
      '',
    ].join('\n');
    assert.deepEqual(await hints('shorthand', text), [
      'group: stage 1',
      'a: stage 1 · parallel with b, c',
      'b: stage 1 · parallel with a, c',
      'c: stage 1 · parallel with a, b',
      'after: stage 2',
    ]);
  });

  it('named branches: the same stage of each other branch, and of its own list', async () => {
    const text = [
      'steps:',
      '  - id: both',
      '    parallel:',
      '      branches:',
      '        left:',
      '          - id: l1',
      '            stub: true',
      '          - id: l2',
      '            stub: { output: "${steps.l1.output}" }',
      '        right:',
      '          - id: r1',
      '            stub: true',
      '          - id: r1b',
      '            stub: true',
      '          - id: r2',
      '            stub: { output: "${steps.r1.output}" }',
      '',
    ].join('\n');
    assert.deepEqual(await hints('branches', text), [
      'both: stage 1',
      'l1: stage 1 · parallel with r1, r1b',
      'l2: stage 2 · parallel with r2',
      'r1: stage 1 · parallel with l1, r1b',
      'r1b: stage 1 · parallel with l1, r1',
      'r2: stage 2 · parallel with l2',
    ]);
  });

  it('a foreach body lists only its own steps (its other iterations are copies of the same steps)', async () => {
    const text = [
      'steps:',
      '  - id: each',
      '    foreach:',
      '      items: [1, 2]',
      '      steps:',
      '        - id: x',
      '          stub: true',
      '        - id: y',
      '          stub: true',
      '',
    ].join('\n');
    assert.deepEqual(await hints('foreach', text), ['each: stage 1', 'x: stage 1 · parallel with y', 'y: stage 1 · parallel with x']);
  });

  it('branches with the same ids: those steps are named by their branch, in the hint and the hover', async () => {
    const text = [
      'steps:',
      '  - id: prep',
      '    stub: true',
      '  - id: regions',
      '    needs: prep',
      '    parallel:',
      '      branches:',
      '        north:',
      '          - id: process',
      '            stub: true',
      '          - id: publish',
      '            stub: { output: "${steps.process.output}" }',
      '          - id: extra',
      '            stub: { output: "${steps.process.output}" }',
      '        south:',
      '          - id: process',
      '            stub: true',
      '          - id: publish',
      '            stub: { output: "${steps.process.output}" }',
      '',
    ].join('\n');
    assert.deepEqual(await hints('same-ids', text), [
      'prep: stage 1',
      'regions: stage 2',
      'process: stage 1 · parallel with south/process',
      'publish: stage 2 · parallel with extra, south/publish',
      'extra: stage 2 · parallel with north/publish, south/publish',
      'process: stage 1 · parallel with north/process',
      'publish: stage 2 · parallel with north/publish, extra',
    ]);
    const uri = fileUri('/virtual/same-ids.weft.yaml');
    const hover = await client.hoverText(uri, { line: 10, character: '          - id: pu'.length });
    assert.match(hover ?? '', /- parallel with: extra, south\/publish$/m);
    const processHover = await client.hoverText(uri, { line: 8, character: '          - id: pr'.length });
    assert.match(processHover ?? '', /- needed by: north\/publish, extra$/m, 'an id another step has is named by its branch wherever it is listed');
  });
});
