// Completion where a `{` or a quote is text, not YAML structure. A `{` inside a plain or block scalar
// (`shell: awk '{print $1}'`, `echo {a,b}`) opens no flow mapping, so typing it (a trigger character)
// must not offer the step's or the action's keys, which would be written into the command. Inside a
// quoted scalar in a flow mapping (`- {id: b, shell: "echo |"}`) the cursor is in that key's value:
// its schema values (`method: "P|"`), a workflow path (`path: "./|"`), or nothing, never step keys.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';

let client: LspClient;
let dir: string;
let n = 0;
before(async () => {
  client = await LspClient.weft();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-flow-text-'));
  fs.mkdirSync(path.join(dir, 'lib'));
  fs.writeFileSync(path.join(dir, 'lib', 'child.weft.yaml'), 'steps:\n  - id: x\n    stub: true\n');
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const BASE = 'steps:\n  - id: a\n    stub: true\n';

async function labelsAt(withCursor: string): Promise<string[]> {
  const fx = parseCursor(withCursor);
  const uri = fileUri(path.join(dir, `doc-${n++}.weft.yaml`));
  await client.open(uri, fx.text);
  return (await client.completion(uri, fx)).map((i) => i.label).sort();
}

describe('a brace inside a scalar is text', () => {
  it('offers no keys after a { in a plain shell command', async () => {
    assert.deepEqual(await labelsAt(BASE + "  - id: b\n    shell: awk '{|'\n"), []);
    assert.deepEqual(await labelsAt(BASE + "  - id: b\n    shell: awk '{pr|}'\n"), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: echo {a,|}\n'), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell:\n      run: cp x{,.bak} && echo {|}\n'), []);
  });

  it('offers nothing after a { on a line of a block scalar', async () => {
    assert.deepEqual(await labelsAt(BASE + "  - id: b\n    shell: >\n      awk '{|}'\n"), []);
    assert.deepEqual(await labelsAt(BASE + '  - id: b\n    shell: |\n      {needs: [|\n'), []);
  });

  it('still completes a flow mapping that opens a value', async () => {
    assert.ok((await labelsAt(BASE + '  - id: b\n    shell: {|}\n')).includes('run'));
    assert.ok((await labelsAt(BASE + '  - {id: b, |}\n')).includes('needs'));
    assert.deepEqual(await labelsAt(BASE + '  - {id: b, needs: [|], stub: true}\n'), ['a']);
  });
});

describe('inside a quoted scalar in a flow mapping', () => {
  it('offers no step keys in a quoted value', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - {id: b, shell: "echo |"}\n'), []);
    assert.deepEqual(await labelsAt(BASE + "  - {id: b, shell: 'echo |'}\n"), []);
    assert.deepEqual(await labelsAt(BASE + '  - {id: b, http: {url: "http://x/|"}}\n'), []);
    assert.deepEqual(await labelsAt(BASE + "  - {id: b, shell: \"awk '{|}'\"}\n"), []);
  });

  it('offers no step keys in a quoted key', async () => {
    assert.deepEqual(await labelsAt(BASE + '  - {id: b, "na|"}\n'), []);
  });

  it("offers the value's schema values and workflow paths, as in block style", async () => {
    assert.deepEqual(await labelsAt(BASE + '  - {id: b, http: {url: x, method: "P|"}}\n'), ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
    assert.deepEqual(await labelsAt(BASE + '  - {id: b, workflow: {path: "./lib/|"}}\n'), ['child.weft.yaml']);
    assert.deepEqual(await labelsAt(BASE + "  - {id: b, workflow: {path: 'lib/|'}}\n"), ['child.weft.yaml']);
  });
});
