// Semantic tokens over the real protocol: the range request and full/delta (LSP 3.16). A range
// result is the full result's tokens in that range; a delta, applied to the result it names, is the
// full result of the current text; a previousResultId the server does not hold gets a full result.
// Edits cover every route a request takes (full analysis, scalar edit, free text shifted through
// offset maps), with LF and CRLF line ends.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Range, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { FIXTURES } from '../helpers/cursor.js';
import { rng } from '../../../test/support/prng.js';
import { editsBetween } from '../../src/semantic-token-results.js';
import { applyEdits, decode, within } from '../helpers/semantic-tokens.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const OUTLINE = fs.readFileSync(path.join(FIXTURES, 'outline.weft.yaml'), 'utf8');

/** The open document's text, kept in step with the edits sent to the server. */
class Doc {
  readonly uri = fileUri(`/virtual/semantic-tokens-${n++}.weft.yaml`);
  doc: TextDocument;
  constructor(text: string) {
    this.doc = TextDocument.create(this.uri, 'weft', 1, text);
  }
  get text(): string { return this.doc.getText(); }
  async open(): Promise<void> { await client.open(this.uri, this.text); }
  /** Replaces `del` characters after the first `at` (plus `skip`) with `ins`, in the editor and the server. */
  async edit(at: string, ins: string, del = 0, skip = 0): Promise<void> {
    const i = this.text.indexOf(at);
    assert.ok(i >= 0, `no ${at}`);
    const o = i + at.length + skip;
    const range = { start: this.doc.positionAt(o), end: this.doc.positionAt(o + del) };
    const version = await client.change(this.uri, [{ range, text: ins }]);
    this.doc = TextDocument.update(this.doc, [{ range, text: ins }], version);
  }
}

const full = (uri: string) => client.conn.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument: { uri } });
const delta = (uri: string, previousResultId: string) =>
  client.conn.sendRequest<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument: { uri }, previousResultId });
const ranged = (uri: string, range: Range) => client.conn.sendRequest<SemanticTokens>('textDocument/semanticTokens/range', { textDocument: { uri }, range });

const WORKFLOWS: Record<string, string> = {
  'outline (LF)': OUTLINE,
  'outline (CRLF)': OUTLINE.replace(/\n/g, '\r\n'),
};

describe('semantic tokens: capabilities', () => {
  it('announces range and full with delta', () => {
    const p = client.initResult!.capabilities.semanticTokensProvider!;
    assert.equal(p.range, true);
    assert.deepEqual(p.full, { delta: true });
  });
});

describe('semantic tokens: range', () => {
  for (const [name, text] of Object.entries(WORKFLOWS)) {
    it(`${name}: every range's result is the full result's tokens in it`, async () => {
      const d = new Doc(text);
      await d.open();
      const all = decode((await full(d.uri)).data);
      assert.ok(all.length > 20, 'the fixture has tokens');
      const lines = d.doc.lineCount;
      const ranges: Range[] = [{ start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }];
      for (let l = 0; l < lines; l += 3) ranges.push({ start: { line: l, character: 0 }, end: { line: l + 4, character: 0 } });
      // Ranges that start and end inside tokens and lines.
      for (const [line, char, len] of all.slice(0, 12)) ranges.push({ start: { line, character: char + 1 }, end: { line: line + 1, character: char + len - 1 } });
      ranges.push({ start: { line: 3, character: 5 }, end: { line: 3, character: 5 } });
      for (const r of ranges) {
        assert.deepEqual(decode((await ranged(d.uri, r)).data), within(all, r), JSON.stringify(r));
      }
    });
  }
});

