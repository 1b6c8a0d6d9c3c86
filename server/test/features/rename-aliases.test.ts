// Rename, references and highlight of a step when YAML reuses text through an anchor and its alias
// (spec 3.1: the same steps list in two branches). The analysis holds one reference per place the
// text is used, all with the same source range: the answers name that range once (an editor refuses
// a rename whose edits overlap), and a rename is refused when the shared text names a different
// step in another of its places, since editing it would change what that place refers to.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DocumentHighlight, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor, positionOf } from '../helpers/cursor.js';
import { applyWorkspaceEdit } from '../helpers/workspace-edit.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

async function open(text: string): Promise<string> {
  const uri = fileUri(`/virtual/alias-rename${n++}.weft.yaml`);
  await client.open(uri, text);
  return uri;
}
const key = (r: Location['range']) => `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

/** The text with the edit applied; fails if two edits overlap (as VS Code refuses them). */
const applyEdit = (text: string, uri: string, edit: WorkspaceEdit): string => applyWorkspaceEdit(text, uri, edit, { disjoint: true }).text;
async function diagnosticsOf(text: string): Promise<string[]> {
  const d = await client.waitForDiagnostics(await open(text));
  return d.diagnostics.map((x) => `${x.code}: ${x.message}`);
}

describe('a step referenced from a steps list that an alias reuses', () => {
  const fx = parseCursor([
    'steps:',
    '  - id: fe|tch',
    '    stub: true',
    '  - id: p',
    '    parallel:',
    '      branches:',
    '        a: &pl',
    '          - id: x',
    '            needs: fetch',
    '            stub: { output: "${steps.fetch.output}" }',
    '        b: *pl',
    '',
  ].join('\n'));

  it('rename: the id and each reference once, and the result analyses cleanly', async () => {
    const uri = await open(fx.text);
    const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, fx, { newName: 'got' });
    assert.equal(edit.changes![uri].length, 3, JSON.stringify(edit));
    const renamed = applyEdit(fx.text, uri, edit);
    assert.ok(!renamed.includes('fetch'));
    assert.deepEqual(await diagnosticsOf(renamed), []);
  });

  it('references and highlight: each place once', async () => {
    const uri = await open(fx.text);
    const refs = await client.requestAt<Location[]>('textDocument/references', uri, fx, { context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((l) => key(l.range)).sort(), ['1:8-1:13', '8:19-8:24', '9:37-9:42']);
    const hs = await client.requestAt<DocumentHighlight[]>('textDocument/documentHighlight', uri, positionOf(fx.text, 'fetch', 1, 2));
    assert.deepEqual(hs.map((h) => key(h.range)).sort(), ['1:8-1:13', '8:19-8:24', '9:37-9:42']);
  });

  it('a step inside the reused list: renamed once, from its id or from a reference', async () => {
    const text = [
      'steps:',
      '  - id: p',
      '    parallel:',
      '      branches:',
      '        a: &pl',
      '          - id: first',
      '            stub: true',
      '          - id: second',
      '            shell: echo ${steps.first.output}',
      '        b: *pl',
      '        c: *pl',
      '',
    ].join('\n');
    const uri = await open(text);
    for (const at of [positionOf(text, 'first', 1), positionOf(text, 'first', 1, 1)]) {
      const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, at, { newName: 'one' });
      const renamed = applyEdit(text, uri, edit);
      assert.equal(renamed, text.replaceAll('first', 'one'));
      const refs = await client.requestAt<Location[]>('textDocument/references', uri, at, { context: { includeDeclaration: true } });
      assert.deepEqual(refs.map((l) => key(l.range)), ['5:16-5:21', '8:32-8:37']);
    }
  });
});

describe('shared text that names different steps in its places', () => {
  // `${steps.cfg.output}` is one text used twice: inside A/x it names A's own `cfg`, under B the top-level one.
  const fx = parseCursor([
    'steps:',
    '  - id: A',
    '    parallel:',
    '      branches:',
    '        x:',
    '          - id: cfg',
    '            stub: true',
    '          - id: inner',
    '            parallel: { branches: { y: &l [ {id: u, stub: {output: "${steps.cfg.output}"}} ] } }',
    '  - id: c|fg',
    '    stub: true',
    '  - id: B',
    '    parallel: { branches: { z: *l } }',
    '',
  ].join('\n'));

  it('renaming either step is refused, saying where', async () => {
    const uri = await open(fx.text);
    assert.deepEqual(await diagnosticsOf(fx.text), []);
    for (const at of [fx, positionOf(fx.text, 'cfg', 1)]) {
      await assert.rejects(client.requestAt('textDocument/rename', uri, at, { newName: 'got' }),
        /the reference on line 9 is in text that YAML reuses \(an anchor and its alias\), and in another place it names another step 'cfg' \(line (6|10)\)/);
    }
  });

  it('renaming a step the shared text names in every place is allowed', async () => {
    const text = fx.text.replace('          - id: cfg\n            stub: true\n', '          - id: other\n            stub: true\n');
    const uri = await open(text);
    const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, positionOf(text, 'cfg', 1, 1), { newName: 'got' });
    assert.deepEqual(await diagnosticsOf(applyEdit(text, uri, edit)), []);
  });
});
