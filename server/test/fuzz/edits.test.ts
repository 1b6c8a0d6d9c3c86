// Fuzz: thousands of random edit sequences (insertions, deletions, replacements at random places,
// half-typed templates and YAML fragments; about 40% typed inside templates and values, where the
// scalar-edit path applies) sent to the server as incremental didChange
// notifications, with random requests in between. The server must stay up, answer every request
// without an internal error, and end with the same text as the client (checked through the
// diagnostics of the final version). Semantic tokens: at random points and at the end of each
// sequence, a delta from the last result, a full result and random ranges, checked against each
// other (token-checks.ts). Seeded: WEFT_FUZZ_SEED=<n> replays a run.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ResponseError, ErrorCodes } from 'vscode-languageserver-protocol';
import { LspClient, ROOT, fileUri } from '../helpers/lsp-client.js';
import { analyse } from '../../../engine/src/analysis/analyse.js';
import { parseWorkflow } from '../../../engine/src/model/parse.js';
// The server's own file host (a `workflow` step's file, and why one cannot be read), so that both
// sides see the same files.
import { fsHostReader } from '../../src/fs-read.js';
import { rng } from '../../../test/support/prng.js';
import { workflowCorpus } from '../../../test/support/workflow-corpus.js';
import { TokenChecks, tokenStats } from './token-checks.js';

const SEED = Number(process.env.WEFT_FUZZ_SEED ?? 20261121);
const SEQUENCES = Number(process.env.WEFT_FUZZ_SEQUENCES ?? 1500);
const EDITS_PER_SEQUENCE = 6;


const corpus = (): string[] => workflowCorpus(['examples', 'server/test/fixtures', 'engine/test/fixtures/diagnostics']);

const FRAGMENTS = [
  '${', '${steps.', '${steps.fetch.', '${steps.a.output.', '${inputs.', '${env.', '${item', '${index}', '}', '}}', '$${',
  '"', "'", ':', ': ', '- ', '\n', '\n  ', '\n    - id: x', '  ', 'id: ', 'needs: [', 'needs: ', ']', '[', '{', '{}',
  '|', '|-\n', '>', '&a ', '*a', '<<: *a', '#', '\t', 'é', '😀', '\r\n', 'shell: echo', 'http:\n  url: x', 'foreach:\n  items: ',
  'parallel:\n  branches:\n    b:\n      - id: y\n        stub: true', '${length(', '${steps.x.output ?? ', ' && ', '!', '==', '---\n', '...',
  'workflow:\n  path: ./missing.weft.yaml', 'stub: true', 'llm:\n  prompt: "${steps.', '0', '-1', 'null', '~',
  // Plain words: typing in free text, which takes the incremental shortcut.
  'a', 'x', 'word', ' more text', 'Z9', 'e', ' ', 'and', 's', 'tify',
];

/** Keystrokes typed inside a template or a value (the scalar-edit path), half-typed ones included. */
const TYPED = [
  's', 't', 'e', 'p', 'x', '0', '1', '.', '_', '-', ' ', 'steps.', '${steps.', '${steps.fe', 'fe', 'fetch', 'output', '.output', '}',
  '$', '{', '"', "'", ':', ' #', ',', ']', '\\', ' == ', '(', ')', 'true', '12', 'é',
];

/**
 * An offset inside a template (`${` ... `}`) or inside a `key: value` on one line, or undefined:
 * where the scalar-edit path applies (and where it must refuse what breaks the YAML).
 */
function insideScalar(text: string, r: number, r2: number): { at: number; max: number } | undefined {
  const re = r < 0.6 ? /\$\{[^}\n]*\}?/g : /: +(\S[^\n]*)/g;
  const hits = [...text.matchAll(re)];
  if (!hits.length) return undefined;
  const m = hits[Math.floor(r2 * hits.length)];
  const from = m.index! + (r < 0.6 ? 2 : m[0].length - m[1].length + 1);
  const to = m.index! + m[0].length;
  return from <= to ? { at: from, max: to } : undefined;
}

