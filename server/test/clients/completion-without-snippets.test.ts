// Completion for a client that does not declare `completionItem.snippetSupport` (LSP's default is
// false; eglot without yasnippet, plain Vim clients, ...): no item may be a snippet, since such a
// client inserts `id: $0` or `${1|GET,POST|}` literally. Each item is the text the snippet would
// insert with its defaults (the first choice, placeholders' default text, escapes resolved).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-protocol';
import { bareClient } from './bare-client.js';
import type { LspClient } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let plain: LspClient;
let snippets: LspClient;
before(async () => {
  plain = await bareClient();
  snippets = await bareClient({ capabilities: { textDocument: { completion: { completionItem: { snippetSupport: true } } } } });
});
after(async () => { await plain.stop(); await snippets.stop(); });

const newText = (items: CompletionItem[], label: string) => (items.find((i) => i.label === label)?.textEdit as TextEdit | undefined)?.newText;

describe('completion without snippetSupport', () => {
  it('keys and action kinds are plain text: defaults in place of placeholders, the first choice, escapes resolved', async () => {
    const items = await plain.completionAt('plain-keys', 'steps:\n  - id: a\n    |\n');
    assert.ok(items.length > 5, 'some items');
    assert.deepEqual(items.filter((i) => i.insertTextFormat === InsertTextFormat.Snippet).map((i) => i.label), []);
    assert.equal(newText(items, 'needs'), 'needs: ');
    assert.equal(newText(items, 'http'), 'http:\n      method: GET\n      url: https://example.com');
    assert.equal(newText(items, 'llm'), 'llm:\n      prompt: Summarize: ${steps.step.output}');
    assert.equal(newText(items, 'foreach'), 'foreach:\n      items: ${steps.list.output}\n      as: item\n      steps:\n        - id: each\n          shell: echo ${item}');
  });

  it('flow style keys and functions too', async () => {
    const flow = await plain.completionAt('plain-flow', 'steps:\n  - {id: b, |}\n');
    assert.equal(newText(flow, 'http'), 'http: {method: GET, url: https://example.com}');
    assert.ok(flow.every((i) => i.insertTextFormat !== InsertTextFormat.Snippet));
    const fns = await plain.completionAt('plain-fn', 'steps:\n  - id: c\n    shell: echo ${le|}\n');
    assert.equal(newText(fns, 'length'), 'length()');
    assert.ok(fns.every((i) => i.insertTextFormat !== InsertTextFormat.Snippet));
  });

  it('a client that supports snippets still gets them', async () => {
    const fx = parseCursor('steps:\n  - id: a\n    |\n');
    const uri = await snippets.openNew('snippet-keys', fx.text);
    const items = await snippets.completion(uri, fx);
    const http = items.find((i) => i.label === 'http');
    assert.equal(http?.insertTextFormat, InsertTextFormat.Snippet);
    assert.equal((http?.textEdit as TextEdit).newText, 'http:\n      method: ${1|GET,POST,PUT,PATCH,DELETE|}\n      url: ${2:https://example.com}');
  });
});
