// Requests sent in the middle of a burst of edits on a large document, without waiting for anything:
// LSP processes messages in order, so each answer must be the one for the text as it was when the
// request was sent. Every answer is compared with the answer of a second server that is given that
// very text in one full change, with the incremental paths off (a full analysis); no answer may be
// an error or name a position outside the document of its version. Completion answers from the
// latest analysis made, which may be of an older version (docs/language-server.md), so it is checked
// for its ranges and errors only.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { generateWorkflow } from '../../../bench/lsp/generate.js';
import { rng } from '../../../test/support/prng.js';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { TypedDoc, positionAt, type Pos } from './typed-doc.js';

const STEPS = Number(process.env.WEFT_TYPING_STEPS ?? 2000);
const SEED = Number(process.env.WEFT_FUZZ_SEED ?? 7041);

type Params = (uri: string, pos: Pos) => object;
const REQUESTS: Record<string, Params> = {
  'textDocument/completion': (uri, position) => ({ textDocument: { uri }, position }),
  'textDocument/hover': (uri, position) => ({ textDocument: { uri }, position }),
  'textDocument/definition': (uri, position) => ({ textDocument: { uri }, position }),
  'textDocument/references': (uri, position) => ({ textDocument: { uri }, position, context: { includeDeclaration: true } }),
  'textDocument/documentSymbol': (uri) => ({ textDocument: { uri } }),
  'textDocument/inlayHint': (uri, position) => ({ textDocument: { uri }, range: { start: { line: Math.max(0, position.line - 40), character: 0 }, end: { line: position.line + 40, character: 0 } } }),
  'textDocument/semanticTokens/range': (uri, position) => ({ textDocument: { uri }, range: { start: { line: Math.max(0, position.line - 30), character: 0 }, end: { line: position.line + 30, character: 0 } } }),
  'textDocument/codeLens': (uri) => ({ textDocument: { uri } }),
  'weft/plan': (uri) => ({ uri }),
};
const METHODS = Object.keys(REQUESTS);

interface Sent { method: string; params: object; version: number; text: string; answer: Promise<unknown> }

/** Every Range-shaped object in `x` (start/end positions), with where it was found. */
function ranges(x: unknown, at = '', out: { at: string; start: Pos; end: Pos }[] = []): { at: string; start: Pos; end: Pos }[] {
  if (Array.isArray(x)) x.forEach((y, i) => ranges(y, `${at}[${i}]`, out));
  else if (x && typeof x === 'object') {
    const o = x as Record<string, unknown>;
    const isPos = (p: unknown): p is Pos => !!p && typeof p === 'object' && typeof (p as Pos).line === 'number' && typeof (p as Pos).character === 'number';
    if (isPos(o.start) && isPos(o.end)) out.push({ at, start: o.start, end: o.end });
    for (const [k, v] of Object.entries(o)) ranges(v, `${at}.${k}`, out);
  }
  return out;
}

/** Why a position is outside `lines` (the document's lines), or undefined. */
function outside(lines: string[], p: Pos): string | undefined {
  if (p.line < 0 || p.line >= lines.length) return `line ${p.line} of ${lines.length}`;
  if (p.character < 0 || p.character > lines[p.line].length) return `character ${p.character} of line ${p.line} (${lines[p.line].length} long)`;
  return undefined;
}

let client: LspClient;
let reference: LspClient;
before(async () => {
  client = await LspClient.weft({ weft: { diagnostics: { debounceMs: 0 } } });
  reference = await LspClient.weft({ weft: { diagnostics: { debounceMs: 60000, incremental: false } } });
});
after(async () => { await Promise.all([client.stop(), reference.stop()]); });

