// Text the server shortens for one line (a step's command in its hover and in the outline's detail,
// an env value, a run's output preview) is cut between characters, never inside an emoji's
// surrogate pair: the half left behind is sent as `\ud83d`, which is not text (VS Code shows it as
// '�'; a strict JSON reader, such as Rust's serde_json in Helix, refuses the whole answer).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DocumentSymbol } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

/** A UTF-16 unit of a surrogate pair without its other half. */
const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const assertWhole = (s: string | undefined, what: string) => {
  assert.ok(s !== undefined && s.length > 0, `${what}: nothing`);
  assert.ok(!LONE.test(s), `${what} holds half an emoji: ${JSON.stringify(s.slice(-12))}`);
};

// Each text runs into emoji just before the cut (80 characters for a hover's one-line value, 120
// for a symbol's detail, 500 for the run's output preview), at each of two offsets, so one of them
// falls between the two halves of a pair.
const emoji = '😀'.repeat(60);
const text = (pad: number) => [
  'env:',
  `  LONG: "${'b'.repeat(77 + pad)}${emoji}"`,
  'steps:',
  '  - id: x',
  `    shell: "echo ${'a'.repeat(72 + pad)}${emoji}"`,
  '  - id: y',
  '    stub: {output: "${steps.x.output} ${env.LONG}"}',
  '',
].join('\n');

describe('text cut for one line keeps its emoji whole', () => {
  for (const pad of [0, 1]) {
    it(`hovers and the outline (cut at offset ${pad})`, async () => {
      const t = text(pad);
      const uri = await client.openNew(`cut-text-${pad}`, t);
      assertWhole(await client.hoverText(uri, positionOf(t, 'x.output')), 'the hover on steps.x');
      assertWhole(await client.hoverText(uri, positionOf(t, 'LONG}')), 'the hover on env.LONG');
      const symbols = await client.conn.sendRequest<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } });
      const x = symbols.find((s) => s.name === 'steps')!.children!.find((s) => s.name === 'x')!;
      assertWhole(x.detail, "the outline's detail of x");
    });

    it(`the last run's output preview in a hover (cut at offset ${pad})`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-'));
      try {
        const t = 'steps:\n  - id: x\n    shell: echo hi\n';
        const file = path.join(dir, 'cut.weft.yaml');
        fs.writeFileSync(file, t);
        const runs = path.join(dir, '.weft', 'runs');
        fs.mkdirSync(runs, { recursive: true });
        const ev = (o: object) => JSON.stringify({ runId: 'r1', ts: 1, ...o });
        fs.writeFileSync(path.join(runs, 'r1.jsonl'), [
          ev({ type: 'run.started', workflow: 'cut', file, inputs: {}, plan: [] }),
          ev({ type: 'step.finished', path: 'x', status: 'succeeded', durationMs: 5, attempts: 1, output: 'o'.repeat(499 + pad) + '😀'.repeat(10) }),
        ].join('\n') + '\n');
        const uri = fileUri(file);
        await client.open(uri, t);
        const hover = await client.hoverText(uri, positionOf(t, 'x\n'));
        assert.match(hover ?? '', /Last run `r1`/);
        assertWhole(hover, 'the hover on x');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
