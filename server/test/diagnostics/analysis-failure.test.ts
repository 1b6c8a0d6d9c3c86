// When the analyser throws on a document (today: an expression nested thousands of levels deep
// overflows the template parser's stack), the editor must not show an empty, "clean" problem list:
// the server publishes one error saying the file could not be analysed, and weft/plan answers with
// an error instead of null. Written so that it keeps holding once the engine reports such input as
// an ordinary diagnostic: the list is never empty, and a failure is always said.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, fileUri } from '../helpers/lsp-client.js';

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
