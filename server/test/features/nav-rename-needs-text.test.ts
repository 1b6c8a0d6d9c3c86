// prepareRename on `needs: lint, test` (one text, which the schema reports: needs takes an id or a
// list). The refusal said "No step 'lint, test' is visible here", as if a step were missing, while
// the cursor is on `test`, a step that exists; it now says the value is one text and how to write it
// so that its ids can be renamed. A needs entry naming a step that does not exist keeps its message.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

async function prepareError(withCursor: string): Promise<string | undefined> {
  const fx = parseCursor(withCursor);
  const uri = fileUri(`/virtual/nav-needs-text${n++}.weft.yaml`);
  await client.open(uri, fx.text);
  await client.waitForDiagnostics(uri);
  try {
    await client.requestAt('textDocument/prepareRename', uri, fx);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

const flow = (needs: string) => `steps:\n  - id: lint\n    stub: true\n  - id: test\n    stub: true\n  - id: b\n    needs: ${needs}\n    stub: true\n`;

describe('prepareRename on needs written as one text', () => {
  it('plain `lint, test`: says it is one text and to write a list', async () => {
    const msg = await prepareError(flow('lint, te|st'));
    assert.doesNotMatch(msg ?? '', /No step/);
    assert.match(msg ?? '', /one text/);
    assert.match(msg ?? '', /\[lint, test\]/);
  });

  it('quoted "lint test"', async () => {
    const msg = await prepareError(flow('"lint te|st"'));
    assert.match(msg ?? '', /one text/);
  });

  it('an unknown id keeps its message', async () => {
    const msg = await prepareError(flow('[lint, tset|]'));
    assert.match(msg ?? '', /No step 'tset' is visible here/);
  });
});