type Req = { method: string; params: (uri: string, pos: { line: number; character: number }) => object };
const REQUESTS: Req[] = [
  { method: 'textDocument/completion', params: (uri, position) => ({ textDocument: { uri }, position }) },
  { method: 'textDocument/hover', params: (uri, position) => ({ textDocument: { uri }, position }) },
  { method: 'textDocument/definition', params: (uri, position) => ({ textDocument: { uri }, position }) },
  { method: 'textDocument/references', params: (uri, position) => ({ textDocument: { uri }, position, context: { includeDeclaration: true } }) },
  { method: 'textDocument/documentHighlight', params: (uri, position) => ({ textDocument: { uri }, position }) },
  { method: 'textDocument/prepareRename', params: (uri, position) => ({ textDocument: { uri }, position }) },
  { method: 'textDocument/rename', params: (uri, position) => ({ textDocument: { uri }, position, newName: 'renamed_x' }) },
  { method: 'textDocument/documentSymbol', params: (uri) => ({ textDocument: { uri } }) },
  { method: 'textDocument/codeLens', params: (uri) => ({ textDocument: { uri } }) },
  { method: 'textDocument/inlayHint', params: (uri) => ({ textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 9999, character: 0 } } }) },
  // Full and delta requests go through token-checks.ts, which must know the server's last result.
  { method: 'textDocument/semanticTokens/range', params: (uri, position) => ({ textDocument: { uri }, range: { start: { line: Math.max(0, position.line - 5), character: 0 }, end: position } }) },
  { method: 'weft/plan', params: (uri) => ({ uri }) },
  {
    method: 'textDocument/codeAction',
    params: (uri, position) => ({
      textDocument: { uri }, range: { start: position, end: position },
      context: { diagnostics: [{ range: { start: position, end: position }, message: "did you mean 'fetch'?", code: 'unknown-step', data: { suggestion: 'fetch' } }] },
    }),
  },
];

function positionAt(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = (before.match(/\r\n|\r|\n/g) ?? []).length;
  const lastBreak = Math.max(before.lastIndexOf('\n'), before.lastIndexOf('\r'));
  return { line, character: offset - lastBreak - 1 };
}

let client: LspClient;
before(async () => {
  process.env.WEFT_LSP_TRACE = '1'; // counts the free-text shortcut publications and the scalar-edit analyses
  client = await LspClient.weft();
});
after(async () => { await client.stop(); });

