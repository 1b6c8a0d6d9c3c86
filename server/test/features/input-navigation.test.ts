// Go to definition, find references and document highlight of workflow inputs, over the real protocol:
// from `${inputs.NAME}` in any template (an `if:`, a step's fields, a parallel branch, a foreach body,
// an alias of an anchored template, the top-level outputs) to NAME under `inputs:`, and from either to
// every use. Inputs are not renamed (prepareRename says why). Cursor fixtures use `|`.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DocumentHighlight, Location, Range } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { loadCursorFixture, parseCursor, positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

/** The range of the n-th `needle` in `text`. */
const rangeOf = (text: string, needle: string, nth = 0): Range => ({ start: positionOf(text, needle, 0, nth), end: positionOf(text, needle, needle.length, nth) });
const sorted = (ranges: Range[]) => [...ranges].sort((x, y) => x.start.line - y.start.line || x.start.character - y.start.character);

/** The fixture opened: every `inputs.topic` use (by the `topic` after `inputs.`) and the declaration. */
async function openFixture() {
  const fx = loadCursorFixture('definition-input.weft.yaml');
  const uri = fileUri(fx.file);
  await client.open(uri, fx.text);
  const diags = await client.waitForDiagnostics(uri);
  assert.deepEqual(diags.diagnostics.map((d) => d.message), [], 'the fixture analyses cleanly');
  // `if:`, `shell:`, the anchored prompt (its alias is the same text), the foreach body, the outputs.
  const uses = [0, 1, 2, 3, 4].map((n) => rangeOf(fx.text, 'topic', n + 1)).filter((r) => fx.text.split('\n')[r.start.line].includes('inputs.topic'));
  assert.equal(uses.length, 5);
  return { ...fx, uri, decl: rangeOf(fx.text, 'topic'), uses };
}

describe('workflow inputs: definition', () => {
  it('from a use in a step field to the declaration under inputs:', async () => {
    const fx = await openFixture();
    const loc = await client.requestAt<Location>('textDocument/definition', fx.uri, fx);
    assert.equal(loc.uri, fx.uri);
    assert.deepEqual(loc.range, fx.decl);
  });

  it('from an if:, a branch, an alias, a foreach body and the outputs; from `inputs` itself; a quoted key without its quotes', async () => {
    const fx = await openFixture();
    const def = async (pos: { line: number; character: number }) => (await client.requestAt<Location | null>('textDocument/definition', fx.uri, pos))?.range;
    for (const use of fx.uses) assert.deepEqual(await def(use.start), fx.decl, `from line ${use.start.line + 1}`);
    assert.deepEqual(await def(positionOf(fx.text, '*prompt', 3)), undefined, 'an alias is not a template use');
    assert.deepEqual(await def(positionOf(fx.text, 'inputs.depth', 2)), rangeOf(fx.text, 'depth'), 'on `inputs`');
    assert.deepEqual(await def(positionOf(fx.text, 'depth', 5, 1)), rangeOf(fx.text, 'depth'), 'at the end of the name');
    assert.deepEqual(await def(fx.decl.start), fx.decl, 'on the declaration: itself');
  });

  it('an input that is not declared, env and a step path go nowhere new', async () => {
    const text = 'inputs:\n  topic: x\nenv:\n  topic: y\nsteps:\n  - id: a\n    shell: echo ${inputs.nope} ${env.topic} ${run.id}\n';
    const uri = fileUri('/virtual/input-undeclared.weft.yaml');
    await client.open(uri, text);
    for (const needle of ['nope', 'env.topic', 'topic}', 'run.id']) {
      assert.equal(await client.requestAt('textDocument/definition', uri, positionOf(text, needle, 1)), null, needle);
    }
  });

  it('inside a foreach that names its item `inputs` (a schema error: the name is reserved), `inputs.NAME` is still the workflow input, as the analyser and the run read it', async () => {
    const fx = parseCursor('inputs:\n  topic: x\nsteps:\n  - id: each\n    foreach:\n      items: [1]\n      as: inputs\n      steps:\n        - id: s\n          shell: echo ${inputs.top|ic}\n');
    const uri = fileUri('/virtual/input-as-inputs.weft.yaml');
    await client.open(uri, fx.text);
    assert.deepEqual((await client.requestAt<Location>('textDocument/definition', uri, fx)).range, rangeOf(fx.text, 'topic'));
  });
});

