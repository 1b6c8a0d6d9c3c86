// The inputs of a called workflow under a `workflow` step's `inputs:`: completion offers the called
// file's declared inputs not given yet (type, default, description as documentation), go to
// definition on a given input's key jumps to its declaration in the called file, and hover shows
// that declaration. The called file is read as the diagnostics read it (never executed). Cursor
// fixtures use `|`; the called file is server/test/fixtures/call-inputs-child.weft.yaml.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, Location, MarkupContent } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, hoverMarkdown } from '../helpers/lsp-client.js';
import { FIXTURES, loadCursorFixture, parseCursor, positionOf } from '../helpers/cursor.js';

const CHILD = path.join(FIXTURES, 'call-inputs-child.weft.yaml');
const CHILD_TEXT = fs.readFileSync(CHILD, 'utf8');

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

let n = 0;
/** Opens `text` as a document in the fixtures folder (so `./call-inputs-child.weft.yaml` resolves). */
async function open(text: string, file = path.join(FIXTURES, `call-inputs-virtual-${n++}.weft.yaml`)): Promise<string> {
  const uri = fileUri(file);
  await client.open(uri, text);
  await client.waitForDiagnostics(uri);
  return uri;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label).sort();

/** The range of `name` (without quotes) where the called file declares it. */
function childDecl(name: string) {
  return { start: positionOf(CHILD_TEXT, name), end: positionOf(CHILD_TEXT, name, name.length) };
}

describe('workflow: inputs: completion of the called file\'s inputs', () => {
  it('offers the inputs not given yet, with type, default and description', async () => {
    const fx = loadCursorFixture('call-inputs-complete.weft.yaml');
    const uri = await open(fx.text, fx.file);
    const items = await client.completion(uri, fx);
    assert.deepEqual(labels(items), ['depth', 'verbose'], 'topic is given already');
    const depth = items.find((i) => i.label === 'depth')!;
    assert.equal(depth.detail, 'number = 2');
    const doc = (depth.documentation as MarkupContent).value;
    assert.match(doc, /\*\*depth\*\* · `number`/);
    assert.match(doc, /default: `2`/);
    assert.match(doc, /How deep to go\./);
    assert.match(doc, /call-inputs-child\.weft\.yaml/);
    assert.equal(depth.textEdit && 'newText' in depth.textEdit ? depth.textEdit.newText : undefined, 'depth: $0');
  });

  it('a required input comes first and says so; an empty inputs: offers all of them', async () => {
    const text = 'steps:\n  - id: call\n    workflow:\n      path: ./call-inputs-child.weft.yaml\n      inputs:\n        |\n';
    const fx = parseCursor(text);
    const items = await client.completion(await open(fx.text), fx);
    assert.deepEqual(labels(items), ['depth', 'topic', 'verbose']);
    const topic = items.find((i) => i.label === 'topic')!;
    assert.equal(topic.detail, 'string (required)');
    assert.match((topic.documentation as MarkupContent).value, /required[\s\S]*What to research\./);
    assert.ok(topic.sortText! < items.find((i) => i.label === 'depth')!.sortText!);
  });

  it('in a flow mapping, inside a parallel branch, and while a key is half typed', async () => {
    const flow = parseCursor('steps:\n  - id: p\n    parallel:\n      branches:\n        one:\n          - id: call\n            workflow: {path: ./call-inputs-child.weft.yaml, inputs: {depth: 1, |}}\n');
    assert.deepEqual(labels(await client.completion(await open(flow.text), flow)), ['topic', 'verbose']);
    const branch = parseCursor('steps:\n  - id: p\n    parallel:\n      branches:\n        one:\n          - id: call\n            workflow:\n              path: ./call-inputs-child.weft.yaml\n              inputs:\n                topic: t\n                |\n        two:\n          - id: b\n            stub: true\n');
    assert.deepEqual(labels(await client.completion(await open(branch.text), branch)), ['depth', 'verbose'], 'a new line at the end of a call in a branch');
    // Typing a new key breaks the YAML; completion answers from the last well-formed text.
    const good = 'steps:\n  - id: call\n    workflow:\n      path: ./call-inputs-child.weft.yaml\n      inputs:\n        verbose: true\n';
    const uri = await open(good);
    const typed = parseCursor(good + '        de|');
    await client.change(uri, [{ text: typed.text }]);
    assert.deepEqual(labels(await client.completion(uri, typed)), ['depth', 'topic']);
  });

  it('nothing from a file that cannot be read, and no call inputs under the workflow\'s own inputs:', async () => {
    const missing = parseCursor('steps:\n  - id: call\n    workflow:\n      path: ./no-such-file.weft.yaml\n      inputs:\n        |\n');
    assert.deepEqual(await client.completion(await open(missing.text), missing), []);
    const own = parseCursor('inputs:\n  workflow:\n    |\nsteps:\n  - id: call\n    workflow:\n      path: ./call-inputs-child.weft.yaml\n');
    assert.ok(!labels(await client.completion(await open(own.text), own)).includes('depth'));
  });
});

