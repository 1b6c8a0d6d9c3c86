// Completion inside a flow mapping that goes on over more lines (`- {id: c,\n     |}`): the flow
// context is found from the line where the mapping opens, not only from the cursor's line, so keys
// already present (on the lines above or below) are not offered and every item inserts one line in
// flow style (a block snippet inside `{...}` breaks the YAML). A block line after a closed flow
// mapping, or inside a block scalar holding a brace, is still completed as block style.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, Range } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const BASE = 'steps:\n  - id: a\n    stub: true\n';

const complete = (withCursor: string): Promise<CompletionItem[]> => client.completionAt('flow-lines', withCursor);
const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const newText = (i: CompletionItem) => (i.textEdit as { newText: string; range: Range } | undefined)?.newText ?? i.label;

describe('completion in a flow mapping over several lines', () => {
  it('the repro: no id again, and parallel inserts one flow-style line', async () => {
    const items = await complete(BASE + '  - {id: c,\n     |}\n');
    assert.ok(!labels(items).includes('id'), `id is there: ${labels(items)}`);
    for (const want of ['name', 'needs', 'parallel', 'shell']) assert.ok(labels(items).includes(want), `${want} in ${labels(items)}`);
    for (const i of items) assert.ok(!/[\r\n]/.test(newText(i)), `${i.label} inserts one line: ${JSON.stringify(newText(i))}`);
    assert.equal(newText(items.find((i) => i.label === 'parallel')!), 'parallel: [{id: ${1:a}, stub: true}, {id: ${2:b}, stub: true}]');
  });

  it('keys on the lines above and below count; with an action, no second one', async () => {
    const k = labels(await complete(BASE + '  - {id: c,\n     stub: true,\n     |,\n     # a comment, with a comma\n     needs: [a]}\n'));
    assert.deepEqual(k, ['name', 'description', 'if', 'timeout', 'retries', 'continueOnError']);
  });

  it('a nested flow mapping opened on an earlier line: its own keys', async () => {
    const k = labels(await complete(BASE + '  - {id: f, http: {url: x,\n       |}}\n'));
    assert.deepEqual(k, ['method', 'headers', 'query', 'body', 'expect', 'parse']);
    const k2 = labels(await complete(BASE + '  - {id: f,\n     http: {url: x,\n       |}}\n'));
    assert.deepEqual(k2, ['method', 'headers', 'query', 'body', 'expect', 'parse']);
  });

  it('a value on a continuation line: the schema values of its key, needs: the step ids', async () => {
    const m = labels(await complete(BASE + '  - {id: f, http: {url: x,\n       method: |}}\n'));
    assert.ok(m.includes('GET') && m.includes('POST'), `${m}`);
    const ids = labels(await complete(BASE + '  - id: b\n    stub: true\n  - {id: c, stub: true,\n     needs: [a, |]}\n'));
    assert.deepEqual(ids, ['b']);
  });

  it('after a closed multi-line flow mapping, and in a block scalar holding a brace: block style as before', async () => {
    const items = await complete(BASE + '  - {id: c,\n     stub: true}\n  - id: d\n    |\n');
    assert.ok(!labels(items).includes('id'), `${labels(items)}`);
    assert.ok(newText(items.find((i) => i.label === 'parallel')!).includes('\n'), 'a block snippet');
    const inScalar = await complete(BASE + '  - id: d\n    shell: |\n      echo {\n    |\n');
    assert.ok(!labels(inScalar).includes('id') && labels(inScalar).includes('name'), `${labels(inScalar)}`);
  });
});
