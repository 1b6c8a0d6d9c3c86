// Completion of a foreach item's fields (`${site.|}`) when the foreach lists its items literally, as
// mappings (flow or block style): the keys those items have, across all of them, and inside a
// field that is itself a mapping (`${site.meta.|}`). Items that come from a template, or that are not
// mappings, have no fields to offer. The item is the one the analyser resolves: the innermost
// enclosing foreach with that name (`as`, or `item`).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const doc = (use: string, inner = 'x', templated = 'x', before = 'true') => [
  'steps:',
  '  - id: list',
  '    stub: {output: [{x: 1}]}',
  '  - id: before',
  `    shell: echo ${before}`,
  '  - id: each',
  '    foreach:',
  '      items: [{name: a, url: "http://a", meta: {size: 1}}, {name: b, tags: [x]}, 3]',
  '      as: site',
  '      steps:',
  `        - id: get`,
  `          shell: echo ${use}`,
  '        - id: inner',
  '          foreach:',
  '            items:',
  '              - region: eu',
  '                zone: 1',
  '              - region: us',
  '            steps:',
  `              - id: deep`,
  `                shell: echo ${inner}`,
  '  - id: templated',
  '    foreach:',
  '      items: ${steps.list.output}',
  '      steps:',
  '        - id: t',
  `          shell: echo ${templated}`,
  '',
].join('\n');
const labels = (text: string) => client.completionLabelsAt('item-fields', text);

describe("completion of a foreach item's fields", () => {
  it('the keys of the literal items, across all of them', async () => {
    assert.deepEqual(await labels(doc('${site.|}')), ['meta', 'name', 'tags', 'url']);
    assert.deepEqual(await labels(doc('${site.na|}')), ['meta', 'name', 'tags', 'url']);
  });

  it("inside a field that is a mapping, and nothing inside one that is not", async () => {
    assert.deepEqual(await labels(doc('${site.meta.|}')), ['size']);
    assert.deepEqual(await labels(doc('${site.name.|}')), []);
    assert.deepEqual(await labels(doc('${site.tags[0].|}')), []);
  });

  it('block-style items, the default name, and an outer item seen from an inner body', async () => {
    assert.deepEqual(await labels(doc('x', '${item.|}')), ['region', 'zone']);
    assert.deepEqual(await labels(doc('x', '${site.|}')), ['meta', 'name', 'tags', 'url']);
  });

  it('nothing for items given by a template, or outside the foreach', async () => {
    assert.deepEqual(await labels(doc('x', 'x', '${item.|}')), []);
    assert.deepEqual(await labels(doc('x', 'x', 'x', '${site.|}')), []);
  });
});
