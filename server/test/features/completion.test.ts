// Completion over the real protocol, driven by cursor fixtures (`|`): template roots, step ids
// visible from the cursor (no cycles, no hidden block steps), per-step fields, known output fields,
// inputs/env/run, needs entries, schema keys with action snippets, enum values; and the same while
// the text is half-typed (the `${steps.` is typed character by character into a document).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { FIXTURES, loadCursorFixture, parseCursor, type CursorFixture } from '../helpers/cursor.js';

let client: LspClient;
let n = 0;

before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

async function completeAt(fx: CursorFixture, file = `/virtual/c${n++}.weft.yaml`): Promise<CompletionItem[]> {
  const uri = fileUri(file);
  await client.open(uri, fx.text);
  return request(uri, fx);
}

async function request(uri: string, pos: { line: number; character: number }): Promise<CompletionItem[]> {
  const r = await client.conn.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri }, position: { line: pos.line, character: pos.character },
  });
  return Array.isArray(r) ? r : r?.items ?? [];
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

/** Opens the fixture without `typed` before the cursor, then types it one character at a time. */
async function typeInto(fx: CursorFixture, typed: string): Promise<CompletionItem[]> {
  const uri = fileUri(`/virtual/typed${n++}.weft.yaml`);
  const start = fx.offset - typed.length;
  assert.equal(fx.text.slice(start, fx.offset), typed);
  const base = fx.text.slice(0, start) + fx.text.slice(fx.offset);
  await client.open(uri, base);
  const lines = base.slice(0, start).split('\n');
  const line = lines.length - 1;
  let character = lines[line].length;
  let items: CompletionItem[] = [];
  for (const ch of typed) {
    await client.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text: ch }]);
    character++;
    items = await request(uri, { line, character });
  }
  return items;
}