describe(`requests interleaved with a burst of edits (${STEPS} steps)`, () => {
  it('each answer is the one for the text when it was sent', async () => {
    const rand = rng(SEED);
    const doc = await TypedDoc.opened(client, fileUri('/virtual/typing-requests.weft.yaml'), generateWorkflow(STEPS));
    const sent: Sent[] = [];
    const ask = (method: string, offset: number) => {
      const params = REQUESTS[method](doc.uri, positionAt(doc.text, offset));
      sent.push({ method, params, version: doc.version, text: doc.text, answer: client.conn.sendRequest(method, params) });
    };
    /** A request near `offset` (the cursor) or, one time in four, anywhere, half the time after each edit. */
    const maybeAsk = (offset: number) => {
      if (rand() < 0.5) return;
      const anywhere = rand() < 0.25;
      ask(METHODS[Math.floor(rand() * METHODS.length)], anywhere ? Math.floor(rand() * doc.text.length) : Math.max(0, Math.min(doc.text.length, offset + Math.floor(rand() * 40) - 20)));
    };
    const typeAsking = (offset: number, s: string) => {
      for (let i = 0; i < s.length; i++) {
        void doc.replace(offset + i, offset + i, s[i]);
        maybeAsk(offset + i + 1);
      }
    };

    // A new step typed in the middle, a reference typed in a prompt, a block cut and pasted twice, undo.
    typeAsking(doc.offsetOf(`  - id: s${STEPS / 2}\n`), '  - id: typed\n    needs: [s7]\n    shell: echo ${steps.s3.output}\n');
    const prompt = doc.offsetOf('prompt: "Summarize ', 'prompt: "Summarize '.length, 5);
    typeAsking(prompt, '${steps.typed.outp} and ${steps.');
    const from = doc.offsetOf('  - id: s40\n');
    const to = doc.offsetOf('  - id: s52\n');
    const block = doc.text.slice(from, to);
    void doc.replace(from, to, '');
    maybeAsk(from);
    const there = doc.offsetOf('  - id: s1200\n');
    for (let k = 0; k < 2; k++) {
      void doc.replace(there, there, block);
      maybeAsk(there + block.length);
    }
    // Every method at least once at the burst's height, then undo, asking on the way, and every
    // method again once it is undone.
    for (const m of METHODS) ask(m, there + 10);
    const undoFrom = sent.length;
    doc.undoAll(maybeAsk);
    assert.ok(sent.length > undoFrom, 'requests during the undo');
    for (const m of METHODS) ask(m, prompt);

    const failures: string[] = [];
    const answers: unknown[] = [];
    for (const s of sent) {
      try {
        answers.push(await s.answer);
      } catch (e) {
        answers.push(undefined);
        failures.push(`${s.method} at v${s.version} ${JSON.stringify(s.params)}: ${(e as Error).message}`);
      }
    }
    assert.equal(failures.length, 0, `requests answered with an error:\n${failures.join('\n')}`);
    assert.equal(client.exited, undefined, 'the server is up');

    // Positions inside the document of the request's version.
    for (let i = 0; i < sent.length; i++) {
      const lines = sent[i].text.split('\n');
      for (const r of ranges(answers[i])) {
        const bad = outside(lines, r.start) ?? outside(lines, r.end);
        if (bad) failures.push(`${sent[i].method} at v${sent[i].version}: ${r.at} ${bad}`);
      }
    }
    assert.equal(failures.length, 0, `answers with positions outside the document:\n${failures.slice(0, 10).join('\n')}`);

    // The same answers as a full analysis of the same text (the reference server), but completion.
    const refUri = doc.uri;
    let refText: string | undefined;
    for (let i = 0; i < sent.length; i++) {
      const s = sent[i];
      if (s.method === 'textDocument/completion') continue;
      if (refText === undefined) await reference.open(refUri, s.text);
      else if (refText !== s.text) await reference.change(refUri, [{ text: s.text }]);
      refText = s.text;
      const want = await reference.conn.sendRequest(s.method, s.params);
      try {
        assert.deepEqual(answers[i], want);
      } catch {
        failures.push(`${s.method} at v${s.version} ${JSON.stringify(s.params)}:\n  got  ${JSON.stringify(answers[i]).slice(0, 600)}\n  want ${JSON.stringify(want).slice(0, 600)}`);
      }
    }
    assert.equal(failures.length, 0, `${failures.length} of ${sent.length} answers differ from a full analysis of their text:\n${failures.slice(0, 5).join('\n')}`);
    console.log(`${sent.length} requests over ${doc.version} versions, all consistent`);
  });
});
