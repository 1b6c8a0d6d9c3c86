// Completion and key hover in a file whose block sequences sit at their key's own column
// (`steps:` then `- id: a` at column 0, `needs:` then `- a` under it), a layout YAML allows and
// many formatters write. The line scan of yaml-path.ts took a `- ` at column 0 for the top of the
// document, so such a file got no step keys, no enum values, no `needs` ids and no key hovers.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

async function labelsAt(name: string, withCursor: string): Promise<string[]> {
  return (await client.completionAt(name, withCursor)).map((i) => i.label);
}

describe('sequences at their key\'s column', () => {
  it('offers step keys in a step and on a new item of steps', async () => {
    const inStep = await labelsAt('key', 'steps:\n- id: fetch\n  stub: true\n- id: b\n  ne|\n');
    assert.ok(inStep.includes('needs') && inStep.includes('shell'), `got ${inStep}`);
    assert.ok(!inStep.includes('id'), 'the step has its id');
    const item = await labelsAt('item', 'steps:\n- id: fetch\n  stub: true\n- i|\n');
    assert.ok(item.includes('id') && item.includes('needs'), `got ${item}`);
  });

  it('offers enum values and nested keys', async () => {
    assert.deepEqual(await labelsAt('method', 'steps:\n- id: fetch\n  http:\n    method: G|\n'), ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
    assert.deepEqual(await labelsAt('retries', 'steps:\n- id: fetch\n  stub: true\n  retries:\n    back|\n'), ['max', 'delay', 'backoff', 'maxDelay']);
  });

  it('offers the visible ids in a needs list, also in a branch', async () => {
    assert.deepEqual(await labelsAt('needs', 'steps:\n- id: fetch\n  stub: true\n- id: b\n  needs:\n  - f|\n  stub: true\n'), ['fetch']);
    const branch = 'steps:\n- id: a\n  stub: true\n- id: p\n  parallel:\n    branches:\n      one:\n      - id: x\n        stub: true\n      - id: y\n        needs:\n        - x|\n        stub: true\n';
    assert.deepEqual((await labelsAt('branch', branch)).sort(), ['a', 'x']);
  });

  it('hovers a key with its schema text', async () => {
    const text = 'steps:\n- id: fetch\n  retries:\n    max: 2\n  stub: true\n';
    const uri = await client.openNew('hover', text);
    assert.match((await client.hoverText(uri, positionOf(text, 'stub', 1))) ?? '', /placeholder/i);
    assert.match((await client.hoverText(uri, positionOf(text, 'max', 1))) ?? '', /attempt|retr/i);
  });
});