describe('completion inside ${', () => {
  it('offers roots, the foreach item name, index and functions', async () => {
    const items = await completeAt(loadCursorFixture('complete-roots.weft.yaml'));
    const l = labels(items);
    for (const want of ['steps', 'inputs', 'env', 'run', 'file', 'index', 'length', 'contains', 'startsWith', 'endsWith', 'json', 'fromJson']) {
      assert.ok(l.includes(want), `missing ${want} in ${l}`);
    }
    assert.ok(!l.includes('item'), 'the item is named by `as`');
  });

  it('after steps.: visible ids with kind, summary and stage; no cycles, no self, no hidden block steps', async () => {
    const items = await completeAt(loadCursorFixture('complete-steps.weft.yaml'));
    const l = labels(items);
    assert.deepEqual([...l].sort(), ['analyses', 'process1', 'read_file']);
    const rf = items.find((i) => i.label === 'read_file')!;
    assert.match(rf.detail ?? '', /file · stage 1/);
    assert.match(rf.labelDetails?.description ?? '', /read data\.txt/);
    const p1 = items.find((i) => i.label === 'process1')!;
    assert.match(p1.detail ?? '', /llm · stage 2/);
  });

  it('works while `${steps.` is being typed (no closing brace, broken line)', async () => {
    const raw = fs.readFileSync(path.join(FIXTURES, 'complete-steps.weft.yaml'), 'utf8');
    const fx = parseCursor(raw.replace('${steps.|}"', '${steps.|'));
    // The line is now `prompt: "Key points: ${steps.` with no brace and no closing quote.
    const items = await typeInto(fx, '${steps.');
    assert.deepEqual(labels(items).sort(), ['analyses', 'process1', 'read_file']);
  });

  it('inside a branch: own branch and outer steps, not the sibling branch', async () => {
    const items = await completeAt(loadCursorFixture('complete-branch-scope.weft.yaml'));
    const l = labels(items);
    assert.ok(l.includes('sum'));
    assert.ok(l.includes('read_file'));
    assert.ok(!l.includes('keys'), 'sibling branch steps are not visible');
    assert.ok(!l.includes('sum_check'), 'not itself');
    assert.ok(!l.includes('analyses'), 'the enclosing block would be a cycle');
    assert.ok(!l.includes('combine'), 'combine waits for the block, so it would be a cycle');
  });

  it('after steps.X.: common fields and the fields of X\'s kind', async () => {
    const l = labels(await completeAt(loadCursorFixture('complete-fields.weft.yaml')));
    for (const want of ['output', 'status', 'error', 'attempts', 'durationMs', 'statusCode', 'headers']) assert.ok(l.includes(want), want);
    for (const no of ['exitCode', 'stderr', 'usage']) assert.ok(!l.includes(no), no);
  });

  it('after steps.X.output.: the fields of a stub\'s literal output', async () => {
    const l = labels(await completeAt(loadCursorFixture('complete-output.weft.yaml')));
    assert.deepEqual(l.sort(), ['max', 'min']);
  });

  it('after steps.X.output. of a parallel block: its branch names (what the analyser accepts there)', async () => {
    const text = [
      'steps:',
      '  - id: par',
      '    parallel:',
      '      branches:',
      '        summary:',
      '          - id: sum',
      '            stub: true',
      '        keypoints:',
      '          - { id: keys, stub: true }',
      '  - id: quick',
      '    parallel: [ {id: a, stub: true}, {id: b, stub: true} ]',
      '  - id: use',
      '    shell: echo ${steps.par.output.|}',
      '',
    ].join('\n');
    const items = await completeAt(parseCursor(text));
    assert.deepEqual(labels(items), ['summary', 'keypoints']);
    assert.equal(items[1].detail, "branch · output of 'keys'");
    const shorthand = await completeAt(parseCursor(text.replace('${steps.par.output.|}', '${steps.quick.output.|}')));
    assert.deepEqual(labels(shorthand), ['a', 'b']);
  });

  it('after steps.X.output.: the fields of the output recorded by the last run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-'));
    try {
      const file = path.join(dir, 'flow.weft.yaml');
      const text = 'steps:\n  - id: fetch\n    http:\n      url: https://example.com\n  - id: use\n    shell: echo ${steps.fetch.output.|}\n';
      const fx = parseCursor(text);
      fs.writeFileSync(file, fx.text);
      const runs = path.join(dir, '.weft', 'runs');
      fs.mkdirSync(path.join(runs, 'r1', 'outputs'), { recursive: true });
      const ev = (o: object) => JSON.stringify({ runId: 'r1', ts: 1, ...o });
      fs.writeFileSync(path.join(runs, 'r1.jsonl'), [
        ev({ type: 'run.started', workflow: 'flow', file, inputs: {}, plan: [] }),
        ev({ type: 'step.finished', path: 'fetch', status: 'succeeded', durationMs: 120, attempts: 1, output: '{"preview":true}' }),
        ev({ type: 'run.finished', status: 'succeeded', durationMs: 130, counts: { succeeded: 1 }, outputs: {} }),
      ].join('\n') + '\n');
      fs.writeFileSync(path.join(runs, 'r1', 'outputs', 'fetch.json'), JSON.stringify({
        path: 'fetch', kind: 'http', status: 'succeeded', output: { user: { name: 'ada' }, items: [1, 2] }, error: null, attempts: 1, durationMs: 120,
      }));
      const l = labels(await completeAt(fx, file));
      assert.deepEqual(l.sort(), ['items', 'user']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('after inputs., env. and run.', async () => {
    assert.deepEqual(labels(await completeAt(loadCursorFixture('complete-inputs.weft.yaml'))).sort(), ['depth', 'topic']);
    const env = labels(await completeAt(loadCursorFixture('complete-env.weft.yaml')));
    assert.ok(env.includes('REGION'));
    assert.ok(env.includes('PATH'), 'the process environment is visible too');
    assert.deepEqual(labels(await completeAt(loadCursorFixture('complete-run.weft.yaml'))).sort(), ['id', 'startedAt', 'workflow']);
  });
});

describe('completion in needs', () => {
  it('flow list: visible ids not yet listed, without cycles', async () => {
    const l = labels(await completeAt(loadCursorFixture('complete-needs.weft.yaml')));
    assert.deepEqual(l.sort(), ['setup']);
  });
  it('block list item', async () => {
    const l = labels(await completeAt(loadCursorFixture('complete-needs-list.weft.yaml')));
    assert.ok(l.includes('build'));
    assert.ok(!l.includes('notify'), 'notify needs deploy: a cycle');
    assert.ok(!l.includes('deploy'), 'not itself');
  });
  it('in a flow-mapping step (`- {id: c, needs: [|]}`): ids, not step keys; nothing in another value', async () => {
    const base = 'steps:\n  - id: alpha\n    stub: true\n  - id: beta\n    stub: true\n';
    assert.deepEqual(labels(await completeAt(parseCursor(base + '  - {id: c, needs: [alpha, |], stub: true}\n'))), ['beta']);
    assert.deepEqual(labels(await completeAt(parseCursor(base + '  - {id: c, stub: true, needs: b|}\n'))), ['alpha', 'beta']);
    assert.deepEqual(labels(await completeAt(parseCursor(base + '  - {id: c, name: "a, {b}: c", needs: [|]}\n'))), ['alpha', 'beta']);
    assert.deepEqual(labels(await completeAt(parseCursor(base + '  - {id: c, name: |}\n'))), []);
    const keys = labels(await completeAt(parseCursor(base + '  - {id: c, |}\n')));
    assert.ok(keys.includes('needs') && keys.includes('shell'), `step keys where a key goes: ${keys}`);
  });
  it('in a flow-mapping step after quotes: a mid-word apostrophe, \'\' and \\" escapes do not open or close a scalar', async () => {
    const base = 'steps:\n  - id: alpha\n    stub: true\n  - id: beta\n    stub: true\n';
    const ids = async (line: string) => labels(await completeAt(parseCursor(base + line + '\n')));
    assert.deepEqual(await ids("  - {id: c, name: it's, needs: [|]}"), ['alpha', 'beta']);
    assert.deepEqual(await ids('  - {id: c, name: "a\\"b, {c", needs: [|]}'), ['alpha', 'beta']);
    assert.deepEqual(await ids("  - {id: c, name: 'it''s, {x', needs: [|]}"), ['alpha', 'beta']);
    assert.deepEqual(await ids("  - {id: c, name: it's, needs: [alpha, |]}"), ['beta']);
  });
});

describe('schema completion', () => {
  it('step keys: missing keys and a snippet per action kind', async () => {
    const items = await completeAt(loadCursorFixture('complete-step-keys.weft.yaml'));
    const l = labels(items);
    for (const want of ['needs', 'if', 'retries', 'shell', 'http', 'file', 'llm', 'stub', 'parallel', 'foreach', 'workflow']) assert.ok(l.includes(want), want);
    assert.ok(!l.includes('id'), 'id is already there');
    assert.ok(!l.includes('timeout'), 'timeout is already there');
    const http = items.find((i) => i.label === 'http')!;
    assert.equal(http.insertTextFormat, 2);
    const edit = http.textEdit as { newText: string };
    assert.match(edit.newText, /^http:\n {6}method: \$\{1\|GET,POST/);
    assert.match(edit.newText, /url: \$\{2:/);
    assert.ok(items.find((i) => i.label === 'needs')?.documentation, 'keys carry the schema description');
  });
  it('enum values', async () => {
    const l = labels(await completeAt(loadCursorFixture('complete-enum.weft.yaml')));
    for (const want of ['GET', 'POST', 'PUT', 'DELETE']) assert.ok(l.includes(want), `${want} in ${l}`);
  });
  it('enum values inside flow mappings, as in block style: the path runs through the flow keys', async () => {
    const base = 'steps:\n  - id: a\n    stub: true\n';
    const at = async (line: string) => labels(await completeAt(parseCursor(base + line + '\n')));
    const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
    assert.deepEqual(await at('  - id: f\n    http: {url: x, method: P|}'), methods);
    assert.deepEqual(await at('  - {id: f, http: {method: |, url: x}}'), methods);
    assert.deepEqual(await at("  - {id: f, name: it's, file: {path: a.txt, action: |}}"), ['read', 'write', 'append', 'exists', 'list']);
    assert.deepEqual(await at('  - {id: f, shell: {run: ls, parse: |}}'), ['json', 'yaml', 'text']);
    assert.deepEqual(await at('  - {id: f, llm: {prompt: hi, provider: |}}'), ['openai', 'anthropic', 'ollama']);
    assert.deepEqual(await at('  - {id: f, stub: |}'), [true].map(String));
    assert.deepEqual(await at('  - {id: f, http: {url: |}}'), [], 'no enum: nothing');
    // What is typed (`PO`) is what an item replaces.
    const fx = parseCursor(base + '  - {id: f, http: {method: PO|}}\n');
    const uri = fileUri(`/virtual/c${n++}.weft.yaml`);
    await client.open(uri, fx.text);
    const r = await client.conn.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: fx.line, character: fx.character } });
    const range = r.itemDefaults?.editRange ?? (r.items[0].textEdit as { range: unknown } | undefined)?.range;
    assert.deepEqual(range, { start: { line: fx.line, character: fx.character - 2 }, end: { line: fx.line, character: fx.character } });
  });
});