describe('workflow: inputs: go to definition and hover', () => {
  it('from a given input\'s key to its declaration in the called file', async () => {
    const fx = loadCursorFixture('call-inputs-definition.weft.yaml');
    const uri = await open(fx.text, fx.file);
    const loc = await client.requestAt<Location | null>('textDocument/definition', uri, fx);
    assert.deepEqual(loc, { uri: fileUri(CHILD), range: childDecl('depth') });
  });

  it('a quoted key on either side, a flow mapping, the end of the key; an undeclared input and its value go nowhere', async () => {
    const text = [
      'steps:',
      '  - id: call',
      '    workflow:',
      '      path: ./call-inputs-child.weft.yaml',
      '      inputs:',
      '        "topic": x',
      '        verbose: true',
      '        nope: 1',
      '  - id: flow',
      '    workflow: {path: ./call-inputs-child.weft.yaml, inputs: {topic: y, depth: 4}}',
      '',
    ].join('\n');
    const uri = await open(text);
    const def = (needle: string, delta = 1, nth = 0) => client.requestAt<Location | null>('textDocument/definition', uri, positionOf(text, needle, delta, nth));
    assert.deepEqual(await def('"topic"'), { uri: fileUri(CHILD), range: childDecl('topic') });
    assert.deepEqual(await def('verbose', 7), { uri: fileUri(CHILD), range: childDecl('verbose') }, 'declared as "verbose": the range is inside the quotes');
    assert.deepEqual(await def('depth: 4'), { uri: fileUri(CHILD), range: childDecl('depth') });
    assert.deepEqual(await def('topic: y', 0), { uri: fileUri(CHILD), range: childDecl('topic') });
    assert.equal(await def('nope'), null);
    assert.equal(await def('true'), null, 'the value is not the key');
  });

  it('hover on a given input\'s key shows the called file\'s declaration', async () => {
    const fx = loadCursorFixture('call-inputs-definition.weft.yaml');
    const uri = await open(fx.text);
    const h = await client.hover(uri, fx);
    const value = hoverMarkdown(h) ?? '';
    assert.match(value, /\*\*depth\*\* · `number`[\s\S]*default: `2`[\s\S]*How deep to go\./);
    assert.deepEqual(h?.range, { start: positionOf(fx.text, 'depth: 3'), end: positionOf(fx.text, 'depth: 3', 5) });
  });

  it('CRLF in the document and in the called file: the same answers, in the called file\'s lines', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-call-inputs-'));
    try {
      const crlf = (t: string) => t.replace(/\n/g, '\r\n');
      fs.writeFileSync(path.join(dir, 'call-inputs-child.weft.yaml'), crlf(CHILD_TEXT));
      const fx = parseCursor(crlf(fs.readFileSync(path.join(FIXTURES, 'call-inputs-definition.weft.yaml'), 'utf8')));
      const uri = await open(fx.text, path.join(dir, 'caller.weft.yaml'));
      const loc = await client.requestAt<Location | null>('textDocument/definition', uri, fx);
      assert.deepEqual(loc, { uri: fileUri(path.join(dir, 'call-inputs-child.weft.yaml')), range: childDecl('depth') });
      const comp = parseCursor(crlf(fs.readFileSync(path.join(FIXTURES, 'call-inputs-complete.weft.yaml'), 'utf8')));
      assert.deepEqual(labels(await client.completion(await open(comp.text, path.join(dir, 'caller2.weft.yaml')), comp)), ['depth', 'verbose']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