describe('semantic tokens: delta', () => {
  // Each edit after the first full request; the delta from the previous result must give the full
  // result of the new text.
  const EDITS: [string, (d: Doc) => Promise<void>][] = [
    ['type in a reference (scalar edit)', (d) => d.edit('${steps.list.outp', 'x')],
    ['type in free text before a template (shifted analysis)', (d) => d.edit('Summariz', 'zz')],
    ['insert a step above (every later token moves)', (d) => {
      const br = d.text.includes('\r\n') ? '\r\n' : '\n';
      return d.edit('steps:', `${br}  - id: first${br}    shell: echo \${inputs.topic}`);
    }],
    ['delete a template', (d) => d.edit('digest: ', '', '${steps.combine.output}'.length)],
    ['break the YAML', (d) => d.edit('outputs:', ' [')],
    ['nothing changed', async () => undefined],
  ];

  for (const [name, text] of Object.entries(WORKFLOWS)) {
    it(`${name}: a delta after each edit, applied to the previous data, equals a fresh full result`, async () => {
      const d = new Doc(text);
      await d.open();
      let prev = await full(d.uri);
      assert.ok(prev.resultId, 'a full result has an id');
      for (const [what, edit] of EDITS) {
        await edit(d);
        const r = await delta(d.uri, prev.resultId!);
        assert.ok('edits' in r, `${what}: an edit list, not a full result`);
        assert.ok(r.resultId && r.resultId !== prev.resultId, `${what}: a new result id`);
        const applied = applyEdits(prev.data, r.edits);
        const fresh = await full(d.uri);
        assert.deepEqual(applied, fresh.data, what);
        if (what === 'nothing changed') assert.deepEqual(r.edits, []);
        // The range request takes the same route (a shifted analysis, a scalar edit, broken YAML).
        const mid: Range = { start: { line: 10, character: 3 }, end: { line: 22, character: 0 } };
        assert.deepEqual(decode((await ranged(d.uri, mid)).data), within(decode(fresh.data), mid), `${what}: range`);
        prev = fresh; // the full request replaced the delta's result: the next delta names it
      }
    });
  }

  it('chained deltas: each names the result of the one before', async () => {
    const d = new Doc(OUTLINE);
    await d.open();
    const first = await full(d.uri);
    let data = first.data;
    let id = first.resultId!;
    for (const ins of ['a', 'b', 'c']) {
      await d.edit('${steps.list.out', ins);
      const r = await delta(d.uri, id);
      assert.ok('edits' in r);
      data = applyEdits(data, r.edits);
      id = r.resultId!;
    }
    const r = await delta(d.uri, id);
    assert.ok('edits' in r);
    assert.deepEqual(r.edits, []);
    assert.deepEqual(data, (await full(d.uri)).data);
  });

  it('an unknown, older or closed document\'s previousResultId gets a full result', async () => {
    const d = new Doc(OUTLINE);
    await d.open();
    const first = await full(d.uri);
    const second = await full(d.uri);
    const unknown = await delta(d.uri, 'no-such-result');
    assert.ok('data' in unknown && !('edits' in unknown), 'a full result');
    assert.deepEqual(unknown.data, second.data);
    assert.ok(unknown.resultId);
    const older = await delta(d.uri, first.resultId!);
    assert.ok('data' in older && !('edits' in older), 'an id older than the last result');
    assert.deepEqual(older.data, second.data);
    // Closed and opened again: what the server remembered went with the close.
    const last = older.resultId!;
    await client.close(d.uri);
    await client.open(d.uri, d.text);
    const reopened = await delta(d.uri, last);
    assert.ok('data' in reopened && !('edits' in reopened), 'after close');
    assert.deepEqual(reopened.data, second.data);
  });
});

describe('editsBetween', () => {
  it('turns any array into any other (random arrays)', () => {
    const next = rng(4242);
    const arr = () => Array.from({ length: Math.floor(next() * 12) }, () => Math.floor(next() * 3));
    for (let i = 0; i < 2000; i++) {
      const a = arr();
      const b = next() < 0.3 ? [...a] : arr();
      const edits = editsBetween(a, b);
      assert.deepEqual(applyEdits(a, edits), b, `${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
      if (JSON.stringify(a) === JSON.stringify(b)) assert.deepEqual(edits, []);
    }
  });
});
