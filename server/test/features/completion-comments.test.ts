// Completion in comments, in a block scalar's text and in quoted `needs` values. A comment (a `#` at a
// line's start or after white space, outside a quoted scalar) gets nothing: no `${steps.` ids, no keys,
// no enum values. A `#` inside a quoted scalar or on a line of a `|`/`>` block scalar is text, so a
// template there is completed as before. A `needs: [x]` written in a block scalar is shell text, not
// YAML: nothing. A quoted `needs: "f|"` is the same value as `needs: f|`: the ids, replacing the word
// inside the quotes.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const BASE = 'steps:\n  - id: a\n    stub: true\n';

const labelsAt = (withCursor: string) => client.completionLabelsAt('comments', withCursor);

describe('a comment gets no completion', () => {
  it('offers no step ids after ${steps. in a comment', async () => {
    assert.deepEqual(await labelsAt(BASE + '# see ${steps.|\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: echo hi  # ${steps.|\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    # ${steps.|\n    stub: true\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: "echo hi" # ${steps.|\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: echo ${steps.a.output} # ${steps.|\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: echo hi  # ${|\n'), []);
  });

  it('offers no keys or values after # in a block mapping or a flow mapping', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    http:\n      method: GET # P|\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    stub: true # |\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    needs: a # |\n    stub: true\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - {id: b, # |\n     stub: true}\n'), []);
  });

  it('keeps completing a template after a # that is text', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: "echo # ${steps.|"\n'), ['a']);
    assert.deepEqual(await labelsAt(BASE + "  - id: b\n    shell: 'echo # ${steps.|'\n"), ['a']);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: |\n      echo # ${steps.|\n'), ['a']);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: >\n      # ${steps.|\n'), ['a']);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: echo a#${steps.|\n'), ['a']);
  });

  it('keeps completing on a further line of a quoted scalar; a comment after it gets nothing', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: "echo\n      # ${steps.|"\n'), ['a']);
    assert.deepEqual(await labelsAt(BASE + "  - id: b\n    shell: 'echo\n        x\n      y # ${steps.|'\n"), ['a']);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: "echo\n      x"\n    # ${steps.|\n'), []);
    assert.deepEqual(await labelsAt(BASE + "  - id: b\n    # it's\n    shell: x # ${steps.|\n"), []);
  });
});

describe('needs written in a block scalar is text', () => {
  it('offers no ids', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: |\n      needs: [x|]\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: |\n      needs: x|\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: |\n      method: P|\n'), []);
  });
});

describe('a quoted needs value', () => {
  async function listAt(withCursor: string): Promise<{ labels: string[]; range: unknown }> {
    const fx = parseCursor(withCursor);
    const uri = await client.openNew('quoted-needs', fx.text);
    const r = await client.requestAt<CompletionList | CompletionItem[] | null>('textDocument/completion', uri, fx);
    const list = Array.isArray(r) ? { items: r } : r ?? { items: [] };
    return { labels: list.items.map((i) => i.label).sort(), range: (list as CompletionList).itemDefaults?.editRange };
  }

  it('offers the ids inside the quotes, replacing the word typed there', async () => {
    const text = BASE + '  - id: fetch\n    stub: true\n  - id: b\n    needs: "f|"\n    stub: true\n';
    const got = await listAt(text);
    assert.deepEqual(got.labels, ['a', 'fetch']);
    // Line 6 is `    needs: "f"`: the range is the `f` after the quote, to the cursor.
    assert.deepEqual(got.range, { start: { line: 6, character: 12 }, end: { line: 6, character: 13 } });
    assert.deepEqual((await listAt(BASE + "  - id: b\n    needs: '|'\n    stub: true\n")).labels, ['a']);
    assert.deepEqual((await listAt(BASE + '  - {id: b, needs: "|", stub: true}\n')).labels, ['a']);
    assert.deepEqual((await listAt(BASE + '  - id: b\n    needs: f|\n    stub: true\n')).labels, ['a']);
  });

  it('offers nothing in a quoted text that lists several ids (an error) or after the closing quote', async () => {
    assert.deepEqual((await listAt(BASE + '  - id: c\n    stub: true\n  - id: b\n    needs: "a, |"\n    stub: true\n')).labels, []);
    assert.deepEqual((await listAt(BASE + '  - id: b\n    needs: "a"|\n    stub: true\n')).labels, []);
  });
});
