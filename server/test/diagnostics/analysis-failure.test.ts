// When the analyser throws on a document, the editor must not show an empty, "clean" problem list:
// the server publishes one error saying the file could not be analysed, and weft/plan answers with
// an error instead of null. Over LSP, the input that made the analyser throw (an expression nested
// thousands of levels deep overflowed the template parser's stack) is now an ordinary
// template-syntax diagnostic, so those cases check only that the list is never empty, and that a
// failure, if one comes back, is said. The failure itself is made certain in process: a host whose
// read throws, under the DocumentStore and DiagnosticsPublisher the server runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { DocumentStore } from '../../src/document-store.js';
import { DiagnosticsPublisher } from '../../src/diagnostics-publisher.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const DEPTH = 20_000;
const deep = (open: string, close: string) => `steps:\n  - id: a\n    stub: true\n  - id: b\n    stub: { output: "\${${open.repeat(DEPTH)}steps.a.output${close.repeat(DEPTH)}}" }\n`;

describe('a document the analyser fails on', () => {
  for (const [name, text] of [['parentheses', deep('(', ')')], ['calls', deep('length(', ')')], ['negations', deep('!', '')]] as const) {
    it(`is not published as clean: ${DEPTH} nested ${name}`, async () => {
      const uri = fileUri(`/virtual/deep-${name}.weft.yaml`);
      await client.open(uri, text);
      const p = await client.waitForDiagnostics(uri);
      assert.ok(p.diagnostics.length > 0, 'some problem is shown');
      const failed = client.errors.splice(0).some((e) => e.includes('analysis failed'));
      if (failed) {
        assert.equal(p.diagnostics.length, 1);
        assert.equal(p.diagnostics[0].severity, 1);
        assert.deepEqual(p.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
        assert.match(String(p.diagnostics[0].message), /^Weft could not analyse this file \(RangeError: Maximum call stack size exceeded\), so its problems cannot be shown; this is a bug in Weft/);
      }
      const plan = await client.conn.sendRequest('weft/plan', { uri }).then((r) => r, (e: Error) => e);
      if (failed) assert.match(String((plan as Error).message), /^Weft could not analyse .* \(RangeError: Maximum call stack size exceeded\)/);
      else assert.ok(Array.isArray(plan));
      client.errors.splice(0);
      // The server still answers, and an edit that removes the nesting gets the real diagnostics.
      const v = await client.change(uri, [{ text: 'steps:\n  - id: a\n    stub: { output: "${steps.nope.output}" }\n' }]);
      const fixed = await client.waitForDiagnostics(uri, (q) => q.version === v);
      assert.deepEqual(fixed.diagnostics.map((d) => d.code), ['unknown-step']);
    });
  }

  it('weft/plan of an unopened file the analyser fails on answers with an error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-fail-'));
    try {
      const file = path.join(dir, 'deep.weft.yaml');
      fs.writeFileSync(file, deep('(', ')'));
      const plan = await client.conn.sendRequest('weft/plan', { uri: fileUri(file) }).then((r) => r, (e: Error) => e);
      const failed = client.errors.splice(0).some((e) => e.includes('analysis failed'));
      if (failed) assert.match(String((plan as Error).message), /^Weft could not analyse .* \(RangeError: Maximum call stack size exceeded\)/);
      else assert.ok(Array.isArray(plan) || plan instanceof Error, 'an answer');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a version the analyser throws on, in process (a host whose read throws)', () => {
  it('is published as one error that says so; the next version that analyses gets its real diagnostics', async () => {
    const uri = 'file:///tmp/weft-throws/caller.weft.yaml';
    const store = new DocumentStore();
    const logged: string[] = [];
    store.onError = (m) => logged.push(m);
    // The analyser reads the called file through the store: a throw there is a throw of the analysis.
    store.readFile = () => { throw new RangeError('Maximum call stack size exceeded'); };
    let received: (p: PublishDiagnosticsParams) => void = () => {};
    const publisher = new DiagnosticsPublisher(store, { sendDiagnostics: (p) => received(p) });
    const published = () => new Promise<PublishDiagnosticsParams>((resolve) => { received = resolve; });
    try {
      store.open(uri, 'weft-yaml', 1, 'steps:\n  - id: child\n    workflow:\n      path: child.weft.yaml\n');
      let next = published();
      publisher.schedule(uri, true);
      const failed = await next;
      assert.equal(failed.version, 1);
      assert.equal(failed.diagnostics.length, 1, JSON.stringify(failed.diagnostics));
      assert.equal(failed.diagnostics[0].severity, 1);
      assert.deepEqual(failed.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
      assert.match(String(failed.diagnostics[0].message), /^Weft could not analyse this file \(RangeError: Maximum call stack size exceeded\), so its problems cannot be shown; this is a bug in Weft/);
      assert.equal(store.latest(uri)?.failure, 'RangeError: Maximum call stack size exceeded');
      assert.ok(logged.some((m) => m.startsWith(`weft: analysis failed for ${uri}: RangeError`)), logged.join('\n'));

      store.change(uri, 2, [{ text: 'steps:\n  - id: a\n    stub: { output: "${steps.nope.output}" }\n' }]);
      next = published();
      publisher.schedule(uri, true);
      const fixed = await next;
      assert.equal(fixed.version, 2);
      assert.deepEqual(fixed.diagnostics.map((d) => d.code), ['unknown-step']);
      assert.equal(store.latest(uri)?.failure, undefined);
    } finally {
      publisher.cancel(uri);
    }
  });
});
