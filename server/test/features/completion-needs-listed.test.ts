// `needs` completion leaves out the ids the list already has (docs/language-server.md), wherever they
// are written: on the cursor's line before or after it, on the other items of a block list (also one
// at its key's column), on the other lines of a flow list over several lines. A word in a comment is
// not an entry. An anchor or a tag before the value (`needs: &deps [|]`) does not stop completion.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const BASE = 'steps:\n  - id: a\n    stub: true\n  - id: bb\n    stub: true\n';

const labelsAt = (withCursor: string) => client.completionLabelsAt('needs-listed', withCursor);

describe('needs completion leaves out the ids already listed', () => {
  it('in a block list, above and below the cursor', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - id: c\n    needs:\n      - a\n      - |\n    stub: true\n'), ['bb']);
    assert.deepEqual(await labelsAt(BASE + '  - id: c\n    needs:\n      - |\n      - "a"\n    stub: true\n'), ['bb']);
    assert.deepEqual(await labelsAt(BASE + '  - id: c\n    needs:\n    - a\n    - b|\n    stub: true\n'), ['bb']);
    assert.deepEqual(await labelsAt('steps:\n- id: a\n  stub: true\n- id: bb\n  stub: true\n- id: c\n  needs:\n  - bb\n  - |\n  stub: true\n'), ['a']);
  });

  it('in a flow list over several lines, and after the cursor on its line', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - id: c\n    needs: [\n      a,\n      |\n    ]\n    stub: true\n'), ['bb']);
    assert.deepEqual(await labelsAt(BASE + '  - id: c\n    needs: [|, a]\n    stub: true\n'), ['bb']);
    // In a flow-mapping step, the entries on the lines after the cursor's (a comment's words are none).
    assert.deepEqual(await labelsAt(BASE + '  - {id: c, needs: [|,\n      a], stub: true}\n'), ['bb']);
    assert.deepEqual(await labelsAt(BASE + '  - {id: c, needs: [|, # not bb\n      a], stub: true}\n'), ['bb']);
  });

  it('a word in a comment is not an entry; the list of another step does not count', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - id: c\n    needs:\n      - bb # not a\n      - |\n    stub: true\n'), ['a']);
    assert.deepEqual(await labelsAt(BASE + '  - id: c\n    needs: [a]\n    stub: true\n  - id: d\n    needs:\n      - |\n    stub: true\n'), ['a', 'bb', 'c']);
  });

  it('after an anchor or a tag', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - id: c\n    needs: &deps [|]\n    stub: true\n'), ['a', 'bb']);
    assert.deepEqual(await labelsAt(BASE + '  - id: c\n    needs: !!seq [a, |]\n    stub: true\n'), ['bb']);
  });
});
