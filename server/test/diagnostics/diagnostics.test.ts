// Pushed diagnostics over the real protocol: the analyser's golden files (every fixture under
// engine/test/fixtures/diagnostics), related information for cycles and duplicates, the debounce,
// versions (an outdated version is never published), and re-analysis of documents whose `workflow`
// step points at a file that changed.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-protocol';
import { LspClient, ROOT, fileUri } from '../helpers/lsp-client.js';
import { actualLines, expectedLines, listFixtures } from '../../../engine/test/helpers/golden.js';
import { analyse } from '../../../engine/src/analysis/analyse.js';
import { fsHost } from '../../../engine/src/analysis/fs-host.js';
import { parseWorkflow } from '../../../engine/src/model/parse.js';
import { createLineIndex } from '../../../engine/src/model/line-index.js';

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];
const goldenOf = (d: LspDiagnostic) =>
  `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${SEVERITY[d.severity ?? 1]} ${d.code}: ${d.message}`;

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

describe('golden diagnostics', () => {
  const fixtures = listFixtures();
  it('has fixtures to compare with', () => assert.ok(fixtures.length > 10, `found ${fixtures.length}`));
  for (const fixture of fixtures) {
    const name = path.relative(path.join(ROOT, 'engine/test/fixtures/diagnostics'), fixture);
    it(name, async () => {
      const text = fs.readFileSync(fixture, 'utf8');
      const uri = fileUri(fixture);
      await client.open(uri, text);
      const published = await client.waitForDiagnostics(uri);
      const lines = published.diagnostics.map(goldenOf);
      const expected = expectedLines(fixture) ?? actualLines(fixture);
      assert.deepEqual(lines, expected);
      // Related information and fix data match the analyser exactly.
      const analysis = analyse(parseWorkflow(text, fixture), { host: fsHost });
      analysis.diagnostics.forEach((d, i) => {
        const got = published.diagnostics[i];
        assert.equal(got.relatedInformation?.length ?? 0, d.related?.length ?? 0, `related of ${goldenOf(got)}`);
        (d.related ?? []).forEach((r, k) => {
          const loc = got.relatedInformation![k].location;
          assert.equal(loc.uri, fileUri(r.file));
          // A call of a file with errors links into that file: its positions are that file's.
          const lines = r.file === fixture ? analysis.model.lines : createLineIndex(fs.readFileSync(r.file, 'utf8'));
          assert.deepEqual(loc.range.start, lines.positionAt(r.range.start));
        });
        assert.deepEqual(got.data, d.data);
      });
    });
  }
  it('cycles relate every step of the loop; duplicates relate the other occurrence', async () => {
    const cycle = listFixtures().find((f) => f.endsWith('cycle/three-steps.weft.yaml'))!;
    const dup = listFixtures().find((f) => f.endsWith('duplicate-id/same-id-twice.weft.yaml'))!;
    for (const f of [cycle, dup]) {
      await client.open(fileUri(f), fs.readFileSync(f, 'utf8'));
    }
    const c = (await client.waitForDiagnostics(fileUri(cycle))).diagnostics.filter((d) => d.code === 'cycle');
    assert.ok(c.length >= 1);
    assert.ok(c.every((d) => (d.relatedInformation?.length ?? 0) === 3), 'three steps in the loop');
    const d = (await client.waitForDiagnostics(fileUri(dup))).diagnostics.filter((x) => x.code === 'duplicate-id');
    assert.equal(d.length, 2);
    assert.ok(d.every((x) => x.relatedInformation?.length === 1));
    assert.notDeepEqual(d[0].relatedInformation![0].location.range, d[0].range);
  });
});

