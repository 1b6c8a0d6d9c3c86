// Completion after `steps.X.output.` where X is a `workflow` step: the names the called file declares
// under `outputs:` (its output is that object, language spec 2.2), each with the called file's
// template as detail. The called file is read as the diagnostics read it (`Analysis.subWorkflows`);
// one that declares no outputs (its output is then its last step's) gets nothing.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let client: LspClient;
let dir: string;
before(async () => {
  client = await LspClient.weft();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-call-outputs-'));
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), [
    'outputs:',
    '  greeting: ${steps.hello.output}',
    "  summary: 'said ${steps.hello.output}'",
    'steps:',
    '  - id: hello',
    '    stub: {output: hi}',
    '',
  ].join('\n'));
  fs.writeFileSync(path.join(dir, 'plain.weft.yaml'), 'steps:\n  - id: hello\n    stub: {output: hi}\n');
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
async function completeIn(withCursor: string) {
  const fx = parseCursor(withCursor);
  const uri = fileUri(path.join(dir, `parent-${n++}.weft.yaml`));
  await client.open(uri, fx.text);
  await client.waitForDiagnostics(uri);
  return client.completion(uri, { line: fx.line, character: fx.character });
}

const parent = (called: string, use: string) =>
  `steps:\n  - id: call\n    workflow: {path: ./${called}}\n  - id: use\n    shell: ${use}\n`;

describe("completion of a called workflow's outputs", () => {
  it('after steps.call.output.: the names the called file declares, its template as detail', async () => {
    const items = await completeIn(parent('child.weft.yaml', 'echo ${steps.call.output.|}'));
    assert.deepEqual(items.map((i) => i.label).sort(), ['greeting', 'summary']);
    assert.equal(items.find((i) => i.label === 'greeting')!.detail, '${steps.hello.output}');
    assert.equal(items.find((i) => i.label === 'summary')!.detail, 'said ${steps.hello.output}');
    const typed = await completeIn(parent('child.weft.yaml', 'echo ${steps.call.output.gr|}'));
    assert.ok(typed.some((i) => i.label === 'greeting'), `${typed.map((i) => i.label)}`);
  });

  it('a called file without outputs, and deeper than the output name: nothing', async () => {
    assert.deepEqual(await completeIn(parent('plain.weft.yaml', 'echo ${steps.call.output.|}')), []);
    assert.deepEqual(await completeIn(parent('child.weft.yaml', 'echo ${steps.call.output.greeting.|}')), []);
  });
});
