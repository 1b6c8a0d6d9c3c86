// Quick fixes for two habits from other tools (found in QA: only `if: no` had one): `continueOnError:
// yes` (YAML 1.1's boolean words are text in YAML 1.2) gets "Change to 'true'", and GitHub's
// `timeout-minutes: 10` on a step gets "Change to 'timeout: 10m'" over the key and its value. Each fix
// is applied over LSP and the file is clean after.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { LspClient } from '../helpers/lsp-client.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

/** Opens `text`, applies the preferred fix of its one diagnostic, and returns the fix's title and the text's diagnostics after. */
async function fixOnly(text: string): Promise<{ title: string; newText: string; after: string[] }> {
  const uri = await client.openNew('habit-fixes', text);
  const diags = client.diagnostics.get(uri)!.diagnostics;
  assert.equal(diags.length, 1, JSON.stringify(diags));
  const actions = await client.codeActions(uri, diags);
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, JSON.stringify(actions));
  const edits = fix.edit!.changes![uri];
  const version = await client.change(uri, edits.map((e) => ({ range: e.range, text: e.newText })));
  const published = await client.waitForDiagnostics(uri, (p) => p.version === version);
  return { title: fix.title, newText: edits.map((e) => e.newText).join(), after: published.diagnostics.map((d) => String(d.message)) };
}

describe('quick fixes for habits from other tools', () => {
  it('continueOnError: yes -> true, "no" -> false', async () => {
    const yes = await fixOnly('steps:\n  - id: a\n    shell: echo a\n    continueOnError: yes\n');
    assert.deepEqual(yes, { title: "Change to 'true'", newText: 'true', after: [] });
    const no = await fixOnly('config:\n  continueOnError: "no"\nsteps:\n  - id: a\n    shell: echo a\n');
    assert.deepEqual(no, { title: "Change to 'false'", newText: 'false', after: [] });
  });

  it('timeout-minutes: 10 -> timeout: 10m (block and flow style)', async () => {
    const block = await fixOnly('steps:\n  - id: a\n    shell: echo a\n    timeout-minutes: 10\n');
    assert.deepEqual(block, { title: "Change to 'timeout: 10m'", newText: 'timeout: 10m', after: [] });
    const flow = await fixOnly('steps:\n  - {id: a, shell: echo a, timeout-minutes: 1.5}\n');
    assert.deepEqual(flow, { title: "Change to 'timeout: 90s'", newText: 'timeout: 90s', after: [] });
  });
});