describe('publication', () => {
  it('debounces a burst of edits and publishes only the last version', async () => {
    const slow = await LspClient.weft({ weft: { diagnostics: { debounceMs: 150 } } });
    try {
      const uri = fileUri('/virtual/burst.weft.yaml');
      await slow.open(uri, 'steps:\n  - id: a\n    stub: true\n');
      await slow.waitForDiagnostics(uri);
      const before = slow.published.length;
      for (let i = 0; i < 20; i++) {
        void slow.change(uri, [{ range: { start: { line: 2, character: 14 }, end: { line: 2, character: 14 } }, text: ' ' }]);
      }
      const final = slow.version(uri);
      const p = await slow.waitForDiagnostics(uri, (x) => x.version === final);
      assert.equal(p.version, final);
      assert.deepEqual(slow.published.slice(before).map((x) => x.params.version), [final]);
    } finally {
      await slow.stop();
    }
  });

  it('never publishes a version older than one already published, and ends on the latest', async () => {
    const uri = fileUri('/virtual/versions.weft.yaml');
    await client.open(uri, 'steps:\n  - id: a\n    stub: true\n');
    await client.waitForDiagnostics(uri);
    const start = client.published.length;
    for (let i = 0; i < 200; i++) {
      void client.change(uri, [{ range: { start: { line: 1, character: 9 }, end: { line: 1, character: 9 } }, text: i % 2 ? 'b' : '-' }]);
    }
    const final = client.version(uri);
    await client.waitForDiagnostics(uri, (x) => x.version === final);
    const versions = client.published.slice(start).filter((x) => x.params.uri === uri).map((x) => x.params.version!);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i] > versions[i - 1], `${versions[i - 1]} then ${versions[i]}`);
    assert.equal(versions[versions.length - 1], final);
  });

  it('typing in free text publishes exactly what a full analysis would (the incremental shortcut)', async () => {
    process.env.WEFT_LSP_TRACE = '1';
    const c = await LspClient.weft();
    delete process.env.WEFT_LSP_TRACE;
    try {
      const uri = fileUri('/virtual/typing.weft.yaml');
      let text = [
        'steps:',
        '  - id: fetch',
        '    http:',
        '      url: https://api.example.com/data',
        '  - id: analyze',
        '    llm:',
        '      system: Be brief',
        '      prompt: |',
        '        Analyze this carefully',
        '        and then: ${steps.fecth.output}',
        '  - id: a',
        '    shell: echo ${steps.b.output}',
        '  - id: b',
        '    shell: "echo ${steps.a.output}"',
        '  - id: a',
        '    description: A duplicate',
        '    stub: true',
        '',
      ].join('\n');
      await c.open(uri, text);
      await c.waitForDiagnostics(uri);
      const typeAt = async (after: string, typed: string) => {
        for (const ch of typed) {
          const o = text.indexOf(after) + after.length;
          const before = text.slice(0, o).split('\n');
          const pos = { line: before.length - 1, character: before[before.length - 1].length };
          text = text.slice(0, o) + ch + text.slice(o);
          after += ch;
          const v = await c.change(uri, [{ range: { start: pos, end: pos }, text: ch }]);
          const got = await c.waitForDiagnostics(uri, (x) => x.version === v);
          const model = parseWorkflow(text, '/virtual/typing.weft.yaml');
          const expected = analyse(model).diagnostics;
          assert.deepEqual(got.diagnostics.map(goldenOf), expected.map((d) => goldenOf({
            range: { start: model.lines.positionAt(d.range.start), end: model.lines.positionAt(d.range.end) },
            severity: SEVERITY.indexOf(d.severity) as 1, code: d.code, message: d.message,
          })));
          got.diagnostics.forEach((g, i) => (expected[i].related ?? []).forEach((r, k) => {
            assert.deepEqual(g.relatedInformation![k].location.range.start, model.lines.positionAt(r.range.start));
          }));
        }
        // Requests answered from the shifted analysis equal those on a freshly analysed copy.
        const fresh = fileUri(`/virtual/typing-fresh-${after.length}.weft.yaml`);
        await c.open(fresh, text);
        const whole = { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } };
        for (const [method, params] of [
          ['textDocument/semanticTokens/full', {}],
          ['textDocument/inlayHint', { range: whole }],
          ['textDocument/documentSymbol', {}],
          ['textDocument/codeLens', {}],
        ] as const) {
          const mine = await c.conn.sendRequest(method, { textDocument: { uri }, ...params });
          const theirs = await c.conn.sendRequest(method, { textDocument: { uri: fresh }, ...params });
          // A semantic tokens result id numbers the server's results (for deltas): not content.
          const content = (r: unknown, from = '', to = '') => JSON.parse(JSON.stringify(r, (k, v: unknown) => (k === 'resultId' ? undefined : v)).replaceAll(from, to)) as unknown;
          assert.deepEqual(content(mine, uri, fresh), content(theirs), `${method} after typing '${after}'`);
        }
      };
      await typeAt('https://api', '.v2');
      await typeAt('Be brief', ' and exact');
      await typeAt('Analyze this', ' very');
      await typeAt('        and', ' so');
      await typeAt('A duplicate', ' step');
      assert.ok((c.traces.get('shifted') ?? 0) >= 18, `shortcut used ${c.traces.get('shifted') ?? 0} times`);
    } finally {
      await c.stop();
    }
  });

  it('re-analyses a document when the file its workflow step calls changes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-calls-'));
    try {
      const parent = path.join(dir, 'parent.weft.yaml');
      const child = path.join(dir, 'child.weft.yaml');
      const parentText = 'steps:\n  - id: call\n    workflow:\n      path: ./child.weft.yaml\n';
      fs.writeFileSync(parent, parentText);
      const pUri = fileUri(parent);
      await client.open(pUri, parentText);
      let p = await client.waitForDiagnostics(pUri);
      assert.deepEqual(p.diagnostics.map((d) => d.code), ['workflow-not-found']);

      // The file appears on disk: the editor's file watcher tells the server.
      fs.writeFileSync(child, 'steps:\n  - id: hello\n    stub: true\n');
      const n = client.published.length;
      await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(child), type: 1 }] });
      p = await client.waitForDiagnostics(pUri, () => client.published.length > n);
      assert.deepEqual(p.diagnostics, []);

      // The child is opened and edited (unsaved) to call the parent back: a workflow cycle.
      const cUri = fileUri(child);
      await client.open(cUri, 'steps:\n  - id: hello\n    stub: true\n');
      await client.waitForDiagnostics(cUri);
      await client.change(cUri, [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '  - id: back\n    workflow:\n      path: ./parent.weft.yaml\n' }]);
      p = await client.waitForDiagnostics(pUri, (x) => x.diagnostics.length > 0);
      assert.deepEqual(p.diagnostics.map((d) => d.code), ['workflow-cycle']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a call of a file with errors on the call, linked to them, through a file between, until they are fixed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-invalid-'));
    try {
      const [outer, middle, leaf] = ['outer', 'middle', 'leaf'].map((n) => path.join(dir, `${n}.weft.yaml`));
      const outerText = 'steps:\n  - id: call\n    workflow:\n      path: ./middle.weft.yaml\n';
      fs.writeFileSync(outer, outerText);
      fs.writeFileSync(middle, 'steps:\n  - id: inner\n    workflow: { path: leaf.weft.yaml }\n');
      const good = 'steps:\n  - id: fetch\n    stub: true\n  - id: use\n    needs: [fetch]\n    stub: true\n';
      fs.writeFileSync(leaf, good);
      const oUri = fileUri(outer);
      await client.open(oUri, outerText);
      assert.deepEqual((await client.waitForDiagnostics(oUri)).diagnostics, []);

      // The leaf, two calls down, is opened and edited (unsaved) to name a step that does not exist.
      const lUri = fileUri(leaf);
      await client.open(lUri, good);
      await client.waitForDiagnostics(lUri);
      await client.change(lUri, [{ range: { start: { line: 4, character: 12 }, end: { line: 4, character: 17 } }, text: 'fecth' }]);
      let p = await client.waitForDiagnostics(oUri, (x) => x.diagnostics.length > 0);
      assert.deepEqual(p.diagnostics.map((d) => [d.code, d.message, d.range.start.line, d.range.start.character]), [
        ['workflow-invalid', "'./middle.weft.yaml' has an error, so this workflow cannot run: line 3: 'leaf.weft.yaml' has an error, so this workflow cannot run: line 5: unknown step 'fecth'; did you mean 'fetch'?", 3, 12],
      ]);
      assert.deepEqual(p.diagnostics[0].relatedInformation?.map((r) => [r.location.uri, r.location.range.start.line, r.location.range.start.character]), [[fileUri(middle), 2, 22]]);

      await client.change(lUri, [{ range: { start: { line: 4, character: 12 }, end: { line: 4, character: 17 } }, text: 'fetch' }]);
      p = await client.waitForDiagnostics(oUri, (x) => x.diagnostics.length === 0);
      assert.deepEqual(p.diagnostics, []);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
