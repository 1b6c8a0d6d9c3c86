// Hover and completion documentation for a client that does not take markdown (`hover.contentFormat`
// and `completionItem.documentationFormat` listing 'plaintext' only, as eglot without markdown-mode
// declares them): it shows the text as it is, so it must get plain text,
// not `**fetch** · \`shell\`` and ```yaml fences. The schema's key descriptions, which are markdown,
// go to a client that takes markdown as markdown (a string would be shown with its fences).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, MarkupContent } from 'vscode-languageserver-protocol';
import { bareClient } from './bare-client.js';
import type { LspClient } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let plain: LspClient;
let markdown: LspClient;
before(async () => {
  plain = await bareClient({ capabilities: { textDocument: { hover: { contentFormat: ['plaintext'] }, completion: { completionItem: { documentationFormat: ['plaintext'] } } } } });
  markdown = await bareClient({ capabilities: { textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } } } } });
});
after(async () => { await plain.stop(); await markdown.stop(); });

const TEXT = 'steps:\n  - id: fetch\n    shell: echo hi\n  - id: b\n    shell: echo ${steps.fe|tch.output}\n';
const doc = (items: CompletionItem[], label: string) => items.find((i) => i.label === label)?.documentation;

describe('markup for a client without markdown', () => {
  it('hover is plain text', async () => {
    const fx = parseCursor(TEXT);
    const uri = await plain.openNew('plain-hover', fx.text);
    const h = await plain.hover(uri, fx);
    assert.deepEqual(h?.contents, { kind: 'plaintext', value: 'fetch · shell · stage 1 of 2\n\n$ echo hi\n\n- waits for: nothing\n- needed by: b' });
  });

  it('so is completion documentation: a function, a schema key with a code fence', async () => {
    const fns = await plain.completionAt('plain-fn-doc', 'steps:\n  - id: c\n    shell: echo ${le|}\n');
    assert.deepEqual(doc(fns, 'length'), { kind: 'plaintext', value: 'length(x): the number of items of an array, keys of an object or characters of a text.\n\nTakes 1 argument.' });
    const keys = await plain.completionAt('plain-key-doc', 'steps:\n  - id: a\n    |\n');
    const ifDoc = doc(keys, 'if');
    const text = typeof ifDoc === 'string' ? ifDoc : ifDoc?.value;
    assert.equal(text, 'A condition, usually a template; when it is falsy the step is skipped.\n\nif: ${inputs.depth > 1}');
  });

  it('a client that takes markdown gets markdown, the schema key descriptions included', async () => {
    const fx = parseCursor(TEXT);
    const uri = await markdown.openNew('md-hover', fx.text);
    assert.equal(((await markdown.hover(uri, fx))?.contents as MarkupContent).kind, 'markdown');
    const keys = await markdown.completionAt('md-key-doc', 'steps:\n  - id: a\n    |\n');
    assert.deepEqual(doc(keys, 'if'), { kind: 'markdown', value: 'A condition, usually a template; when it is falsy the step is skipped.\n\n```yaml\nif: ${inputs.depth > 1}\n```' });
  });
});
