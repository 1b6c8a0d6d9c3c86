// Hover, go to definition, references, document highlight and rename over the real protocol,
// driven by cursor fixtures (`|`).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentHighlight, Location, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { ResponseError } from 'vscode-languageserver-protocol';
import { spawnSync } from 'node:child_process';
import { LspClient, ROOT, fileUri, hoverMarkdown } from '../helpers/lsp-client.js';
import { FIXTURES, loadCursorFixture, parseCursor, positionOf, type CursorFixture } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

async function openFixture(name: string): Promise<CursorFixture & { uri: string }> {
  const fx = loadCursorFixture(name);
  const uri = fileUri(fx.file);
  await client.open(uri, fx.text);
  return { ...fx, uri };
}

describe('hover', () => {
  it('on a reference: the step, its kind, summary, dependencies, dependents and stage', async () => {
    const fx = await openFixture('hover-reference.weft.yaml');
    const h = await client.hover(fx.uri, fx);
    const md = hoverMarkdown(h) ?? '';
    assert.match(md, /\*\*fetch\*\* · `http` · stage 1 of 2/);
    assert.match(md, /GET https:\/\/api\.example\.com\/data/);
    assert.match(md, /waits for: nothing/);
    assert.match(md, /needed by: analyze, archive/);
    assert.deepEqual(h?.range, { start: { line: 7, character: 32 }, end: { line: 7, character: 37 } });
  });

  it('on a key: the schema documentation', async () => {
    const fx = await openFixture('hover-key.weft.yaml');
    assert.match((await client.hoverText(fx.uri, fx))!, /Timeout of each attempt/);
  });

  it('with a last run: status, duration and an output preview', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-'));
    try {
      const file = path.join(dir, 'flow.weft.yaml');
      const fx = parseCursor('steps:\n  - id: fetch\n    http:\n      url: https://example.com\n  - id: use\n    shell: echo ${steps.fe|tch.output}\n');
      fs.writeFileSync(file, fx.text);
      const runs = path.join(dir, '.weft', 'runs');
      fs.mkdirSync(runs, { recursive: true });
      const ev = (o: object) => JSON.stringify({ runId: 'r7', ts: 1, ...o });
      fs.writeFileSync(path.join(runs, 'r7.jsonl'), [
        ev({ type: 'run.started', workflow: 'flow', file, inputs: {}, plan: [] }),
        ev({ type: 'step.finished', path: 'fetch', status: 'succeeded', durationMs: 1500, attempts: 2, output: '{"ok":true}' }),
      ].join('\n') + '\n');
      const uri = fileUri(file);
      await client.open(uri, fx.text);
      const md = (await client.hoverText(uri, fx))!;
      assert.match(md, /Last run `r7`: \*\*succeeded\*\* in 1\.5 s, 2 attempts/);
      assert.match(md, /\{"ok":true\}/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('run history from a real `weft run`', () => {
  it('hover shows the last run and completion offers the recorded output fields', async () => {
    const { dir, file, text } = runRecorded('cfg', "{region:'eu',limits:{max:3}}");
    try {
      const uri = fileUri(file);
      const fx = parseCursor(text.replace('.output.region}', '.output.|}'));
      await client.open(uri, fx.text);
      const items = await client.completion(uri, fx);
      assert.deepEqual(items.map((i) => i.label).sort(), ['limits', 'region']);
      const md = (await client.hoverText(uri, positionOf(fx.text, 'cfg', 1, 1)))!;
      assert.match(md, /Last run `[^`]+`: \*\*succeeded\*\* in \d+/);
      assert.match(md, /region/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('of a step whose path is too long for a file name: completion reads the output kept under a shortened name', async () => {
    // 260 characters: `<id>.json` is past the 255 bytes of a file name; the output is past the
    // 4 KB preview, so only the kept file has it whole.
    const { dir, file, text } = runRecorded(`fetch_${'x'.repeat(254)}`, "{region:'eu',pad:'p'.repeat(5000)}");
    try {
      const uri = fileUri(file);
      const fx = parseCursor(text.replace('.output.region}', '.output.|}'));
      await client.open(uri, fx.text);
      const items = await client.completion(uri, fx);
      assert.deepEqual(items.map((i) => i.label).sort(), ['pad', 'region']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

/**
 * A real `weft run` in a new folder of a workflow whose step `id` prints `js` as JSON (parse: json)
 * and whose step `use` reads `${steps.<id>.output.region}`; the caller removes `dir`.
 */
function runRecorded(id: string, js: string): { dir: string; file: string; text: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-run-'));
  const file = path.join(dir, 'flow.weft.yaml');
  const text = [
    'steps:',
    `  - id: ${id}`,
    '    shell:',
    `      run: node -e "console.log(JSON.stringify(${js}))"`,
    '      parse: json',
    '  - id: use',
    `    shell: echo \${steps.${id}.output.region}`,
    '',
  ].join('\n');
  fs.writeFileSync(file, text);
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'run', file], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return { dir, file, text };
}

describe('hover inside templates', () => {
  it('on an input, an env entry, a function and the foreach item', async () => {
    const text = [
      'inputs:',
      '  depth:',
      '    type: number',
      '    default: 2',
      '    description: How deep to go.',
      'env:',
      '  REGION: eu',
      'steps:',
      '  - id: list',
      '    shell: echo ${env.REGION}',
      '  - id: each',
      '    if: ${length(steps.list.output) > inputs.depth}',
      '    foreach:',
      '      items: ${steps.list.output}',
      '      as: file',
      '      steps:',
      '        - id: size',
      '          shell: wc -c ${file}',
      '',
    ].join('\n');
    const uri = fileUri('/virtual/hover-templates.weft.yaml');
    await client.open(uri, text);
    const hoverAt = async (needle: string, delta = 1, nth = 0) => (await client.hoverText(uri, positionOf(text, needle, delta, nth)))!;
    assert.match(await hoverAt('depth}'), /\*\*inputs\.depth\*\* · `number`[\s\S]*default: `2`[\s\S]*How deep to go\./);
    assert.match(await hoverAt('REGION}'), /\*\*env\.REGION\*\* = `eu`/);
    assert.match(await hoverAt('length('), /number of items/);
    assert.match(await hoverAt('file}'), /current item of the enclosing foreach \(`as: file`\)/);
  });
  it('a foreach body step shows its iterations in the last run', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-'));
    try {
      const file = path.join(dir, 'each.weft.yaml');
      const text = 'steps:\n  - id: per\n    foreach:\n      items: [1, 2, 3]\n      steps:\n        - id: size\n          shell: echo ${item}\n';
      fs.writeFileSync(file, text);
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'run', file], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const uri = fileUri(file);
      await client.open(uri, text);
      assert.match((await client.hoverText(uri, positionOf(text, 'size', 1)))!, /\*\*succeeded\*\*.*\(3 iterations; shown: the first\)/);
      // A foreach that retries (b fails the first time): the last attempt's three iterations only.
      const again = 'steps:\n  - id: per\n    retries: {max: 1, delay: 10ms}\n    foreach:\n      items: [a, b, c]\n      steps:\n        - id: size\n          shell: test ${item} != b || test -e seen || { touch seen; exit 3; }\n';
      fs.writeFileSync(file, again);
      const r2 = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), 'run', file], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      assert.equal(r2.status, 0, r2.stdout + r2.stderr);
      assert.match(r2.stdout, /attempt 2/);
      await client.change(uri, [{ text: again }]);
      assert.match((await client.hoverText(uri, positionOf(again, 'size', 1)))!, /\*\*succeeded\*\*.*\(3 iterations; shown: the first\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('definition', () => {
  it('from a reference to the step id', async () => {
    const fx = await openFixture('definition-reference.weft.yaml');
    const loc = await client.requestAt<Location>('textDocument/definition', fx.uri, fx);
    assert.equal(loc.uri, fx.uri);
    assert.deepEqual(loc.range, { start: positionOf(fx.text, 'fetch'), end: positionOf(fx.text, 'fetch', 5) });
  });
  it('from a needs entry to the step id', async () => {
    const fx = await openFixture('definition-needs.weft.yaml');
    const loc = await client.requestAt<Location>('textDocument/definition', fx.uri, fx);
    assert.deepEqual(loc.range.start, positionOf(fx.text, 'build'));
  });
  it('from a workflow path to that file', async () => {
    const fx = await openFixture('definition-workflow.weft.yaml');
    const loc = await client.requestAt<Location>('textDocument/definition', fx.uri, fx);
    assert.equal(loc.uri, fileUri(path.join(FIXTURES, 'child.weft.yaml')));
  });
});

describe('references and highlight', () => {
  it('finds every template reference and needs entry, plus the id', async () => {
    const fx = await openFixture('rename-step.weft.yaml');
    const refs = await client.requestAt<Location[]>('textDocument/references', fx.uri, fx, { context: { includeDeclaration: true } });
    const lines = refs.map((r) => r.range.start.line).sort((a, b) => a - b);
    assert.deepEqual(lines, [1, 6, 6, 8, 19]);
    const without = await client.requestAt<Location[]>('textDocument/references', fx.uri, fx, { context: { includeDeclaration: false } });
    assert.equal(without.length, 4);
  });
  it('highlights the id (write) and references (read)', async () => {
    const fx = await openFixture('rename-step.weft.yaml');
    const hs = await client.requestAt<DocumentHighlight[]>('textDocument/documentHighlight', fx.uri, positionOf(fx.text, 'fetch', 1));
    assert.equal(hs.length, 5);
    assert.equal(hs[0].kind, 3);
    assert.ok(hs.slice(1).every((h) => h.kind === 2));
  });
});

describe('rename', () => {
  it('prepareRename gives the id range and placeholder', async () => {
    const fx = await openFixture('rename-step.weft.yaml');
    const r = await client.requestAt<{ range: Location['range']; placeholder: string }>('textDocument/prepareRename', fx.uri, fx);
    assert.equal(r.placeholder, 'fetch');
    assert.deepEqual(r.range.start, { line: 6, character: 32 });
  });
  it('renames the id and every reference in scope', async () => {
    const fx = await openFixture('rename-step.weft.yaml');
    const edit = await client.requestAt<WorkspaceEdit>('textDocument/rename', fx.uri, fx, { newName: 'download' });
    const edits = edit.changes![fx.uri];
    assert.equal(edits.length, 5);
    const lines = fx.text.split('\n');
    for (const e of [...edits].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character)) {
      const l = lines[e.range.start.line];
      assert.equal(l.slice(e.range.start.character, e.range.end.character), 'fetch');
      lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
    }
    const renamed = lines.join('\n');
    assert.ok(!renamed.includes('fetch'));
    // The renamed text analyses cleanly.
    const uri = fileUri('/virtual/renamed.weft.yaml');
    await client.open(uri, renamed);
    const d = await client.waitForDiagnostics(uri);
    assert.deepEqual(d.diagnostics.map((x) => x.code), []);
  });
  it('refuses an invalid id, a clash in the same list, and a capture by an inner step', async () => {
    const fx = await openFixture('rename-step.weft.yaml');
    const fail = async (newName: string, re: RegExp) => {
      await assert.rejects(client.requestAt('textDocument/rename', fx.uri, fx, { newName }), (e: unknown) => {
        assert.ok(e instanceof ResponseError);
        assert.match(e.message, re);
        return true;
      });
    };
    await fail('9lives', /not a valid step id/);
    await fail('has space', /not a valid step id/);
    await fail('analyze', /already exists in the same steps list/);
    await fail('other', /would make the reference on line 20 point at another step 'other'/);
  });
  it('prepareRename refuses a position that is not a step', async () => {
    const fx = await openFixture('rename-step.weft.yaml');
    await assert.rejects(client.requestAt('textDocument/prepareRename', fx.uri, positionOf(fx.text, 'https')), /Only a step id/);
  });
});
