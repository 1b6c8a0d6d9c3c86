// A steps list item with nothing after its `-` (what the editor holds right after typing `- ` to
// start a new step) is reported on that `-`, not at the top of the file: the empty item has an
// empty range, and the schema error used to fall back to the document's first line.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { createLineIndex } from '../../../engine/src/model/line-index.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

let n = 0;
async function stepErrors(text: string) {
  const uri = fileUri(`/virtual/empty-item-${n++}.weft.yaml`);
  await client.open(uri, text);
  const published = await client.waitForDiagnostics(uri);
  return published.diagnostics.filter((d) => d.code === 'schema' && /a step must be a mapping/.test(String(d.message))).map((d) => d.range);
}

/** The range of the n-th `-` in the text that is followed by `after`. */
function dashRange(text: string, after: string, nth = 0) {
  let at = -1;
  for (let k = 0; k <= nth; k++) at = text.indexOf(`-${after}`, at + 1);
  assert.ok(at >= 0);
  const li = createLineIndex(text);
  return { start: li.positionAt(at), end: li.positionAt(at + 1) };
}

describe('an empty item in a steps list', () => {
  it('is marked at its dash, at the end of the list, with or without a comment', async () => {
    const text = 'name: demo\nsteps:\n  - id: a\n    stub: true\n  -\n';
    assert.deepEqual(await stepErrors(text), [dashRange(text, '\n', 0)]);
    const commented = 'name: demo\nsteps:\n  - id: a\n    stub: true\n  - # next step\n  - id: b\n    stub: true\n';
    assert.deepEqual(await stepErrors(commented), [dashRange(commented, ' # next')]);
  });

  it('is marked at its dash inside a branch, in a CRLF file after an emoji', async () => {
    const text = 'name: "🎉"\r\nsteps:\r\n  - id: p\r\n    parallel:\r\n      branches:\r\n        left:\r\n          -   \r\n';
    assert.deepEqual(await stepErrors(text), [dashRange(text, '   \r\n')]);
  });
});
