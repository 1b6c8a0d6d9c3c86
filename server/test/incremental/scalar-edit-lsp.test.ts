// The scalar-edit path over the real protocol: typing a step id into `${steps.|}` one character at a
// time, waiting for each version's diagnostics. They must be those of a full analysis of the same
// text (the unknown-step error appears while the id is half-typed and goes away once it resolves),
// and the server must have taken the scalar-edit path (its `weft trace: scalar` lines).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { LspClient, ROOT, fileUri } from '../helpers/lsp-client.js';
import { analyse } from '../../../engine/src/analysis/analyse.js';
import { parseWorkflow } from '../../../engine/src/model/parse.js';

const TEXT = `name: typing
steps:
  - id: fetch
    http:
      url: https://example.com/a
  - id: summarize
    llm:
      prompt: "Summarize \${steps.} please"
  - id: check
    shell: |
      echo \${steps.fetch.output}
`;

let client: LspClient;
before(async () => {
  process.env.WEFT_LSP_TRACE = '1';
  client = await LspClient.weft();
});
after(async () => { await client.stop(); });

function expected(text: string, file: string): string[] {
  const model = parseWorkflow(text, file);
  const at = (o: number) => { const q = model.lines.positionAt(o); return `${q.line}:${q.character}`; };
  return analyse(model).diagnostics.map((d) => `${d.code} ${at(d.range.start)}-${at(d.range.end)} ${d.message}`);
}

describe('scalar-edit over LSP', () => {
  it('typing `fetch` into ${steps.|}: each version has the diagnostics of a full analysis', async () => {
    const file = path.join(ROOT, 'server/test/fixtures', 'scalar-typing.weft.yaml');
    const uri = fileUri(file);
    let text = TEXT;
    await client.open(uri, text);
    await client.waitForDiagnostics(uri, (p) => p.version === 1);
    const before = client.traces.get('scalar') ?? 0;
    let offset = text.indexOf('${steps.') + '${steps.'.length;
    const line = 7;
    const seen: boolean[] = [];
    for (const ch of 'fetch') {
      const character = offset - text.lastIndexOf('\n', offset - 1) - 1;
      text = text.slice(0, offset) + ch + text.slice(offset);
      offset++;
      const version = await client.change(uri, [{ range: { start: { line, character }, end: { line, character } }, text: ch }]);
      const p = await client.waitForDiagnostics(uri, (x) => x.version === version);
      const got = p.diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`);
      assert.deepEqual(got, expected(text, file), `after typing ${ch}`);
      seen.push(got.some((d) => d.startsWith('unknown-step')));
    }
    assert.deepEqual(seen, [true, true, true, true, false]);
    assert.equal((client.traces.get('scalar') ?? 0) - before, 5, 'every keystroke took the scalar-edit path');
  });
});
