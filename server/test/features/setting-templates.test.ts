// Templates in the top-level `env:` and `config:` (evaluated by the run before any step runs, or for
// every llm step: model.settingTemplates) are templates like any other for the editor: an input used
// there is found by definition and references, hovers, and is coloured. Before, the analyser did not
// read them at all, so the editor knew nothing of them either.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Location, Range, SemanticTokens } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';
import { decode } from '../helpers/semantic-tokens.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const TEXT = `inputs:
  topic: x
  limit: 30s
env:
  TOPIC: \${inputs.topic}
config:
  timeout: \${inputs.limit}
  llm:
    model: "m-\${inputs.topic}"
steps:
  - id: a
    shell: echo "$TOPIC \${inputs.topic}"
`;

const rangeOf = (text: string, needle: string, nth = 0): Range => ({ start: positionOf(text, needle, 0, nth), end: positionOf(text, needle, needle.length, nth) });

describe('templates in env: and config:', () => {
  it('the analyser reads them: a step named there is an error; a clean file has none', async () => {
    const uri = await client.openNew('settings-clean', TEXT);
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics.map((d) => d.message), []);
    const bad = await client.openNew('settings-step', 'env:\n  X: ${steps.a.output}\nsteps:\n  - id: a\n    stub: true\n');
    const diags = (await client.waitForDiagnostics(bad)).diagnostics;
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character]), [['unknown-step', 1, 13]]);
    assert.match(String(diags[0].message), /^env 'X' cannot read step 'a': env: is read before any step runs/);
  });

  it('definition and references of an input reach its uses in env: and config:', async () => {
    const uri = await client.openNew('settings-refs', TEXT);
    const decl = rangeOf(TEXT, 'topic');
    for (const nth of [1, 2]) {
      const loc = await client.requestAt<Location>('textDocument/definition', uri, positionOf(TEXT, 'topic', 1, nth));
      assert.deepEqual(loc?.range, decl, `use ${nth}`);
    }
    const refs = await client.requestAt<Location[]>('textDocument/references', uri, decl.start, { context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((l) => l.range), [1, 2, 3].map((n) => rangeOf(TEXT, 'topic', n)));
    const limit = await client.requestAt<Location>('textDocument/definition', uri, positionOf(TEXT, 'limit}', 1));
    assert.deepEqual(limit?.range, rangeOf(TEXT, 'limit'));
  });

  it('hover on an input in env: describes it; the template is coloured', async () => {
    const uri = await client.openNew('settings-hover', TEXT);
    const md = await client.hoverText(uri, positionOf(TEXT, 'topic', 1, 1));
    assert.match(md ?? '', /topic/);
    const tokens = decode((await client.conn.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } })).data);
    for (const line of [4, 6, 8]) assert.ok(tokens.some((t) => t[0] === line), `a token on line ${line + 1}`);
  });
});
