// Selection ranges over the real protocol (services/selection-ranges.ts): from a cursor (`|`) inside
// a template out through the name, the path, the expression, the `${...}`, the scalar, its pair, the
// step, the steps list, the `steps:` pair and the document; from a key, the key first. Each range
// holds the one before it, and a position outside the YAML still gets a (empty) range.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { SelectionRange } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const offsetOf = (text: string, p: { line: number; character: number }) =>
  text.split('\n').slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;

/** The texts of the chain at the fixture's cursor, innermost first. */
async function chain(name: string, withCursor: string): Promise<string[]> {
  const fx = parseCursor(withCursor);
  const uri = fileUri(`/virtual/${name}.weft.yaml`);
  await client.open(uri, fx.text);
  const [sel] = await client.conn.sendRequest<SelectionRange[]>('textDocument/selectionRange', { textDocument: { uri }, positions: [{ line: fx.line, character: fx.character }] });
  const out: string[] = [];
  for (let r: SelectionRange | undefined = sel; r; r = r.parent) out.push(fx.text.slice(offsetOf(fx.text, r.range.start), offsetOf(fx.text, r.range.end)));
  return out;
}

const workflow = (shell: string) => `name: sel\nsteps:\n  - id: fetch\n    http: {url: "http://127.0.0.1:9"}\n  - id: use\n    shell: ${shell}\n`;

describe('selection ranges', () => {
  it('from a name in a template out to the document, each range holding the one before', async () => {
    const got = await chain('sel-template', workflow("echo ${steps.fe|tch.output.items[0] == 'x'} done"));
    const text = workflow("echo ${steps.fetch.output.items[0] == 'x'} done");
    assert.deepEqual(got, [
      'fetch',
      'steps.fetch.output.items[0]',
      "steps.fetch.output.items[0] == 'x'",
      "${steps.fetch.output.items[0] == 'x'}",
      "echo ${steps.fetch.output.items[0] == 'x'} done",
      "shell: echo ${steps.fetch.output.items[0] == 'x'} done",
      "id: use\n    shell: echo ${steps.fetch.output.items[0] == 'x'} done",
      text.slice(text.indexOf('- id: fetch'), text.length - 1),
      text.slice(text.indexOf('steps:'), text.length - 1),
      text.slice(0, text.length - 1),
    ]);
    for (let i = 1; i < got.length; i++) assert.ok(got[i]!.includes(got[i - 1]!), `range ${i} holds range ${i - 1}`);
  });

  it('from a key: the key, its pair, the mapping of the step, and so on', async () => {
    const got = await chain('sel-key', workflow('echo hi').replace('    http: {', '    ht|tp: {'));
    assert.deepEqual(got.slice(0, 3), ['http', 'http: {url: "http://127.0.0.1:9"}', 'id: fetch\n    http: {url: "http://127.0.0.1:9"}']);
  });

  it('in a flow mapping: the value, the pair, the flow mapping', async () => {
    const got = await chain('sel-flow', workflow('echo hi').replace('{url: "http', '{url: "ht|tp'));
    assert.deepEqual(got.slice(0, 3), ['"http://127.0.0.1:9"', 'url: "http://127.0.0.1:9"', '{url: "http://127.0.0.1:9"}']);
  });

  it('a position in a comment after the YAML still gets an empty range', async () => {
    const got = await chain('sel-comment', 'steps:\n  - id: a\n    stub: true\n# a comm|ent\n');
    assert.deepEqual(got, ['']);
  });
});
