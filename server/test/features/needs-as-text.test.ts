// `needs: lint, test` (ids written as one text, as a command line lists them; found typing a CI
// workflow). The editor showed two errors on the one token, "'lint, test' is not a valid step id" and
// "unknown step 'lint, test'", neither saying to write a list, and no fix. Now one error says so, and
// its quick fix writes `[lint, test]`, after which the file is clean.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = [
  'steps:',
  '  - id: lint',
  '    shell: npm run lint',
  '  - id: test',
  '    shell: npm test',
  '  - id: build',
  '    needs: lint, test',
  '    shell: npm run build',
  '',
].join('\n');

/** Applies the fix's edits; the file is clean after them. */
async function assertCleanAfter(uri: string, edits: TextEdit[]): Promise<void> {
  const version = await client.change(uri, edits.map((e) => ({ range: e.range, text: e.newText })));
  const published = await client.waitForDiagnostics(uri, (p) => p.version === version);
  assert.deepEqual(published.diagnostics, []);
}

describe('needs written as one text', () => {
  it('gets one error on the text and a fix that writes a list', async () => {
    const uri = await client.openNew('needs-as-text', text);
    const diags = client.diagnostics.get(uri)!.diagnostics;
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character, d.message]), [
      ['schema', 6, 11, 21, "'lint, test' is one text; 'needs' takes one step id or a list of them: write [lint, test]"],
    ]);
    const actions = await client.codeActions(uri, diags);
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix, JSON.stringify(actions));
    const edits = fix.edit!.changes![uri];
    assert.deepEqual(edits.map((e) => e.newText), ['[lint, test]']);
    await assertCleanAfter(uri, edits);
  });

  it('fixes a quoted text too: the list replaces the quotes', async () => {
    const uri = await client.openNew('needs-as-text-quoted', text.replace('needs: lint, test', 'needs: "lint, test"'));
    const diags = client.diagnostics.get(uri)!.diagnostics;
    assert.deepEqual(diags.map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.character]), [['schema', 6, 11, 23]]);
    const actions = await client.codeActions(uri, diags);
    const edits = actions.find((a) => a.isPreferred)?.edit?.changes?.[uri];
    assert.deepEqual(edits?.map((e) => e.newText), ['[lint, test]'], JSON.stringify(actions));
    await assertCleanAfter(uri, edits!);
  });

  it('gives a block scalar the message alone', async () => {
    const uri = await client.openNew('needs-as-text-block', text.replace('needs: lint, test', 'needs: >-\n      lint, test'));
    const diags = client.diagnostics.get(uri)!.diagnostics;
    assert.equal(diags.length, 1);
    assert.match(String(diags[0].message), /is one text; .*write \[lint, test\]/);
    const actions = await client.codeActions(uri, diags);
    assert.equal(actions.find((a) => a.isPreferred), undefined, JSON.stringify(actions));
  });
});