describe('fuzz', () => {
  it(`survives ${SEQUENCES} random edit sequences (seed ${SEED})`, async () => {
    const docs = corpus();
    assert.ok(docs.length > 10);
    const rand = rng(SEED);
    // The token checks draw from their own stream, so that the edits are those the seed gave before them.
    const tokenRand = rng(SEED ^ 0x5eed);
    const stats = tokenStats();
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const started = performance.now();
    let answered = 0;
    let refused = 0;
    let edits = 0;
    let sequences = 0;
    const failures: string[] = [];
    // A fixed number of sequences, not a time budget: on a loaded machine the test takes longer, it does
    // not check less (a budget of 55 s ran 349 sequences while a CI run shared the machine, and failed).
    for (let s = 0; s < SEQUENCES; s++) {
      sequences++;
      const uri = fileUri(path.join(ROOT, 'server/test/fixtures', `fuzz-${s}.weft.yaml`));
      let text = pick(docs);
      await client.open(uri, text);
      const tokens = new TokenChecks(client, uri, tokenRand, stats);
      const pending: Promise<unknown>[] = [];
      for (let e = 0; e < EDITS_PER_SEQUENCE; e++) {
        // About 40% of the edits are typed inside a template or a value (the scalar-edit path).
        const inside = rand() < 0.4 ? insideScalar(text, rand(), rand()) : undefined;
        const at = inside ? inside.at + Math.floor(rand() * (inside.max - inside.at + 1)) : Math.floor(rand() * (text.length + 1));
        // Never split a surrogate pair or a CRLF: editors do not produce such offsets.
        const safe = (o: number) => (o > 0 && o < text.length && (/[\uDC00-\uDFFF]/.test(text[o]) || (text[o] === '\n' && text[o - 1] === '\r')) ? o - 1 : o);
        const start = safe(at);
        const op = rand();
        let end = start;
        let insert = '';
        if (inside) {
          if (op < 0.8) insert = pick(TYPED);
          else end = safe(Math.min(text.length, start + 1 + Math.floor(rand() * 3)));
        } else if (op < 0.55) insert = pick(FRAGMENTS);
        else if (op < 0.85) end = safe(Math.min(text.length, start + Math.floor(rand() * 24)));
        else { end = safe(Math.min(text.length, start + Math.floor(rand() * 8))); insert = pick(FRAGMENTS); }
        const range = { start: positionAt(text, start), end: positionAt(text, end) };
        text = text.slice(0, start) + insert + text.slice(end);
        edits++;
        void client.change(uri, [{ range, text: insert }]);
        if (rand() < 0.5) {
          const r = pick(REQUESTS);
          const pos = positionAt(text, Math.floor(rand() * (text.length + 1)));
          pending.push(client.conn.sendRequest(r.method, r.params(uri, pos)).then(
            () => { answered++; },
            (err: unknown) => {
              if (err instanceof ResponseError && (err.code === ErrorCodes.InvalidRequest || err.code === ErrorCodes.InvalidParams)) { refused++; answered++; return; }
              failures.push(`${r.method} at ${JSON.stringify(pos)} (seed ${SEED}, sequence ${s}): ${(err as Error).message}`);
            },
          ));
        }
        if (tokenRand() < 0.25) await tokens.check(text, positionAt, `sequence ${s} edit ${e} (seed ${SEED})`);
      }
      await Promise.all(pending);
      await tokens.check(text, positionAt, `sequence ${s} end (seed ${SEED})`, true);
      if (s % 3 === 0 || s === SEQUENCES - 1) {
        // The server's text equals ours: its diagnostics for the last version are the analyser's.
        const version = client.version(uri);
        // The publication may have arrived while the requests were answered (a predicate makes
        // waitForDiagnostics wait for a new one).
        const have = client.diagnostics.get(uri);
        const p = have?.version === version ? have : await client.waitForDiagnostics(uri, (x) => x.version === version);
        const model = parseWorkflow(text, uri.replace('file://', ''));
        const at = (o: number) => { const q = model.lines.positionAt(o); return `${q.line}:${q.character}`; };
        const expected = analyse(model, { host: fsHostReader }).diagnostics.map((d) => `${at(d.range.start)}-${at(d.range.end)} ${d.message}`);
        const got = p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
        assert.deepEqual(got, expected, `sequence ${s} (seed ${SEED}): the server's diagnostics differ from a full analysis of the same text`);
      }
      await client.close(uri);
      assert.equal(client.exited, undefined, `server exited; stderr: ${client.stderr.slice(-2000)}`);
    }
    assert.deepEqual(failures.slice(0, 5), []);
    assert.deepEqual(client.serviceFailures().slice(0, 3), [], 'a service threw');
    const symbols = await client.conn.sendRequest('workspace/symbol', { query: '' }).catch(() => 'alive');
    assert.ok(symbols !== undefined);
    const shifted = client.traces.get('shifted') ?? 0;
    assert.ok(shifted > 50, `the free-text shortcut was exercised only ${shifted} times`);
    const scalar = client.traces.get('scalar') ?? 0;
    assert.ok(scalar > 50, `the scalar-edit path was exercised only ${scalar} times`);
    console.log(`fuzz: ${shifted} publications took the free-text shortcut, ${scalar} analyses the scalar-edit path, ${client.traces.get('analysis') ?? 0} a full parse`);
    assert.ok(stats.changed > 100, `only ${stats.changed} semantic tokens deltas had edits`);
    assert.ok(stats.partial > 100, `only ${stats.partial} semantic tokens ranges held some tokens but not all`);
    console.log(`fuzz: semantic tokens: ${stats.deltas} deltas checked (${stats.changed} with edits), ${stats.fulls} full results, ${stats.ranges} ranges (${stats.partial} holding some tokens but not all)`);
    console.log(`fuzz: ${sequences} sequences, ${edits} edits, ${answered} requests answered (${refused} refused as invalid), ${Math.round(performance.now() - started)} ms`);
  });
});