describe('completion in a very large workflow', () => {
  it('returns at most 1,000 ids, nearest first, and filters by what is typed (isIncomplete)', async () => {
    const lines = ['steps:'];
    for (let i = 0; i < 1500; i++) lines.push(`  - id: s${i}`, '    stub: true');
    lines.push('  - id: last', '    shell: echo ${steps.|}');
    const fx = parseCursor(lines.join('\n') + '\n');
    const uri = fileUri(`/virtual/big${n++}.weft.yaml`);
    await client.open(uri, fx.text);
    const r = await client.conn.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: fx.line, character: fx.character } });
    assert.equal(r.isIncomplete, true);
    assert.equal(r.items.length, 1000);
    assert.ok(r.items.some((i) => i.label === 's1499'), 'the nearest steps are kept');
    assert.ok(!r.items.some((i) => i.label === 's0'), 'the farthest are left for typing');
    // The user types `s0`: the server filters all 1,500 ids.
    const typed = fx.text.slice(0, fx.offset) + 's0' + fx.text.slice(fx.offset);
    await client.change(uri, [{ range: { start: { line: fx.line, character: fx.character }, end: { line: fx.line, character: fx.character } }, text: 's0' }]);
    void typed;
    const r2 = await client.conn.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: fx.line, character: fx.character + 2 } });
    assert.ok(r2.items.some((i) => i.label === 's0'));
    assert.ok(r2.items.length < 1000);
  });
});
