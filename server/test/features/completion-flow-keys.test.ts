// Completion where a key goes inside a flow mapping (`- {id: c, |}`, `http: {url: x, |}`), as in block
// style: the keys of the mapping the cursor is in (found through the block keys above the line and
// the flow keys on it), without those the mapping already has (before or after the cursor) and, in a
// step that has an action, without the other actions; and every item inserts one line, in flow
// style, since a block written into a flow mapping breaks the YAML.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';
import { createLineIndex } from '../../../engine/src/model/line-index.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const BASE = 'steps:\n  - id: a\n    stub: true\n';

async function complete(withCursor: string): Promise<{ items: CompletionItem[]; text: string; offset: number; range?: Range }> {
  const fx = parseCursor(withCursor);
  const uri = fileUri(`/virtual/flow-keys${n++}.weft.yaml`);
  await client.open(uri, fx.text);
  const r = await client.conn.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position: { line: fx.line, character: fx.character } });
  const items = Array.isArray(r) ? r : r?.items ?? [];
  return { items, text: fx.text, offset: fx.offset, range: Array.isArray(r) ? undefined : r?.itemDefaults?.editRange as Range | undefined };
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

/** The text a snippet inserts when every placeholder keeps its default (a choice: its first value). */
function expandSnippet(snippet: string): string {
  let s = snippet.replace(/\\\$/g, '\u0001').replace(/\\\}/g, '\u0002');
  for (let before = ''; before !== s;) {
    before = s;
    s = s.replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, '$1').replace(/\$\{\d+:([^${}]*)\}/g, '$1');
  }
  return s.replace(/\$\d+/g, '').replace(/\u0001/g, '$').replace(/\u0002/g, '}');
}
const ACTIONS = ['shell', 'http', 'file', 'llm', 'stub', 'parallel', 'foreach', 'workflow'];

describe('completion of keys inside a flow mapping', () => {
  it('a flow-mapping step: no key it already has, and no second action', async () => {
    const k1 = labels((await complete(BASE + '  - {id: q, |}\n')).items);
    assert.ok(!k1.includes('id'), `id is there: ${k1}`);
    for (const want of ['name', 'needs', 'if', ...ACTIONS]) assert.ok(k1.includes(want), `${want} in ${k1}`);
    const k2 = labels((await complete(BASE + '  - {id: q, stub: true, |}\n')).items);
    assert.deepEqual(k2, ['name', 'description', 'needs', 'if', 'timeout', 'retries', 'continueOnError']);
    const k3 = labels((await complete(BASE + '  - {id: b, needs: [a], ti|, stub: true}\n')).items);
    assert.deepEqual(k3, ['name', 'description', 'if', 'timeout', 'retries', 'continueOnError'], 'keys after the cursor count too');
  });

  it('a flow mapping that is a value: the keys of that value (http, retries)', async () => {
    assert.deepEqual(labels((await complete(BASE + '  - id: f\n    http: {url: x, |}\n')).items), ['method', 'headers', 'query', 'body', 'expect', 'parse']);
    assert.deepEqual(labels((await complete(BASE + '  - {id: f, retries: {max: 2, |}, stub: true}\n')).items).sort(), ['backoff', 'delay', 'maxDelay']);
  });

  it('every item inserts one line in flow style, and the result is still YAML', async () => {
    const { items, text, offset, range } = await complete(BASE + '  - {id: q, |}\n');
    assert.ok(items.length > 5);
    for (const i of items) {
      const newText = (i.textEdit as { newText: string } | undefined)?.newText ?? i.label;
      assert.ok(!/[\r\n]/.test(newText), `${i.label} inserts one line: ${JSON.stringify(newText)}`);
      const plain = expandSnippet(newText);
      const r = (i.textEdit as { range?: Range } | undefined)?.range ?? range!;
      const idx = createLineIndex(text);
      const edited = text.slice(0, idx.offsetAt(r.start)) + plain + text.slice(offset);
      const uri = fileUri(`/virtual/flow-keys-applied${n++}.weft.yaml`);
      await client.open(uri, edited);
      const d = await client.waitForDiagnostics(uri);
      assert.deepEqual(d.diagnostics.filter((x) => x.code === 'yaml-syntax').map((x) => x.message), [], `${i.label}: ${JSON.stringify(edited)}`);
    }
  });
});