describe('workflow inputs: references and highlight', () => {
  it('from the declaration and from a use: every use once (an aliased template is one text), with or without the declaration', async () => {
    const fx = await openFixture();
    for (const at of [fx.decl.start, { line: fx.line, character: fx.character }, fx.uses[4].end]) {
      const withDecl = await client.requestAt<Location[]>('textDocument/references', fx.uri, at, { context: { includeDeclaration: true } });
      assert.ok(withDecl.every((l) => l.uri === fx.uri));
      assert.deepEqual(withDecl.map((l) => l.range), [fx.decl, ...fx.uses]);
      const without = await client.requestAt<Location[]>('textDocument/references', fx.uri, at, { context: { includeDeclaration: false } });
      assert.deepEqual(without.map((l) => l.range), fx.uses);
    }
  });

  it('highlight: the declaration (write) and the uses (read); a key of a workflow call is not this file\'s input', async () => {
    const fx = await openFixture();
    const hs = await client.requestAt<DocumentHighlight[]>('textDocument/documentHighlight', fx.uri, fx);
    assert.deepEqual(hs.map((h) => [h.range, h.kind]), [[fx.decl, 3], ...fx.uses.map((r) => [r, 2])]);

    const text = 'inputs:\n  topic: x\nsteps:\n  - id: child\n    workflow:\n      path: ./child.weft.yaml\n      inputs: { topic: "${inputs.topic}" }\n';
    const uri = fileUri('/virtual/input-call.weft.yaml');
    await client.open(uri, text);
    assert.deepEqual(await client.requestAt('textDocument/references', uri, positionOf(text, 'topic', 1, 1), { context: { includeDeclaration: true } }), []);
    const refs = await client.requestAt<Location[]>('textDocument/references', uri, positionOf(text, 'topic', 1), { context: { includeDeclaration: true } });
    assert.deepEqual(sorted(refs.map((l) => l.range)), [rangeOf(text, 'topic'), rangeOf(text, 'topic', 2)]);
  });

  it('a use of an undeclared input lists the uses of that name only', async () => {
    const fx = parseCursor('steps:\n  - id: a\n    shell: echo ${inputs.no|pe} ${inputs.nope}\n  - id: b\n    if: ${inputs.nope}\n    stub: true\n');
    const uri = fileUri('/virtual/input-undeclared-refs.weft.yaml');
    await client.open(uri, fx.text);
    const refs = await client.requestAt<Location[]>('textDocument/references', uri, fx, { context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((l) => l.range), [0, 1, 2].map((n) => rangeOf(fx.text, 'nope', n)));
  });
});

describe('workflow inputs: rename', () => {
  it('is refused with the reason, on a use and on the declaration', async () => {
    const fx = await openFixture();
    for (const at of [{ line: fx.line, character: fx.character }, fx.decl.start]) {
      await assert.rejects(client.requestAt('textDocument/prepareRename', fx.uri, at), /Inputs are not renamed: 'topic' is also the name that --input sets/);
    }
  });
});

describe("workflow inputs: the bracketed form inputs['NAME']", () => {
  it('is a use of the input, as the analyser reads it: definition from inside the quotes, references and highlight list it, its range inside the quotes', async () => {
    const fx = parseCursor(`inputs:\n  topic: x\nsteps:\n  - id: a\n    shell: echo \${inputs['to|pic']} \${inputs.topic}\n  - id: b\n    if: \${inputs["topic"] == 'x'}\n    stub: true\n`);
    const uri = fileUri('/virtual/input-bracketed.weft.yaml');
    await client.open(uri, fx.text);
    const diags = await client.waitForDiagnostics(uri);
    assert.deepEqual(diags.diagnostics.map((d) => d.message), [], 'the file analyses cleanly');
    const decl = rangeOf(fx.text, 'topic');
    const uses = [1, 2, 3].map((n) => rangeOf(fx.text, 'topic', n));
    assert.deepEqual((await client.requestAt<Location>('textDocument/definition', uri, fx)).range, decl);
    const refs = await client.requestAt<Location[]>('textDocument/references', uri, decl.start, { context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((l) => l.range), [decl, ...uses]);
    const hs = await client.requestAt<DocumentHighlight[]>('textDocument/documentHighlight', uri, uses[2].start);
    assert.deepEqual(hs.map((h) => [h.range, h.kind]), [[decl, 3], ...uses.map((r) => [r, 2])]);
  });
});
