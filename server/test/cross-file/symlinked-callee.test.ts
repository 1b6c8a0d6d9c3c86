// A `workflow` step that calls its file through a symbolic link (`./link.weft.yaml` -> `lib/t.weft.yaml`,
// or a linked folder), as a monorepo shares workflows. Found in a user-level hunt: the caller read the
// file under the name it gives, so the linked file changed on disk (the editor's watcher names it by
// its own path), or open in the editor with unsaved text, left the caller's diagnostics as they were:
// an open editor's text is what a call reads (docs/language-server.md), whichever name reaches it.
// References across the call treat both names as one file too (known-calls.ts, `key`).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, fileUri } from '../helpers/lsp-client.js';

let client: LspClient;
let dir: string;
/** Symbolic links can be made here (not on Windows without privileges). */
let links = true;

const callee = (output: string) => `outputs:\n  ${output}: done\nsteps:\n  - id: s\n    stub: true\n`;
const caller = (p: string) => `steps:\n  - id: c\n    workflow:\n      path: ${p}\n  - id: use\n    shell: echo \${steps.c.output.o}\n`;

before(async () => {
  client = await LspClient.weft();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-symlinked-callee-'));
  fs.mkdirSync(path.join(dir, 'lib'));
  try {
    fs.symlinkSync(path.join(dir, 'lib'), path.join(dir, 'linked-lib'));
  } catch {
    links = false;
  }
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
/** A callee `lib/<name>` (declaring output `o`), a link to it, and an open caller of `callPath(name)`. */
async function setUp(callPath: (name: string) => string): Promise<{ real: string; link: string; uri: string }> {
  const name = `t${n++}.weft.yaml`;
  const real = path.join(dir, 'lib', name);
  const link = path.join(dir, `link-${name}`);
  fs.writeFileSync(real, callee('o'));
  fs.symlinkSync(real, link);
  const file = path.join(dir, `caller-${name}`);
  const text = caller(callPath(name));
  fs.writeFileSync(file, text);
  const uri = fileUri(file);
  await client.open(uri, text);
  assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics, []);
  return { real, link, uri };
}

/** The caller's next diagnostics after `act`: their codes. */
async function after_(uri: string, act: () => Promise<void>): Promise<string[]> {
  const k = client.published.length;
  await act();
  const p = await client.waitForDiagnostics(uri, (x) => client.published.length > k && x.uri === uri);
  return p.diagnostics.map((d) => d.code as string);
}

const watched = (file: string) => client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(file), type: 2 }] });

describe('a workflow called through a symbolic link', () => {
  it('changed on disk, named by its own path: the caller is analysed again', async (t) => {
    if (!links) return t.skip('no symbolic links here');
    const { real, uri } = await setUp((name) => `./link-${name}`);
    assert.deepEqual(await after_(uri, async () => {
      fs.writeFileSync(real, callee('x'));
      await watched(real);
    }), ['unknown-property']);
  });

  it('through a linked folder, changed on disk: the caller is analysed again', async (t) => {
    if (!links) return t.skip('no symbolic links here');
    const { real, uri } = await setUp((name) => `./linked-lib/${name}`);
    assert.deepEqual(await after_(uri, async () => {
      fs.writeFileSync(real, callee('x'));
      await watched(real);
    }), ['unknown-property']);
  });

  it('open in the editor under its own path: the caller reads the unsaved text', async (t) => {
    if (!links) return t.skip('no symbolic links here');
    const { real, uri } = await setUp((name) => `./link-${name}`);
    const realUri = fileUri(real);
    assert.deepEqual(await after_(uri, () => client.open(realUri, callee('x'))), ['unknown-property']);
    // Typed back to `o` (unsaved; the disk never changed): clean again.
    assert.deepEqual(await after_(uri, async () => {
      await client.change(realUri, [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } }, text: 'o' }]);
    }), []);
  });

  it('the caller names the file, the editor has it open through the link: the caller reads the unsaved text', async (t) => {
    if (!links) return t.skip('no symbolic links here');
    const { link, uri } = await setUp((name) => `./lib/${name}`);
    assert.deepEqual(await after_(uri, () => client.open(fileUri(link), callee('x'))), ['unknown-property']);
  });
});

describe('references across a call through a symbolic link', () => {
  it("the callee open under its own path and the caller's use through the link are one file: references from either side list both", async (t) => {
    if (!links) return t.skip('no symbolic links here');
    const { real, uri } = await setUp((name) => `./link-${name}`);
    const realUri = fileUri(real);
    const text = callee('o');
    await client.open(realUri, text);
    assert.deepEqual((await client.waitForDiagnostics(realUri)).diagnostics, []);
    const key = { uri: realUri, range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } } };
    const at = caller(`./link-${path.basename(real)}`).split('\n')[5].indexOf('output.o') + 'output.'.length;
    const use = { uri, range: { start: { line: 5, character: at }, end: { line: 5, character: at + 1 } } };
    const refs = async (at: string, pos: { line: number; character: number }) =>
      (await client.requestAt<{ uri: string; range: unknown }[]>('textDocument/references', at, pos, { context: { includeDeclaration: true } }))
        .map((l) => `${l.uri}@${JSON.stringify(l.range)}`).sort();
    const both = [key, use].map((l) => `${l.uri}@${JSON.stringify(l.range)}`).sort();
    assert.deepEqual(await refs(realUri, key.range.start), both, 'from the key in the callee');
    assert.deepEqual(await refs(uri, use.range.start), both, 'from the use in the caller');
  });
});
