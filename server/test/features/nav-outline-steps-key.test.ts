// The outline's `steps` symbol (and a foreach body's) starts at its `steps:` key, as `inputs` and
// `outputs` start at theirs: it began at the list's first `-` with an empty selection there, so
// clicking "steps" in the outline put the cursor on the first step instead of the `steps:` line, and
// with the cursor on that line the breadcrumbs showed no symbol.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

async function symbolsOf(text: string): Promise<DocumentSymbol[]> {
  const uri = fileUri(`/virtual/nav-outline-steps${n++}.weft.yaml`);
  await client.open(uri, text);
  return client.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
}

const at = (line: number, character: number) => ({ line, character });

describe('outline: steps lists start at their key', () => {
  it('the top-level steps: selection is the key, the range runs from it over the list', async () => {
    const text = 'inputs:\n  topic: x\nsteps:\n  - id: a\n    stub: true\n  - id: b\n    stub: true\n';
    const steps = (await symbolsOf(text)).find((s) => s.name === 'steps')!;
    assert.deepEqual(steps.selectionRange, { start: at(2, 0), end: at(2, 5) });
    assert.deepEqual(steps.range.start, at(2, 0));
    assert.ok(steps.range.end.line >= 6);
    assert.deepEqual(steps.children!.map((c) => c.name), ['a', 'b']);
  });

  it('a flow-style steps list', async () => {
    const text = 'steps: [{id: a, stub: true}, {id: b, stub: true}]\n';
    const [steps] = await symbolsOf(text);
    assert.deepEqual(steps.selectionRange, { start: at(0, 0), end: at(0, 5) });
    assert.deepEqual(steps.range.start, at(0, 0));
    assert.deepEqual(steps.children!.map((c) => c.name), ['a', 'b']);
  });

  it("a foreach body: its selection is the foreach's steps key", async () => {
    const text = [
      'steps:',
      '  - id: each',
      '    foreach:',
      '      items: [1, 2]',
      '      steps:',
      '        - id: body',
      '          stub: true',
      '',
    ].join('\n');
    const [steps] = await symbolsOf(text);
    const body = steps.children![0].children![0];
    assert.equal(body.name, 'each item');
    assert.deepEqual(body.selectionRange, { start: at(4, 6), end: at(4, 11) });
    assert.deepEqual(body.range.start, at(4, 6));
    assert.ok(body.range.end.line >= 6);
    assert.deepEqual(body.children!.map((c) => c.name), ['body']);
    // Each symbol inside its parent (the step, not placed empty at the top: editors follow the cursor by these).
    const each = steps.children![0];
    assert.deepEqual(each.selectionRange, { start: at(1, 8), end: at(1, 12) });
    const inside = (a: DocumentSymbol, b: DocumentSymbol) => (a.range.start.line > b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.character >= b.range.start.character)) &&
      (a.range.end.line < b.range.end.line || (a.range.end.line === b.range.end.line && a.range.end.character <= b.range.end.character));
    assert.ok(inside(each, steps) && inside(body, each) && inside(body.children![0], body));
  });
});
