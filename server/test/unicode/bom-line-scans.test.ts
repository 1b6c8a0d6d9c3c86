// A document whose text starts with a byte order mark (an editor that sends the file as read, BOM
// included; VS Code leaves it out): the mark is not part of the first line's key, as YAML reads
// it. The line scans that find the keys above the cursor read `\uFEFFsteps:` as no key at all, so a
// step's key completion offered nothing (also in a flow mapping opened on the first line), the hover
// on a step's key said nothing and the code lens above `steps:` was missing; the top-level key
// completion offered `steps` again.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeLens } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { parseCursor, positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const BOM = '\uFEFF';
const text = 'steps:\r\n  - id: a\r\n    stub: true\r\n  - id: b\r\n    needs: [a]\r\n    |\r\n';

/** What `fn` gives for the document with and without the mark (the cursor fixture's position). */
async function both<T>(name: string, withCursor: string, fn: (uri: string, at: { line: number; character: number }, text: string) => Promise<T>): Promise<{ plain: T; marked: T }> {
  const run = async (t: string, n: string) => {
    const fx = parseCursor(t);
    return fn(await client.openNew(n, fx.text), fx, fx.text);
  };
  return { plain: await run(withCursor, `${name}-plain`), marked: await run(BOM + withCursor, `${name}-bom`) };
}

describe('a byte order mark before the first key', () => {
  it("a step's key completion is the same as without it", async () => {
    const { plain, marked } = await both('bom-keys', text, async (uri, at) => (await client.completion(uri, at)).map((i) => i.label).sort());
    assert.ok(plain.includes('retries'), JSON.stringify(plain));
    assert.deepEqual(marked, plain);
  });

  it('a flow mapping on the first line: its key completion is the same as without it', async () => {
    for (const [name, fx] of [['bom-flow', 'steps: [{id: a, stu|}]\r\n'], ['bom-flow-top', '{steps: [{id: a, stu|}]}\r\n']]) {
      const { plain, marked } = await both(name, fx, async (uri, at) => (await client.completion(uri, at)).map((i) => i.label).sort());
      assert.ok(plain.includes('stub'), JSON.stringify(plain));
      assert.deepEqual(marked, plain, fx);
    }
  });

  it("the top-level key completion does not offer 'steps' again", async () => {
    const { plain, marked } = await both('bom-top', 'steps:\r\n  - id: a\r\n    stub: true\r\n|\r\n', async (uri, at) => (await client.completion(uri, at)).map((i) => i.label).sort());
    assert.ok(!plain.includes('steps') && plain.includes('inputs'), JSON.stringify(plain));
    assert.deepEqual(marked, plain);
  });

  it("the hover on a step's key documents it", async () => {
    const { plain, marked } = await both('bom-hover', text, (uri, _at, t) => client.hoverText(uri, positionOf(t, 'needs', 2)));
    assert.match(plain ?? '', /waits for/);
    assert.equal(marked, plain);
  });

  it("the code lens is above 'steps:', its range the key after the mark", async () => {
    const { plain, marked } = await both('bom-lens', text, async (uri) => {
      const lenses = await client.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
      return lenses.map((l) => ({ title: l.command?.title, range: l.range }));
    });
    assert.equal(plain.length, 2);
    const shifted = plain.map((l) => ({ title: l.title, range: { start: { line: 0, character: 1 }, end: { line: 0, character: 6 } } }));
    assert.deepEqual(marked, shifted);
  });
});
