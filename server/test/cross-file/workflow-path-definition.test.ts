// Go to definition on a `workflow` path: to the file it calls when the file can be read (the call's
// own file too, for a call that reaches itself); none when it cannot (`workflow-not-found`): a
// location naming a missing file made the editor fail to open it ("Unable to read file").
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { FIXTURES, positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const text = [
  'steps:',
  '  - id: found',
  '    workflow: {path: ./child.weft.yaml}',
  '  - id: missing',
  '    workflow: {path: ./no-such-file.weft.yaml}',
  '  - id: self',
  '    workflow: {path: ./workflow-path-definition.weft.yaml}',
  '',
].join('\n');

describe('definition on a workflow path', () => {
  it('goes to a file that exists (the own file too) and to none for a missing file', async () => {
    const file = path.join(FIXTURES, 'workflow-path-definition.weft.yaml');
    const uri = fileUri(file);
    await client.open(uri, text);
    const codes = (await client.waitForDiagnostics(uri)).diagnostics.map((d) => d.code).sort();
    assert.deepEqual(codes, ['workflow-cycle', 'workflow-not-found']);
    const def = (needle: string) => client.requestAt<Location | null>('textDocument/definition', uri, positionOf(text, needle, 3));
    assert.equal((await def('./child'))?.uri, fileUri(path.join(FIXTURES, 'child.weft.yaml')));
    assert.equal((await def('./workflow-path'))?.uri, uri);
    assert.equal(await def('./no-such'), null);
  });
});

describe('a workflow path in an unsaved document', () => {
  it("is not read from the server's working folder: a save-first error and no definition", async () => {
    // The server runs in the repository root, where this relative path names a real file.
    const uri = 'untitled:Untitled-1';
    const unsaved = 'steps:\n  - id: call\n    workflow: {path: ./examples/fan-out-fan-in.weft.yaml}\n';
    await client.open(uri, unsaved);
    const diags = (await client.waitForDiagnostics(uri)).diagnostics;
    assert.deepEqual(diags.map((d) => d.code), ['workflow-not-found']);
    assert.match(String(diags[0]!.message), /this file is not saved: save it/);
    const at = positionOf(unsaved, './examples', 3);
    assert.equal(await client.requestAt<Location | null>('textDocument/definition', uri, at), null);
  });
});
