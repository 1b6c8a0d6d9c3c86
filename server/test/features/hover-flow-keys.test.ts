// Hover on keys written in flow style (`retries: {max: 2, backoff: fixed}`, `- {id: a, needs: b}`):
// the schema's documentation, as for the same key in block style. The line scan behind key hover
// sees only the first key of a line; other keys are found in the parsed YAML.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient, fileUri, hoverMarkdown } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

let n = 0;
/** Hovers at the cursor; returns the documentation's start and the text the hover's range covers. */
async function hoverAt(withCursor: string): Promise<{ doc: string; covers: string } | null> {
  const fx = parseCursor(withCursor);
  const uri = fileUri(`/virtual/hover-flow-${n++}.weft.yaml`);
  await client.open(uri, fx.text);
  const h = await client.hover(uri, fx);
  if (!h) return null;
  const r = h.range!;
  assert.equal(r.start.line, r.end.line);
  const line = fx.text.split(/\r\n|\r|\n/)[r.start.line];
  return { doc: hoverMarkdown(h)!, covers: line.slice(r.start.character, r.end.character) };
}

/** The documentation a key gets in block style, where hover already worked. */
async function blockDoc(withCursor: string): Promise<string> {
  const h = await hoverAt(withCursor);
  assert.ok(h, 'block style has a hover');
  return h.doc;
}

describe('hover on keys in flow mappings', () => {
  it('documents a key after the first one in a flow mapping', async () => {
    const want = await blockDoc('steps:\n  - id: a\n    retries:\n      max: 2\n      back|off: fixed\n    stub: true\n');
    assert.deepEqual(await hoverAt('steps:\n  - id: a\n    retries: {max: 2, back|off: fixed}\n    stub: true\n'), { doc: want, covers: 'backoff' });
  });

  it('documents the keys of a step written as a flow mapping', async () => {
    const needs = await blockDoc('steps:\n  - id: a\n    nee|ds: b\n    shell: x\n  - {id: b, stub: true}\n');
    assert.deepEqual(await hoverAt('steps:\n  - {id: a, nee|ds: b, shell: x}\n  - {id: b, stub: true}\n'), { doc: needs, covers: 'needs' });
    const timeout = await blockDoc('steps:\n  - id: a\n    parallel:\n      - id: x\n        time|out: 1s\n        stub: true\n');
    assert.deepEqual(await hoverAt('steps:\n  - id: a\n    parallel: [{id: x, time|out: 1s, stub: true}]\n'), { doc: timeout, covers: 'timeout' });
  });

  it('counts UTF-16 positions after a BOM, emoji and CRLF line ends', async () => {
    const want = await blockDoc('steps:\n  - id: a\n    stub:\n      output: x\n      de|lay: 1s\n');
    assert.deepEqual(await hoverAt('\uFEFFsteps:\r\n  - id: a\r\n    stub: { output: "🎉🎉", de|lay: 1s }\r\n'), { doc: want, covers: 'delay' });
  });

  it('gives nothing for key-like text inside a block scalar or a quoted string', async () => {
    assert.equal(await hoverAt('steps:\n  - id: a\n    shell: |\n      foo: {a: 1, ti|meout: 2}\n'), null);
    assert.equal(await hoverAt('steps:\n  - id: a\n    stub: "x, ti|meout: 2"\n'), null);
  });
});
