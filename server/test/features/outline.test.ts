// Document symbols, code lens, inlay hints, semantic tokens, quick fixes and the `weft/plan`
// request over the real protocol.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CodeLens, Diagnostic, DocumentSymbol, InlayHint, InitializeResult, SemanticTokens, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { FIXTURES } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

async function open(name: string): Promise<{ uri: string; text: string }> {
  const file = path.join(FIXTURES, name);
  const text = fs.readFileSync(file, 'utf8');
  const uri = fileUri(file);
  await client.open(uri, text);
  return { uri, text };
}

function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  let out = text;
  for (const e of [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))) {
    out = out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end));
  }
  return out;
}

describe('capabilities', () => {
  it('announces every feature of the interfaces spec', () => {
    const caps = (client.initResult as InitializeResult).capabilities;
    assert.deepEqual(caps.completionProvider?.triggerCharacters, ['.', '{', '$']);
    for (const k of ['hoverProvider', 'definitionProvider', 'referencesProvider', 'documentSymbolProvider', 'documentHighlightProvider', 'codeActionProvider', 'codeLensProvider', 'inlayHintProvider'] as const) {
      assert.ok(caps[k], k);
    }
    assert.deepEqual(caps.renameProvider, { prepareProvider: true });
    assert.ok(caps.semanticTokensProvider?.legend.tokenTypes.length);
  });
});

describe('document symbols', () => {
  it('is a tree of steps, blocks, branches and foreach bodies', async () => {
    const { uri } = await open('outline.weft.yaml');
    const syms = await client.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const tree = (s: DocumentSymbol): unknown => (s.children?.length ? { [s.name]: s.children.map(tree) } : s.name);
    assert.deepEqual(syms.map(tree), [
      { inputs: ['topic'] },
      { steps: ['list', { analyses: [{ summary: ['sum'] }, { keypoints: ['keys'] }] }, { per_file: [{ 'each file': ['size'] }] }, 'combine'] },
      { outputs: ['digest'] },
    ]);
    const steps = syms[1].children!;
    assert.equal(steps[1].kind, 3 /* Namespace: parallel */);
    assert.equal(steps[2].kind, 18 /* Array: foreach */);
    assert.match(steps[0].detail ?? '', /^file · list docs/);
  });

  it('an input or output covers its whole `name: value` (selection: the name); a stub does not say stub twice', async () => {
    const text = 'inputs:\n  topic: parallel   # a comment\n  depth:\n    type: number\n    default: 2\nsteps:\n  - id: a\n    stub: true\n  - id: b\n    stub: {output: 42}\n  - id: c\n    shell: ls\noutputs:\n  digest: ${steps.a.output}\n';
    const uri = fileUri('/virtual/outline-ranges.weft.yaml');
    await client.open(uri, text);
    const syms = await client.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
    const at = (l1: number, c1: number, l2: number, c2: number) => ({ start: { line: l1, character: c1 }, end: { line: l2, character: c2 } });
    const [inputs, steps, outputs] = syms;
    assert.deepEqual([inputs.range, inputs.selectionRange], [at(0, 0, 4, 14), at(0, 0, 0, 6)]);
    assert.deepEqual(inputs.children!.map((c) => [c.name, c.range, c.selectionRange]), [
      ['topic', at(1, 2, 1, 17), at(1, 2, 1, 7)],
      ['depth', at(2, 2, 4, 14), at(2, 2, 2, 7)],
    ]);
    assert.deepEqual(outputs.children!.map((c) => [c.name, c.range, c.selectionRange]), [['digest', at(13, 2, 13, 27), at(13, 2, 13, 8)]]);
    assert.deepEqual(steps.children!.map((c) => c.detail), ['stub', 'stub → 42', 'shell · $ ls']);
  });
});

