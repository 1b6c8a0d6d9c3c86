// Rename across a `workflow` call (found by a hunt: renaming a called file's output key answered "Only
// a step id... can be renamed"). An output is renamed from its key in the called file or from a use
// in a caller: one WorkspaceEdit with the key and every use in the files the server knows (the open
// documents and the files it read as their callees; call-fixture.ts). An input is renamed from its
// declaration, a use in its file, or a caller's `workflow.inputs` key: the declaration, its uses and
// the callers' keys.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { WorkspaceEdit } from 'vscode-languageserver-protocol';
import type { LspClient } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';
import { applyWorkspaceEdit } from '../helpers/workspace-edit.js';
import { child, mid, parent, setUp, uris } from './call-fixture.js';

let client: LspClient;
let dir: string;

before(async () => ({ client, dir } = await setUp('weft-call-rename-')));
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const texts: Record<string, string> = { child, parent, mid };

/** Each file the edit changes, with its new text. */
function applied(edit: WorkspaceEdit): Record<string, string> {
  const out: Record<string, string> = {};
  for (const uri of Object.keys(edit.changes ?? {})) {
    const name = Object.entries(uris).find(([, u]) => u === uri)?.[0];
    assert.ok(name && texts[name] !== undefined, `an edit to ${uri}`);
    out[name] = applyWorkspaceEdit(texts[name], uri, edit, { disjoint: true }).text;
  }
  return out;
}

const rename = (uri: string, pos: { line: number; character: number }, newName: string) =>
  client.requestAt<WorkspaceEdit>('textDocument/rename', uri, pos, { newName });

describe("rename of a called file's output", () => {
  const expected = {
    child: child.replace('greeting:', 'salute:'),
    parent: parent.replace('output.greeting', 'output.salute').replace("'greeting'", "'salute'"),
    mid: mid.replace('output.greeting', 'output.salute'),
  };

  it('from its key: the key and every use in one edit', async () => {
    const at = positionOf(child, 'greeting', 2);
    const prep = await client.requestAt<{ range: unknown; placeholder: string }>('textDocument/prepareRename', uris.child, at);
    assert.deepEqual(prep, { range: { start: { line: 3, character: 2 }, end: { line: 3, character: 10 } }, placeholder: 'greeting' });
    assert.deepEqual(applied(await rename(uris.child, at, 'salute')), expected);
  });

  it('from a use in a caller: the same edit', async () => {
    const at = positionOf(parent, 'output.greeting', 10);
    const prep = await client.requestAt<{ placeholder: string }>('textDocument/prepareRename', uris.parent, at);
    assert.equal(prep.placeholder, 'greeting');
    assert.deepEqual(applied(await rename(uris.parent, at, 'salute')), expected);
  });

  it('quotes a new key that YAML would read as something else when plain (true); uses stay plain', async () => {
    const edit = applied(await rename(uris.child, positionOf(child, 'greeting', 2), 'true'));
    assert.equal(edit.child, child.replace('greeting:', '"true":'));
    assert.equal(edit.mid, mid.replace('output.greeting', 'output.true'));
  });

  it('refuses a name that is not a valid output name, or one the file already declares', async () => {
    const at = positionOf(child, 'greeting', 2);
    await assert.rejects(rename(uris.child, at, '9x'), /'9x' is not a valid output name/);
    await assert.rejects(rename(uris.child, at, 'other'), /already declares an output 'other' \(line 5\)/);
  });
});

describe("rename of a called file's output: a use it could not edit", () => {
  it('is refused when an open caller writes the field as a bracketed text with escapes, naming that file and line', async () => {
    // In a double-quoted YAML value, `[\"greeting\"]` is the text ["greeting"]: the name is not
    // spelled as is in the source, so no edit of the name's characters renames it.
    const text = 'steps:\n  - id: call\n    workflow: {path: ./child.weft.yaml, inputs: {topic: x}}\n  - id: use\n    shell: "echo ${steps.call.output[\\"greeting\\"]}"\n';
    const uri = uris.child.replace('child.weft.yaml', 'escaped.weft.yaml');
    await client.open(uri, text);
    assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, [], 'the caller is clean');
    try {
      await assert.rejects(rename(uris.child, positionOf(child, 'greeting', 2), 'salute'),
        /Cannot rename 'greeting': escaped\.weft\.yaml line 5 writes it as a bracketed text with escapes; write it as output\.greeting first/);
    } finally {
      await client.close(uri);
    }
    // Closed, it is no longer a file the server knows: the rename goes ahead.
    assert.ok((await rename(uris.child, positionOf(child, 'greeting', 2), 'salute')).changes?.[uris.child]);
  });
});

describe("rename of a called file's input", () => {
  it('is refused, on its declaration, a use and a caller key, saying why', async () => {
    const why = /Inputs are not renamed: 'topic' is also the name that --input sets on command lines and in scripts/;
    await assert.rejects(client.requestAt('textDocument/prepareRename', uris.child, positionOf(child, 'topic', 1)), why);
    await assert.rejects(client.requestAt('textDocument/prepareRename', uris.child, positionOf(child, 'inputs.topic', 8)), why);
    await assert.rejects(client.requestAt('textDocument/prepareRename', uris.parent, positionOf(parent, 'topic', 1)), why);
    await assert.rejects(rename(uris.parent, positionOf(parent, 'topic', 1), 'subject'), why);
  });
});
