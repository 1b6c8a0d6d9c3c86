// The files of the cross-file references and rename tests: child.weft.yaml declares an input and
// outputs; parent.weft.yaml calls it (output.greeting, output['greeting'], inputs: {topic}); top calls
// mid, which calls child (mid is read from disk, as top's callee); stranger calls child too but
// nothing open calls stranger, so the server never reads it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspClient, fileUri } from '../helpers/lsp-client.js';

export const child = [
  'inputs:',
  '  topic: {type: string}',
  'outputs:',
  '  greeting: ${steps.hello.output}',
  '  other: done',
  'steps:',
  '  - id: hello',
  '    stub: {output: "hi ${inputs.topic}"}',
  '',
].join('\n');
export const parent = [
  'steps:',
  '  - id: call',
  '    workflow:',
  '      path: ./child.weft.yaml',
  '      inputs: {topic: x}',
  '  - id: use',
  '    shell: echo ${steps.call.output.greeting}',
  'outputs:',
  "  g: ${steps.call.output['greeting']}",
  '',
].join('\n');
export const mid = [
  'inputs:',
  '  t: {default: a}',
  'outputs:',
  '  out: ${steps.inner.output.greeting}',
  'steps:',
  '  - id: inner',
  '    workflow:',
  '      path: ./child.weft.yaml',
  '      inputs:',
  '        topic: ${inputs.t}',
  '',
].join('\n');
export const top = [
  'steps:',
  '  - id: m',
  '    workflow: {path: ./mid.weft.yaml}',
  '',
].join('\n');
export const stranger = mid.replace('inner', 'far');

export const uris = { child: '', parent: '', mid: '', top: '', stranger: '' };

/** Writes the five files, opens child, parent and top, and waits until each is clean. */
export async function setUp(prefix: string): Promise<{ client: LspClient; dir: string }> {
  const c = await LspClient.weft();
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const texts = { child, parent, mid, top, stranger };
  for (const [name, text] of Object.entries(texts)) {
    fs.writeFileSync(path.join(d, `${name}.weft.yaml`), text);
    uris[name as keyof typeof uris] = fileUri(path.join(d, `${name}.weft.yaml`));
  }
  for (const name of ['child', 'parent', 'top'] as const) {
    await c.open(uris[name], texts[name]);
    assert.deepEqual((await c.waitForDiagnostics(uris[name])).diagnostics, [], name);
  }
  return { client: c, dir: d };
}
