// Rename to an id that YAML reads as something other than text when written plain (`true`, `False`,
// `null`, `NULL`, ...): the step-id rule accepts it (spec section 2), but `id: true` is a boolean and
// `needs: [null]` a null, so the renamed workflow would not be valid. The id and the `needs` entries
// are written quoted (`id: "true"`); template references (`${steps.true.output}`) and sites already
// quoted are written as they are. Checked by applying the edit and analysing the result.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';
import { applyWorkspaceEdit } from '../helpers/workspace-edit.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const FLOW = [
  'steps:',
  '  - id: fetch',
  '    stub: {output: [1, 2]}',
  '  - id: b',
  '    needs: [fetch]',
  '    if: ${steps.fetch.status == \'succeeded\'}',
  '    shell: echo ${steps.fetch.output}',
  '  - {id: c, needs: fetch, stub: true}',
  "  - {id: d, needs: ['fetch'], stub: true}",
  '  - id: each',
  '    foreach:',
  '      items: ${steps.fetch.output}',
  '      steps:',
  '        - id: inner',
  '          needs:',
  '            - fetch',
  '          shell: echo ${item} ${steps.fetch.output[0]}',
  'outputs:',
  '  o: ${steps.fetch.output}',
].join('\n') + '\n';

const applyEdit = (text: string, uri: string, edit: WorkspaceEdit): string => applyWorkspaceEdit(text, uri, edit).text;

describe('rename to an id that YAML reads as a boolean or null when plain', () => {
  for (const newName of ['true', 'False', 'null', 'NULL', 'TRUE']) {
    it(`'${newName}': the renamed workflow analyses cleanly`, async () => {
      const uri = await client.openNew('yaml-words', FLOW);
      assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
      const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, positionOf(FLOW, 'fetch', 1), { newName });
      const renamed = applyEdit(FLOW, uri, edit);
      assert.ok(renamed.includes(`\${steps.${newName}.output}`), 'template references name the step unquoted');
      assert.ok(renamed.includes(`- id: "${newName}"`), 'the id is written quoted');
      assert.ok(renamed.includes(`needs: ['${newName}']`), 'a quoted needs entry keeps its quotes');
      const after = await client.openNew('yaml-words-renamed', renamed);
      assert.deepEqual((await client.waitForDiagnostics(after)).diagnostics.map((d) => `${d.code}: ${d.message}`), []);
    });
  }

  it("in a `%YAML 1.1` document, 'yes' too", async () => {
    const text = `%YAML 1.1\n---\n${FLOW}`;
    const uri = await client.openNew('yaml-words', text);
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
    const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, positionOf(text, 'fetch', 1), { newName: 'yes' });
    const renamed = applyEdit(text, uri, edit);
    assert.ok(renamed.includes('- id: "yes"'));
    const after = await client.openNew('yaml-words-renamed', renamed);
    assert.deepEqual((await client.waitForDiagnostics(after)).diagnostics.map((d) => `${d.code}: ${d.message}`), []);
  });

  it('an ordinary new id is written plain', async () => {
    const uri = await client.openNew('yaml-words', FLOW);
    const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, positionOf(FLOW, 'fetch', 1), { newName: 'truthy' });
    const renamed = applyEdit(FLOW, uri, edit);
    assert.equal(renamed, FLOW.replace(/fetch/g, 'truthy'));
  });
});
