// Rename of a step in a shorthand `parallel: [...]` list (found by edits.test.ts's sweep): each step is
// a branch named after its id (language spec 2.2), read as `${steps.checks.output.lint}`. Renaming
// the step left those fields naming the old branch (an unknown-property error), and, each branch
// being a steps list of its own, a new id equal to another branch's was accepted (a duplicate id).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { ResponseError, type WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';
import { applyWorkspaceEdit } from '../helpers/workspace-edit.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const TEXT = [
  'steps:',
  '  - id: checks',
  '    parallel:',
  '      - id: lint',
  '        shell: echo lint',
  '      - id: test',
  '        shell: echo test',
  '  - id: report',
  `    stub: {output: "\${steps.checks.output.lint} \${steps.checks.output['lint']} \${steps.checks.output.test}"}`,
  '',
].join('\n');

describe('rename in a shorthand parallel list', () => {
  it("renames the block's output fields that name the branch", async () => {
    const uri = await client.openNew('shorthand-rename', TEXT);
    const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, positionOf(TEXT, 'id: lint', 4), { newName: 'style' });
    const { text } = applyWorkspaceEdit(TEXT, uri, edit, { disjoint: true });
    assert.equal(text, TEXT.replace('id: lint', 'id: style').replace('output.lint', 'output.style').replace("output['lint']", "output['style']"));
    const version = await client.change(uri, [{ text }]);
    const published = await client.waitForDiagnostics(uri, (p) => p.version === version);
    assert.deepEqual(published.diagnostics, []);
  });

  it('refuses the id of another branch of the list', async () => {
    const uri = await client.openNew('shorthand-clash', TEXT);
    await assert.rejects(
      client.requestAt('textDocument/rename', uri, positionOf(TEXT, 'id: lint', 4), { newName: 'test' }),
      (e: unknown) => e instanceof ResponseError && /A step 'test' already exists in the same parallel list \(line 6\)/.test(e.message),
    );
  });
});