describe('code lens and inlay hints', () => {
  it('puts "Run workflow" and the stats above steps:', async () => {
    const { uri, text } = await open('outline.weft.yaml');
    const lenses = await client.conn.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const line = text.split('\n').indexOf('steps:');
    assert.equal(lenses.length, 2);
    assert.ok(lenses.every((l) => l.range.start.line === line));
    assert.equal(lenses[0].command?.command, 'weft.run');
    assert.deepEqual(lenses[0].command?.arguments, [uri]);
    assert.match(lenses[1].command?.title ?? '', /^7 steps, 3 stages, critical path list -> sum -> combine$/);
  });
  it('shows stage and parallel peers after each step id', async () => {
    const { uri } = await open('outline.weft.yaml');
    const hints = await client.conn.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } },
    });
    const labels = hints.map((h) => h.label);
    // `sum` and `keys` are the two branches of `analyses`: each runs in parallel with the other.
    assert.deepEqual(labels, ['stage 1', 'stage 2 · parallel with per_file', 'stage 1 · parallel with keys', 'stage 1 · parallel with sum', 'stage 2 · parallel with analyses', 'stage 1', 'stage 3']);
    assert.deepEqual(hints[0].position, { line: 4, character: 12 });
  });
});

describe('semantic tokens', () => {
  it('marks roots, step ids, properties, functions, operators and literals inside templates', async () => {
    const { uri, text } = await open('outline.weft.yaml');
    const legend = client.initResult!.capabilities.semanticTokensProvider!.legend.tokenTypes;
    const toks = await client.conn.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const lines = text.split('\n');
    const out: string[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < toks.data.length; i += 5) {
      const [dl, dc, len, type] = toks.data.slice(i, i + 5);
      line += dl;
      ch = dl ? dc : ch + dc;
      out.push(`${lines[line].slice(ch, ch + len)}:${legend[type]}`);
    }
    const keysLine = out.slice(out.indexOf('length:function'), out.indexOf('length:function') + 9);
    assert.deepEqual(keysLine, ['length:function', 'steps:namespace', 'list:variable', 'output:property', '>:operator', '2:number', '&&:operator', '!:operator', 'inputs:namespace']);
    assert.ok(out.includes('file:variable'), 'the foreach item');
    assert.ok(out.includes('0:number'));
  });
});

describe('code actions', () => {
  it("offers \"Change to 'fetch'\" for an unknown step and \"Add needs\" for a file race", async () => {
    const { uri, text } = await open('fixes.weft.yaml');
    const published = await client.waitForDiagnostics(uri);
    const byCode = (c: string) => published.diagnostics.filter((d: Diagnostic) => d.code === c);
    assert.equal(byCode('unknown-step').length, 1);
    assert.ok(byCode('file-race').length >= 1);
    const actions = await client.codeActions(uri, byCode('unknown-step'));
    assert.equal(actions[0].title, "Change to 'fetch'");
    const fixed = applyEdits(text, actions[0].edit!.changes![uri]);
    assert.match(fixed, /\$\{steps\.fetch\.output\}/);

    const race = byCode('file-race')[0];
    const raceActions = await client.codeActions(uri, [race]);
    const add = raceActions.find((a) => a.isPreferred)!;
    assert.equal(add.title, "Add `needs: write_report` to 'read_report'");
    const withNeeds = applyEdits(fixed, add.edit!.changes![uri]);
    assert.ok(withNeeds.includes("  - id: read_report\n    needs: write_report\n"));
    const uri2 = fileUri('/virtual/fixed.weft.yaml');
    await client.open(uri2, withNeeds);
    const after = await client.waitForDiagnostics(uri2);
    assert.deepEqual(after.diagnostics.map((d) => d.code), []);
  });
});

describe('weft/plan', () => {
  it('returns the plan steps of the current text', async () => {
    const { uri } = await open('outline.weft.yaml');
    const plan = await client.conn.sendRequest<{ id: string; path: string; stage: number; needs: string[]; children?: unknown[] }[]>('weft/plan', { uri });
    assert.deepEqual(plan.map((p) => [p.id, p.stage]), [['list', 1], ['analyses', 2], ['per_file', 2], ['combine', 3]]);
    assert.ok(plan[1].children?.length);
    assert.deepEqual(plan[3].needs.sort(), ['analyses', 'per_file']);
  });
  it('works for a file the editor has not opened', async () => {
    const plan = await client.conn.sendRequest<{ id: string }[]>('weft/plan', { uri: fileUri(path.join(FIXTURES, 'child.weft.yaml')) });
    assert.deepEqual(plan.map((p) => p.id), ['hello']);
  });
});
