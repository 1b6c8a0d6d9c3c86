// Completion of a `workflow` step's `path:` value over LSP: the folders and workflow files of the
// folder typed so far, relative to the document's folder (found typing `path: ./lib/` in QA, which
// offered nothing). Only directory listings are read: a named pipe beside the files is listed by
// name, never opened (it would block the server), and node_modules/.git are skipped. An untitled
// document has no folder and gets nothing.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let client: LspClient;
let dir: string;
before(async () => {
  client = await LspClient.weft();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-path-completion-'));
  const lib = path.join(dir, 'lib');
  for (const d of ['lib/sub', 'lib/node_modules', 'lib/.git', 'lib/.hidden', 'other']) fs.mkdirSync(path.join(dir, d), { recursive: true });
  for (const f of ['a.weft.yaml', 'b.weft.yml', 'c.workflow.yaml', 'notes.txt', 'data.yaml']) fs.writeFileSync(path.join(lib, f), 'steps: []\n');
  fs.symlinkSync(path.join(dir, 'other'), path.join(lib, 'linked'));
  execFileSync('mkfifo', [path.join(lib, 'pipe.weft.yaml')]);
  fs.writeFileSync(path.join(dir, 'main.weft.yaml'), 'steps: []\n');
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
async function completeIn(withCursor: string, uri = fileUri(path.join(dir, `doc-${n++}.weft.yaml`))) {
  const fx = parseCursor(withCursor);
  await client.open(uri, fx.text);
  await client.waitForDiagnostics(uri);
  return { items: await client.completion(uri, { line: fx.line, character: fx.character }), fx };
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label).sort();
const step = (value: string) => `steps:\n  - id: call\n    workflow:\n      path: ${value}\n`;

describe('completion of workflow paths', () => {
  it('lists folders and workflow files of the typed folder, replacing the last segment', async () => {
    const { items, fx } = await completeIn(step('./lib/|'));
    assert.deepEqual(labels(items), ['a.weft.yaml', 'b.weft.yml', 'c.workflow.yaml', 'linked/', 'sub/']);
    const a = items.find((i) => i.label === 'a.weft.yaml')!;
    assert.deepEqual(a.textEdit, { range: { start: { line: fx.line, character: fx.character }, end: { line: fx.line, character: fx.character } }, newText: 'a.weft.yaml' });
    const typed = await completeIn(step('./lib/su|'));
    const sub = typed.items.find((i) => i.label === 'sub/')!;
    assert.equal((sub.textEdit as { range: { start: { character: number } } }).range.start.character, typed.fx.character - 2);
  });

  it("in flow style, quoted, and with the document's own folder", async () => {
    assert.deepEqual(labels((await completeIn('steps:\n  - {id: call, workflow: {path: ./lib/|}}\n')).items), ['a.weft.yaml', 'b.weft.yml', 'c.workflow.yaml', 'linked/', 'sub/']);
    assert.deepEqual(labels((await completeIn(step('"lib/|'))).items), ['a.weft.yaml', 'b.weft.yml', 'c.workflow.yaml', 'linked/', 'sub/']);
    // An empty value: `./` before each name; the document itself is not offered, main.weft.yaml is.
    const text = step('');
    const uri = fileUri(path.join(dir, 'empty.weft.yaml'));
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const items = await client.completion(uri, { line: 3, character: '      path: '.length });
    assert.deepEqual(labels(items), ['lib/', 'main.weft.yaml', 'other/']);
    assert.equal((items.find((i) => i.label === 'lib/')!.textEdit as { newText: string }).newText, './lib/');
    // Hidden entries once a `.` is typed (the editor filters the rest); never .git or node_modules.
    assert.deepEqual(labels((await completeIn(step('./lib/.|'))).items), ['.hidden/', 'a.weft.yaml', 'b.weft.yml', 'c.workflow.yaml', 'linked/', 'sub/']);
  });

  it('a typed . or .. also gets ./ and ../; no command unless the client names one', async () => {
    const dot = await completeIn(step('.|'));
    // With the folder's entries, which the editor filters by the typed `.` (hidden ones stay).
    assert.deepEqual(labels(dot.items), ['../', './', 'lib/', 'main.weft.yaml', 'other/']);
    assert.deepEqual(dot.items.find((i) => i.label === './')!.textEdit, { range: { start: { line: 3, character: dot.fx.character - 1 }, end: { line: 3, character: dot.fx.character } }, newText: './' });
    assert.deepEqual(labels((await completeIn(step('..|'))).items).filter((l) => l.startsWith('.')), ['../']);
    assert.deepEqual(labels((await completeIn(step('./lib/.|'))).items).filter((l) => l.startsWith('.')), ['.hidden/'], 'not after a folder');
    assert.ok(dot.items.every((i) => i.command === undefined));
  });

  it('a folder item runs the command the client named to open the list again; a file item does not', async () => {
    const vscodeLike = await LspClient.weft({ retriggerSuggestCommand: 'editor.action.triggerSuggest', weft: { diagnostics: { debounceMs: 0 } } });
    try {
      const fx = parseCursor(step('./lib/|'));
      const uri = fileUri(path.join(dir, 'retrigger.weft.yaml'));
      await vscodeLike.open(uri, fx.text);
      await vscodeLike.waitForDiagnostics(uri);
      const items = await vscodeLike.completion(uri, { line: fx.line, character: fx.character });
      const commands = Object.fromEntries(items.map((i) => [i.label, i.command?.command]));
      assert.deepEqual(commands, {
        'a.weft.yaml': undefined, 'b.weft.yml': undefined, 'c.workflow.yaml': undefined,
        'linked/': 'editor.action.triggerSuggest', 'sub/': 'editor.action.triggerSuggest',
      });
    } finally {
      await vscodeLike.stop();
    }
  });

  it('nothing for an untitled document, a template, or a folder that does not exist', async () => {
    assert.deepEqual((await completeIn(step('./lib/|'), 'untitled:Untitled-1')).items, []);
    assert.deepEqual((await completeIn(step('${inputs.dir}/|'))).items, []);
    assert.deepEqual((await completeIn(step('./nowhere/|'))).items, []);
    assert.deepEqual((await completeIn(step('./lib/pipe.weft.yaml/|'))).items, []);
  });
});
