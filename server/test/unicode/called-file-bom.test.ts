// A called workflow file saved with a byte order mark (as Windows editors write UTF-8) and read
// from disk by the server: its locations (go to definition on a call's input or output, related
// information of a diagnostic) are counted as the editor counts the file, which does not show the
// mark (VS Code leaves it out of the document's text). Counted in, every location on the file's
// first line was one character to the right. The folder and file names hold spaces, accents and
// an emoji, which the locations' URIs percent-encode.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Location } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { positionOf } from '../helpers/cursor.js';

let client: LspClient;
let dir: string;
// One line, so that what it declares is on the line the mark is on.
const child = '{inputs: {topic: {type: string}}, outputs: {r: "${steps.s.output}"}, steps: [{id: s, stub: {output: "😀"}, bogus: 1}]}\r\n';
const childName = 'sub é 🎉/child ñ 😀.weft.yaml';
const parent = [
  'steps:',
  '  - id: call',
  `    workflow: {path: "./${childName}", inputs: {topic: x}}`,
  '  - id: use',
  '    stub: {output: "😀 ${steps.call.output.r}"}',
  '',
].join('\n');

before(async () => {
  client = await LspClient.weft();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-bom-'));
  fs.mkdirSync(path.join(dir, path.dirname(childName)));
  fs.writeFileSync(path.join(dir, childName), '\uFEFF' + child);
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The text a location covers in the called file as the editor shows it (without the mark). */
const covered = (loc: Location) => {
  assert.equal(loc.uri, fileUri(path.join(dir, childName)));
  assert.equal(loc.range.start.line, 0);
  return child.slice(loc.range.start.character, loc.range.end.character);
};

describe('locations in a called file with a byte order mark', () => {
  it('definition and related information are counted without the mark', async () => {
    const file = path.join(dir, 'main.weft.yaml');
    fs.writeFileSync(file, parent);
    const uri = fileUri(file);
    await client.open(uri, parent);
    const diags = (await client.waitForDiagnostics(uri)).diagnostics;
    const invalid = diags.find((d) => d.code === 'workflow-invalid');
    assert.ok(invalid?.relatedInformation?.length, JSON.stringify(diags));
    assert.equal(covered(invalid.relatedInformation[0].location), 'bogus');
    const def = async (needle: string, delta: number) => {
      const r = await client.requestAt<Location | Location[] | null>('textDocument/definition', uri, positionOf(parent, needle, delta));
      return Array.isArray(r) ? r[0] : r;
    };
    assert.equal(covered((await def('topic: x', 1))!), 'topic');
    assert.equal(covered((await def('output.r', 7))!), 'r');
  });
});
