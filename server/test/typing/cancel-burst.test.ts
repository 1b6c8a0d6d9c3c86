// $/cancelRequest during a burst of edits on a large document: requests of every kind are sent
// between keystrokes and cancelled at once, a few keystrokes later, or never. Each must settle with
// its result or the RequestCancelled error (-32800), none may hang or get another error, and the
// server must answer and publish the last version afterwards.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { CancellationTokenSource, LSPErrorCodes } from 'vscode-languageserver-protocol/node';
import { generateWorkflow } from '../../../bench/lsp/generate.js';
import { rng } from '../../../test/support/prng.js';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { TypedDoc, expectedDiagnostics, positionAt, publishedLines, settle } from './typed-doc.js';

const STEPS = Number(process.env.WEFT_TYPING_STEPS ?? 2000);
const SEED = Number(process.env.WEFT_FUZZ_SEED ?? 991);
/** Long enough for any answer on a loaded machine: a request still unsettled then is a hang. */
const HANG_MS = 120_000;

const METHODS: [string, (uri: string, position: { line: number; character: number }) => object][] = [
  ['textDocument/completion', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/hover', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/definition', (uri, position) => ({ textDocument: { uri }, position })],
  ['textDocument/references', (uri, position) => ({ textDocument: { uri }, position, context: { includeDeclaration: true } })],
  ['textDocument/documentSymbol', (uri) => ({ textDocument: { uri } })],
  ['textDocument/inlayHint', (uri, position) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: position.line + 20, character: 0 } } })],
  ['textDocument/semanticTokens/full', (uri) => ({ textDocument: { uri } })],
  ['textDocument/codeLens', (uri) => ({ textDocument: { uri } })],
  ['weft/plan', (uri) => ({ uri })],
];

let client: LspClient;
before(async () => { client = await LspClient.weft({ weft: { diagnostics: { debounceMs: 0 } } }); });
after(async () => { await client.stop(); });

describe(`cancelled requests during a burst of edits (${STEPS} steps)`, () => {
  it('each settles with its answer or RequestCancelled', async () => {
    const rand = rng(SEED);
    const doc = await TypedDoc.opened(client, fileUri('/virtual/typing-cancel.weft.yaml'), generateWorkflow(STEPS));
    const pending: { method: string; version: number; answer: Promise<unknown>; source: CancellationTokenSource; cancelAfter: number }[] = [];
    const at = doc.offsetOf(`  - id: s${STEPS / 2}\n`);
    const typed = '  - id: typed\n    needs: [s7]\n    llm:\n      prompt: "about ${steps.s3.output} and ${steps.typed.output}"\n';
    for (let i = 0; i < typed.length; i++) {
      void doc.replace(at + i, at + i, typed[i]);
      for (const p of pending) if (p.cancelAfter-- === 0) p.source.cancel();
      if (rand() < 0.6) {
        const [method, params] = METHODS[Math.floor(rand() * METHODS.length)];
        const source = new CancellationTokenSource();
        const r = rand();
        const cancelAfter = r < 0.4 ? 0 : r < 0.8 ? 1 + Math.floor(rand() * 4) : -1;
        const answer = client.conn.sendRequest(method, params(doc.uri, positionAt(doc.text, at + i + 1)), source.token);
        if (cancelAfter === 0) source.cancel();
        pending.push({ method, version: doc.version, answer, source, cancelAfter: cancelAfter - 1 });
      }
    }
    const outcomes = { answered: 0, cancelled: 0 };
    const failures: string[] = [];
    await Promise.all(pending.map(async (p) => {
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<'hang'>((r) => { timer = setTimeout(() => r('hang'), HANG_MS); });
      try {
        const r = await Promise.race([p.answer.then(() => 'answered' as const), hang]);
        if (r === 'hang') failures.push(`${p.method} at v${p.version} never settled`);
        else outcomes.answered++;
      } catch (e) {
        if ((e as { code?: number }).code === LSPErrorCodes.RequestCancelled) outcomes.cancelled++;
        else failures.push(`${p.method} at v${p.version}: ${(e as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    }));
    assert.deepEqual(failures, []);
    assert.ok(outcomes.cancelled > 0, 'some requests were cancelled before they ran');
    const last = await settle(doc);
    assert.equal(last.version, doc.version);
    assert.deepEqual(publishedLines(last), expectedDiagnostics(doc.text, doc.uri));
    const symbols = await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: doc.uri } });
    assert.match(JSON.stringify(symbols), /"typed"/, 'the next request is answered for the last version');
    console.log(`${pending.length} requests: ${outcomes.answered} answered, ${outcomes.cancelled} cancelled`);
  });
});
