// Rename of a foreach item over LSP (found in QA: prepareRename on `${f}` answered "Only a step id or
// a reference to a step can be renamed"). The rename changes the `as:` value and every use in the
// body that names this foreach's item (an inner foreach with the same `as` hides it), the file stays
// clean; the default `item` gets `as: <new name>` added; a name that would change what another use
// means, or that the schema refuses for `as`, is refused.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';
import { applyWorkspaceEdit } from '../helpers/workspace-edit.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const nested = [
  'steps:',
  '  - id: list',
  '    stub: { output: [a, b] }',
  '  - id: per_file',
  '    foreach:',
  '      items: ${steps.list.output}',
  '      as: f',
  '      steps:',
  '        - id: read',
  '          shell: cat "${f}" ${index}',
  '        - id: inner',
  '          foreach:',
  '            items: ${f.parts}',
  '            as: f',
  '            steps:',
  '              - id: deep',
  '                shell: echo ${f}',
  '        - id: other',
  '          foreach:',
  '            items: [1]',
  '            as: g',
  '            steps:',
  '              - id: uses_outer',
  '                shell: echo ${f} ${g}',
  '',
].join('\n');

async function renamed(text: string, at: { line: number; character: number }, newName: string): Promise<string> {
  const uri = await client.openNew('item-rename', text);
  const prep = await client.requestAt<{ placeholder: string }>('textDocument/prepareRename', uri, at);
  assert.ok(prep.placeholder, JSON.stringify(prep));
  const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, at, { newName });
  const out = applyWorkspaceEdit(text, uri, edit, { disjoint: true }).text;
  const after = await client.openNew('item-rename-after', out);
  assert.deepEqual(client.diagnostics.get(after)?.diagnostics.map((d) => d.message), []);
  return out;
}

describe('rename of a foreach item', () => {
  it("from a use: the as: value and this foreach's uses, not the inner item of the same name", async () => {
    const out = await renamed(nested, positionOf(nested, 'cat "${f}', 7), 'file');
    assert.equal(out, nested
      .replace('      as: f', '      as: file').replace('cat "${f}"', 'cat "${file}"').replace('${f.parts}', '${file.parts}')
      .replace('echo ${f} ${g}', 'echo ${file} ${g}'));
    // From the as: value of the inner foreach: only its own use.
    const inner = await renamed(nested, positionOf(nested, 'as: f', 4, 1), 'part');
    assert.equal(inner, nested.replace('            as: f', '            as: part').replace('echo ${f}\n', 'echo ${part}\n'));
  });

  it('the default item gets as: <new name> before its steps key (block and flow style)', async () => {
    const block = 'steps:\n  - id: each\n    foreach:\n      items: [1, 2]\n      steps:\n        - id: one\n          shell: echo ${item}\n';
    assert.equal(await renamed(block, positionOf(block, '${item}', 3), 'n'), block.replace('      steps:', '      as: n\n      steps:').replace('${item}', '${n}'));
    const flow = 'steps:\n  - id: each\n    foreach: {items: [1, 2], steps: [{id: one, shell: "echo ${item}"}]}\n';
    assert.equal(await renamed(flow, positionOf(flow, '${item}', 3), 'n'), flow.replace('steps: [', 'as: n, steps: [').replace('${item}', '${n}'));
  });

  it('refuses a name that changes what another use means, or that as: cannot take', async () => {
    const uri = await client.openNew('item-rename', nested);
    const at = positionOf(nested, 'cat "${f}', 7);
    // ${g} in the body names the other foreach's item: renaming f to g would capture the use of f inside it.
    await assert.rejects(client.requestAt('textDocument/rename', uri, at, { newName: 'g' }), /name the item of foreach 'other'/);
    const outer = positionOf(nested, 'as: g', 4);
    await assert.rejects(client.requestAt('textDocument/rename', uri, outer, { newName: 'f' }), /would make '\$\{f\.\.\.\}' on line 24 name this foreach's item/);
    for (const bad of ['steps', 'index', 'a-b', '1x', 'null']) await assert.rejects(client.requestAt('textDocument/rename', uri, at, { newName: bad }), /not a valid item name/);
  });
});
