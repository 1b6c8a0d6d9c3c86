// Hover and go to definition on a field of a `workflow` step's output (found in QA: on `status` in
// `${steps.announce.output.status}` both showed the step and jumped to its id). Definition goes to
// the output's key under `outputs:` in the called file; hover shows that output's template as the
// called file writes it and its comments. Elsewhere in the path (the id, `output`) they stay the step's.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Hover, Location } from 'vscode-languageserver-protocol';
import { LspClient, fileUri, hoverMarkdown } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
let dir: string;
const child = [
  'outputs:',
  '  # whether it went out',
  '  status: ${steps.send.status}',
  "  url: '${steps.send.output}'  # where it was posted",
  'steps:',
  '  - id: send',
  '    stub: {output: https://example.com/post}',
  '',
].join('\n');
const parent = [
  'steps:',
  '  - id: announce',
  '    workflow: {path: ./child.weft.yaml}',
  '  - id: report',
  "    shell: echo ${steps.announce.output.status} ${steps.announce.output.url} ${steps.announce.output['url']}",
  '',
].join('\n');

before(async () => {
  client = await LspClient.weft();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-call-output-nav-'));
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), child);
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function openParent(): Promise<string> {
  const uri = fileUri(path.join(dir, 'parent.weft.yaml'));
  await client.open(uri, parent);
  const d = await client.waitForDiagnostics(uri);
  assert.deepEqual(d.diagnostics, []);
  return uri;
}
const hoverText = (h: Hover | null) => hoverMarkdown(h) ?? '';

describe("a field of a called workflow's output", () => {
  it("definition goes to the output's key in the called file", async () => {
    const uri = await openParent();
    const def = await client.requestAt<Location>('textDocument/definition', uri, positionOf(parent, 'output.status', 8));
    assert.equal(def.uri, fileUri(path.join(dir, 'child.weft.yaml')));
    assert.deepEqual(def.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 8 } });
    const url = await client.requestAt<Location>('textDocument/definition', uri, positionOf(parent, 'output.url', 8));
    assert.deepEqual(url.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } });
    // On the id: still the step.
    const id = await client.requestAt<Location>('textDocument/definition', uri, positionOf(parent, 'announce.output.status', 2));
    assert.deepEqual([id.uri, id.range.start.line], [uri, 1]);
  });

  it('hover shows the declared template and its comments', async () => {
    const uri = await openParent();
    const status = await client.hover(uri, positionOf(parent, 'output.status', 8));
    assert.match(hoverText(status), /output\.status\*\* = `\$\{steps\.send\.status\}`/);
    assert.match(hoverText(status), /whether it went out/);
    assert.match(hoverText(status), /An output of `\.\/child\.weft\.yaml`, called by `announce`/);
    assert.deepEqual(status?.range, { start: { line: 4, character: 40 }, end: { line: 4, character: 46 } });
    const url = await client.hover(uri, positionOf(parent, 'output.url', 8));
    assert.match(hoverText(url), /\$\{steps\.send\.output\}/);
    assert.match(hoverText(url), /where it was posted/);
    assert.doesNotMatch(hoverText(url), /whether it went out/);
    const onOutput = await client.hover(uri, positionOf(parent, 'output.status', 2));
    assert.match(hoverText(onOutput), /\*\*announce\*\* · `workflow`/);
  });

  it("definition and hover reach the called file from the bracketed form, output['url']", async () => {
    const uri = await openParent();
    const at = positionOf(parent, "output['url']", 9);
    const def = await client.requestAt<Location>('textDocument/definition', uri, at);
    assert.equal(def.uri, fileUri(path.join(dir, 'child.weft.yaml')));
    assert.deepEqual(def.range, { start: { line: 3, character: 2 }, end: { line: 3, character: 5 } });
    const hover = await client.hover(uri, at);
    assert.match(hoverText(hover), /output\.url\*\* = `\$\{steps\.send\.output\}`/);
    assert.deepEqual(hover?.range, { start: positionOf(parent, "output['url']", 8), end: positionOf(parent, "output['url']", 11) }, 'the name inside the quotes');
  });
});
