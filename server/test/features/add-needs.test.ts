// The "Add `needs: a` to 'b'" quick fix for a file race, on each shape a step's `needs` takes: none
// yet (block or flow mapping, a quoted `"id"` key), one scalar, a flow list (also empty), a block list
// (with comments), an empty value (`needs:`, `needs: ~`, `needs: # ...`), and CRLF line ends. Applying the preferred fix must leave a file with no diagnostics at all: the edit is valid
// YAML and the race is gone.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { createLineIndex } from '../../../engine/src/model/line-index.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

function applyEdits(text: string, edits: TextEdit[]): string {
  const li = createLineIndex(text);
  let out = text;
  for (const e of [...edits].sort((a, b) => li.offsetAt(b.range.start) - li.offsetAt(a.range.start))) {
    out = out.slice(0, li.offsetAt(e.range.start)) + e.newText + out.slice(li.offsetAt(e.range.end));
  }
  return out;
}

/** Opens `text`, takes the preferred fix of its first file race, and returns the fixed text and its diagnostics. */
async function fixRace(text: string): Promise<{ title: string; fixed: string; after: Diagnostic[] }> {
  const uri = fileUri(`/virtual/add-needs-${n++}.weft.yaml`);
  await client.open(uri, text);
  const race = (await client.waitForDiagnostics(uri)).diagnostics.find((d) => d.code === 'file-race');
  assert.ok(race, 'a file race');
  const actions = await client.codeActions(uri, [race]);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, `a preferred fix among ${actions.map((a) => a.title)}`);
  const fixed = applyEdits(text, fix.edit!.changes![uri]);
  const uri2 = fileUri(`/virtual/add-needs-${n++}.weft.yaml`);
  await client.open(uri2, fixed);
  return { title: fix.title, fixed, after: (await client.waitForDiagnostics(uri2)).diagnostics };
}

const WRITER = '  - id: w\n    file: {action: write, path: out.txt, content: x}\n  - {id: z, stub: true}\n';

describe('Add `needs` quick fix', () => {
  it('a flow mapping step with a scalar needs: a flow list, not a new key', async () => {
    const r = await fixRace(`steps:\n${WRITER}  - {id: r, needs: z, file: {action: read, path: out.txt}}\n`);
    assert.equal(r.title, "Add `needs: w` to 'r'");
    assert.ok(r.fixed.includes('  - {id: r, needs: [z, w], file: {action: read, path: out.txt}}\n'), r.fixed);
    assert.deepEqual(r.after, []);
  });

  it('a flow mapping step without needs: the key after the id', async () => {
    const r = await fixRace(`steps:\n${WRITER}  - {id: r, file: {action: read, path: out.txt}}\n`);
    assert.ok(r.fixed.includes('  - {id: r, needs: w, file: {action: read, path: out.txt}}\n'), r.fixed);
    assert.deepEqual(r.after, []);
  });

  it('a block list with a comment on its last entry: the comment stays on that entry', async () => {
    const r = await fixRace(`steps:\n${WRITER}  - id: r\n    needs:\n      - z   # first z\n    file: {action: read, path: out.txt}\n`);
    assert.ok(r.fixed.includes('    needs:\n      - z   # first z\n      - w\n    file:'), r.fixed);
    assert.deepEqual(r.after, []);
  });

  it('a flow list, a block scalar with a comment, and no needs in a block mapping (CRLF)', async () => {
    const flow = await fixRace(`steps:\n${WRITER}  - id: r\n    needs: [ z ]\n    file: {action: read, path: out.txt}\n`);
    assert.ok(flow.fixed.includes('    needs: [ z, w ]\n'), flow.fixed);
    assert.deepEqual(flow.after, []);
    const scalar = await fixRace(`steps:\n${WRITER}  - id: r\n    needs: z  # z first\n    file: {action: read, path: out.txt}\n`);
    assert.ok(scalar.fixed.includes('    needs: [z, w]  # z first\n'), scalar.fixed);
    assert.deepEqual(scalar.after, []);
    const crlf = await fixRace(`steps:\n${WRITER}  - id: r   # reader\n    file: {action: read, path: out.txt}\n`.replace(/\n/g, '\r\n'));
    assert.ok(crlf.fixed.includes('  - id: r   # reader\r\n    needs: w\r\n    file:'), crlf.fixed);
    assert.deepEqual(crlf.after, []);
  });

  it('a selection over both steps of a race (a diagnostic on each): each fix once, for both diagnostics', async () => {
    const text = `steps:\n${WRITER}  - id: r\n    file: {action: read, path: out.txt}\n`;
    const uri = fileUri(`/virtual/add-needs-${n++}.weft.yaml`);
    await client.open(uri, text);
    const races = (await client.waitForDiagnostics(uri)).diagnostics.filter((d) => d.code === 'file-race');
    assert.equal(races.length, 2, 'the race is reported on each step');
    const range = { start: { line: 1, character: 0 }, end: { line: 5, character: 0 } };
    const actions = await client.codeActions(uri, races, range);
    assert.deepEqual(actions.map((a) => a.title), ["Add `needs: w` to 'r'", "Add `needs: r` to 'w'"]);
    assert.deepEqual(actions.map((a) => a.isPreferred), [true, false]);
    for (const a of actions) assert.equal(a.diagnostics?.length, 2, 'each fix resolves both diagnostics');
  });

  it('an empty flow list, an empty value (with a comment, or ~) and a quoted id key', async () => {
    const empty = await fixRace(`steps:\n${WRITER}  - id: r\n    needs: []\n    file: {action: read, path: out.txt}\n`);
    assert.equal(empty.title, "Add `needs: w` to 'r'");
    assert.ok(empty.fixed.includes('    needs: [w]\n'), empty.fixed);
    assert.deepEqual(empty.after, []);
    const flowEmpty = await fixRace(`steps:\n${WRITER}  - {id: r, needs: [], file: {action: read, path: out.txt}}\n`);
    assert.ok(flowEmpty.fixed.includes('  - {id: r, needs: [w], file:'), flowEmpty.fixed);
    assert.deepEqual(flowEmpty.after, []);
    for (const [value, want] of [['needs: # later', 'needs: w # later'], ['needs:', 'needs: w'], ['needs: ~', 'needs: w']]) {
      const r = await fixRace(`steps:\n${WRITER}  - id: r\n    ${value}\n    file: {action: read, path: out.txt}\n`);
      assert.equal(r.title, "Add `needs: w` to 'r'");
      assert.ok(r.fixed.includes(`    ${want}\n    file:`), r.fixed);
      assert.deepEqual(r.after, [], r.fixed);
    }
    const quoted = await fixRace(`steps:\n${WRITER}  - "id": r\n    file: {action: read, path: out.txt}\n`);
    assert.equal(quoted.title, "Add `needs: w` to 'r'");
    assert.ok(quoted.fixed.includes('  - "id": r\n    needs: w\n    file:'), quoted.fixed);
    assert.deepEqual(quoted.after, []);
  });
});
