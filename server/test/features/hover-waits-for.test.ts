// Hover's "waits for" on steps in and around blocks. Language spec 3.2: a block's children inherit its
// dependencies, and a foreach starts when its body's outside references are available. Hover listed
// only a step's own references and needs, so a foreach whose body reads an earlier step said
// "waits for: nothing" beside "stage 2 of 2", and a step in a block with `needs: prep` said it waits
// for nothing (found writing a data pipeline with the editor's hovers).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = [
  'steps:',
  '  - id: prep',
  '    shell: echo prep',
  '  - id: fetch',
  '    shell: echo fetch',
  '  - id: analyses',
  '    needs: prep',
  '    parallel:',
  '      - id: sum',
  '        shell: echo ${steps.fetch.output}',
  '      - id: other',
  '        stub: true',
  '      - id: nested',
  '        parallel:',
  '          - id: deep',
  '            shell: echo ${steps.fetch.output}',
  '  - id: loop',
  '    foreach:',
  '      items: [1, 2]',
  '      steps:',
  '        - id: each',
  '          shell: echo ${steps.fetch.output} ${item}',
  '        - id: after_each',
  '          shell: echo ${steps.each.output}',
  '',
].join('\n');

async function waitsFor(uri: string, id: string): Promise<string[]> {
  const value = await client.hoverText(uri, positionOf(text, `id: ${id}`, 5));
  assert.ok(value !== undefined, `a hover on ${id}`);
  return value.split('\n').filter((l) => /^- (waits for|its steps also wait for)/.test(l));
}

describe('hover: what a step in or around a block waits for', () => {
  it('a foreach whose body reads an outside step waits for it', async () => {
    const uri = await client.openNew('waits-for', text);
    assert.deepEqual(await waitsFor(uri, 'loop'), ['- waits for: nothing', '- its steps also wait for: fetch']);
  });

  it('a block lists its own needs, then the outside steps its steps wait for (not those inside it)', async () => {
    const uri = await client.openNew('waits-for', text);
    assert.deepEqual(await waitsFor(uri, 'analyses'), ['- waits for: prep', '- its steps also wait for: fetch']);
    assert.deepEqual(await waitsFor(uri, 'nested'), ['- waits for: prep (through analyses)', '- its steps also wait for: fetch']);
  });

  it('a step inside a block waits for what the blocks around it wait for', async () => {
    const uri = await client.openNew('waits-for', text);
    assert.deepEqual(await waitsFor(uri, 'other'), ['- waits for: prep (through analyses)']);
    assert.deepEqual(await waitsFor(uri, 'sum'), ['- waits for: fetch, prep (through analyses)']);
    assert.deepEqual(await waitsFor(uri, 'deep'), ['- waits for: fetch, prep (through analyses)']);
  });

  it('a step with no dependency anywhere still says nothing; the file is clean', async () => {
    const uri = await client.openNew('waits-for', text);
    assert.deepEqual(client.diagnostics.get(uri)?.diagnostics, []);
    assert.deepEqual(await waitsFor(uri, 'fetch'), ['- waits for: nothing']);
    assert.deepEqual(await waitsFor(uri, 'after_each'), ['- waits for: each']);
  });

  it('a block whose id another block has is named by its branch (through north/inner)', async () => {
    const twice = [
      'steps:',
      '  - id: prep',
      '    stub: true',
      '  - id: regions',
      '    parallel:',
      '      branches:',
      '        north:',
      '          - id: inner',
      '            needs: prep',
      '            parallel: [{ id: n1, stub: true }]',
      '        south:',
      '          - id: inner',
      '            needs: prep',
      '            parallel: [{ id: s1, stub: true }]',
      '',
    ].join('\n');
    const uri = await client.openNew('waits-for-twice', twice);
    const value = await client.hoverText(uri, positionOf(twice, 'id: n1', 5));
    assert.match(value ?? '', /^- waits for: prep \(through north\/inner\)$/m);
  });
});
