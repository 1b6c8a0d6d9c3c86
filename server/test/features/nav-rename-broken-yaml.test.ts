// Rename of a step while the file has a YAML error (mid-edit: a tab typed as indentation, a flow
// mapping not closed yet). YAML stops reading the file at such an error, so references after it are
// not in the analysis; a rename that edited only the ones it sees left `${steps.fetch.output}` and
// `needs: [fetch]` naming the old id, and the user got unknown-step errors once the YAML was fixed.
// Rename now refuses, saying which error and which line, when the text the analysis could not read
// names the step (`steps.ID`, a `needs` entry); it goes on when every such text was read.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';
import { applyWorkspaceEdit } from '../helpers/workspace-edit.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

/** The rename's new text, or its error message. */
async function renameAt(withCursor: string, newName: string): Promise<{ text?: string; error?: string }> {
  const fx = parseCursor(withCursor);
  const uri = fileUri(`/virtual/nav-rename-broken${n++}.weft.yaml`);
  await client.open(uri, fx.text);
  await client.waitForDiagnostics(uri);
  try {
    const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, fx, { newName });
    return { text: applyWorkspaceEdit(fx.text, uri, edit, { disjoint: true }).text };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('rename while the YAML is broken', () => {
  it('a tab as indentation hides the rest of the file: refused, naming the error and the reference', async () => {
    const r = await renameAt([
      'steps:',
      '  - id: fe|tch',
      '    stub: true',
      '  - id: b',
      '    stub: true',
      '\tshell: echo ${steps.fetch.output}',
      '  - id: c',
      '    needs: [fetch]',
      '    stub: true',
      '',
    ].join('\n'), 'get');
    assert.equal(r.text, undefined, `renamed to:\n${r.text}`);
    assert.match(r.error ?? '', /line 6/);
    assert.match(r.error ?? '', /YAML error/);
    assert.match(r.error ?? '', /tabs are not allowed/);
  });

  it('a needs block list after an unclosed flow mapping: refused', async () => {
    const r = await renameAt([
      'steps:',
      '  - id: fe|tch',
      '    stub: true',
      '  - id: b',
      '    http: {url: "x", ',
      '  - id: c',
      '    needs:',
      '      - fetch',
      '    stub: true',
      '',
    ].join('\n'), 'get');
    assert.equal(r.text, undefined, `renamed to:\n${r.text}`);
    assert.match(r.error ?? '', /line 8/);
  });

  it('an unclosed quote whose reference YAML still reads: renamed', async () => {
    const r = await renameAt([
      'steps:',
      '  - id: fe|tch',
      '    stub: true',
      '  - id: b',
      '    shell: echo ${steps.fetch.output}',
      '  - id: c',
      '    shell: "echo ${steps.fetch.output}',
      '',
    ].join('\n'), 'get');
    assert.equal(r.error, undefined);
    assert.equal((r.text ?? '').match(/steps\.get\.output/g)?.length, 2);
    assert.doesNotMatch(r.text ?? '', /fetch/);
  });

  it('a comment or another step of the same id does not stop it', async () => {
    const r = await renameAt([
      'steps:',
      '  - id: p',
      '    parallel:',
      '      branches:',
      '        one:',
      '          - id: fe|tch',
      '            stub: true',
      '          - id: u',
      '            shell: echo ${steps.fetch.output}',
      '        two:',
      '          - id: fetch',
      '            stub: true',
      '          - id: v',
      '            shell: echo ${steps.fetch.output}',
      '  # was ${steps.fetch.output}',
      '  - id: w',
      '    shell: "echo',
      '',
    ].join('\n'), 'get');
    assert.equal(r.error, undefined);
    assert.equal((r.text ?? '').match(/steps\.get\.output/g)?.length, 1);
  });
});
