// Step ids that end in '-' (`load-`; spec section 2 allows them) over the real protocol: rename from
// the id and from a reference, references, and completion, all read the id whole, as the template
// lexer does; rename checks a new id by the lexer's rule (isIdentifier), the one step-id rule.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ResponseError } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor, positionOf, type CursorFixture } from '../helpers/cursor.js';
import { applyWorkspaceEdit } from '../helpers/workspace-edit.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const FLOW = [
  'steps:',
  '  - id: load-',
  '    file: { action: read, path: data.txt }',
  '  - id: use',
  '    needs: load-',
  '    shell: echo "${steps.lo|ad-.output} ${steps.load- .status} ${steps.load-}"',
  '  - id: fan',
  '    parallel:',
  '      - id: inner',
  '        shell: echo "${steps.load-.output}"',
].join('\n') + '\n';

async function open(text: string): Promise<string> {
  const uri = fileUri(`/virtual/dash${n++}.weft.yaml`);
  await client.open(uri, text);
  return uri;
}

async function diagnosticsOf(text: string): Promise<string[]> {
  const uri = await open(text);
  const d = await client.waitForDiagnostics(uri);
  return d.diagnostics.map((x) => `${x.code}: ${x.message}`);
}

describe("step ids that end in '-'", () => {
  const fx: CursorFixture = parseCursor(FLOW);

  it('the flow analyses cleanly', async () => {
    assert.deepEqual(await diagnosticsOf(fx.text), []);
  });

  it('prepareRename on a reference gives the whole id, trailing dash included', async () => {
    const uri = await open(fx.text);
    const r = await client.requestAt<{ range: Location['range']; placeholder: string }>('textDocument/prepareRename', uri, fx);
    assert.equal(r.placeholder, 'load-');
    assert.deepEqual(r.range, { start: positionOf(fx.text, 'load-.output'), end: positionOf(fx.text, 'load-.output', 5) });
  });

  it('references of the id: every template reference and the needs entry', async () => {
    const uri = await open(fx.text);
    const refs = await client.requestAt<Location[]>('textDocument/references', uri, fx, { context: { includeDeclaration: true } });
    assert.equal(refs.length, 6);
    for (const r of refs) {
      assert.equal(r.range.end.character - r.range.start.character, 5, JSON.stringify(r.range));
      assert.equal(fx.text.split('\n')[r.range.start.line].slice(r.range.start.character, r.range.end.character), 'load-');
    }
  });

  it('renames it to another id that ends in dashes, and the result analyses cleanly', async () => {
    const uri = await open(fx.text);
    const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, fx, { newName: 'fetch--' });
    const { text, replaced } = applyWorkspaceEdit(fx.text, uri, edit);
    assert.deepEqual(replaced, Array(6).fill('load-'));
    assert.ok(!text.includes('load'));
    assert.deepEqual(await diagnosticsOf(text), []);
  });

  it("renames an id to one that ends in '-' (from the id), and the result analyses cleanly", async () => {
    const plain = parseCursor(FLOW.replace('lo|ad-.output', 'load-.output').replace(/load-/g, 'load').replace('id: load', 'id: lo|ad'));
    const uri = await open(plain.text);
    const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', uri, plain, { newName: 'load-' });
    const { text, replaced } = applyWorkspaceEdit(plain.text, uri, edit);
    assert.deepEqual(replaced, Array(6).fill('load'));
    assert.equal(text, fx.text);
    assert.deepEqual(await diagnosticsOf(text), []);
  });

  it('refuses a new id the lexer would not read as one name', async () => {
    const uri = await open(fx.text);
    for (const newName of ['-load', '9load', 'lo ad', 'lo.ad', '']) {
      await assert.rejects(client.requestAt('textDocument/rename', uri, fx, { newName }), (e: unknown) => {
        assert.ok(e instanceof ResponseError);
        assert.match(e.message, /not a valid step id/, newName);
        return true;
      });
    }
  });

  it('completion offers the id after steps., and its fields after steps.load-.', async () => {
    const labelsAt = async (line: string) => {
      const c = parseCursor(FLOW.replace('lo|ad-.output', 'load-.output').replace('echo "${steps.load-.output}"', line));
      return (await client.completion(await open(c.text), c)).map((i) => i.label);
    };
    assert.ok((await labelsAt('echo "${steps.|}"')).includes('load-'));
    assert.ok((await labelsAt('echo "${steps.load|}"')).includes('load-'));
    const fields = await labelsAt('echo "${steps.load-.|}"');
    for (const want of ['output', 'status', 'error']) assert.ok(fields.includes(want), want);
    assert.ok(!fields.includes('exitCode'), 'load- is a file step');
  });
});
