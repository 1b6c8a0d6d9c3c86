// Completion with the cursor inside a word (`${steps.s|h.output}`: the user went back to change an
// id, or asked for the list there): each item replaced only the characters before the cursor, so
// accepting `sh` wrote `${steps.shh.output}`, `output` wrote `outputput`, a needs id `fetchtch` and
// the method `POSTOST`; a function wrote `length($1)(x)`. The edit now covers the whole word, as in
// VS Code's own languages, and a function followed by `(` is inserted without a second pair.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, Range } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';
import { createLineIndex } from '../../../engine/src/model/line-index.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

/** The text after accepting the item `label` at the fixture's cursor (snippet tab stops removed), and its diagnostics' codes. */
async function accept(withCursor: string, label: string): Promise<{ text: string; codes: string[] }> {
  const fx = parseCursor(withCursor);
  const uri = await client.openNew('hunt-midword', fx.text);
  const r = await client.conn.sendRequest<CompletionList | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line: fx.line, character: fx.character } });
  const items = Array.isArray(r) ? r : r.items;
  const item = items.find((i) => i.label === label);
  assert.ok(item, `no item '${label}' in ${items.map((i) => i.label).join(', ')}`);
  const te = item.textEdit as { range: Range; newText: string } | undefined;
  const range = te?.range ?? (Array.isArray(r) ? undefined : r.itemDefaults?.editRange as Range);
  assert.ok(range, 'no edit range');
  const idx = createLineIndex(fx.text);
  const newText = (te?.newText ?? item.textEditText ?? label).replace(/\$\d/g, '');
  const text = fx.text.slice(0, idx.offsetAt(range.start)) + newText + fx.text.slice(idx.offsetAt(range.end));
  const uri2 = await client.openNew('hunt-midword-after', text);
  const codes = (client.diagnostics.get(uri2)?.diagnostics ?? []).map((d) => String(d.code));
  return { text, codes };
}

const base = (line: string) => ['steps:', '  - id: sh', '    shell: echo hi', '  - id: fetch', '    http: {url: "http://x"}', '  - id: use', line, ''].join('\n');

describe('completion inside a word replaces the word', () => {
  it('a step id, a field, a function', async () => {
    let r = await accept(base('    shell: echo ${steps.s|h.output}'), 'sh');
    assert.match(r.text, /echo \$\{steps\.sh\.output\}\n/);
    assert.deepEqual(r.codes, []);
    r = await accept(base('    shell: echo ${steps.sh.out|put}'), 'output');
    assert.match(r.text, /echo \$\{steps\.sh\.output\}\n/);
    assert.deepEqual(r.codes, []);
    r = await accept(base('    shell: echo ${steps.|sh.exitCode}'), 'fetch');
    assert.match(r.text, /echo \$\{steps\.fetch\.exitCode\}\n/, 'the id is replaced whole (the diagnostics then name exitCode)');
    r = await accept(base('    shell: echo ${len|gth(steps.sh.output)}'), 'length');
    assert.match(r.text, /echo \$\{length\(steps\.sh\.output\)\}\n/);
    assert.deepEqual(r.codes, []);
  });

  it('a needs id and an enum value', async () => {
    let r = await accept(base('    needs: [fe|tch]\n    stub: true'), 'fetch');
    assert.match(r.text, /needs: \[fetch\]\n/);
    assert.deepEqual(r.codes, []);
    r = await accept(base('    http:\n      url: http://x\n      method: P|OST'), 'POST');
    assert.match(r.text, /method: POST\n/);
    assert.deepEqual(r.codes, []);
  });

  it('at the end of a word the range ends at the cursor, as before', async () => {
    const r = await accept(base('    shell: echo ${steps.s|}'), 'sh');
    assert.match(r.text, /echo \$\{steps\.sh\}\n/);
  });
});
