// Quick fixes when the client sends back its diagnostics without `data` and `relatedInformation`: a
// client without `publishDiagnostics.dataSupport` need not keep `data` (LSP), Helix keeps no related
// information, and LSP says the context's diagnostics need not be exact. The fixes were read from
// those two fields, so such a client got no "Add `needs`" for a file race and no fix for any code
// whose suggestion travels in `data` ("Change to 'true'"); the server has the diagnostics itself.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { bareClient } from './bare-client.js';
import type { LspClient } from '../helpers/lsp-client.js';

let c: LspClient;
before(async () => { c = await bareClient(); });
after(async () => { await c.stop(); });

/** A diagnostic as a client keeps it without data and related information. */
const stripped = ({ range, severity, code, source, message }: Diagnostic): Diagnostic => ({ range, severity, code, source, message });

async function titles(text: string, code: string): Promise<string[]> {
  const uri = await c.openNew(`stripped-${code}`, text);
  const diag = (await c.waitForDiagnostics(uri)).diagnostics.find((d) => d.code === code);
  assert.ok(diag, code);
  return (await c.codeActions(uri, [stripped(diag)])).map((a) => a.title);
}

describe('code actions for diagnostics sent back without data or related information', () => {
  it('a file race still gets "Add needs"', async () => {
    const text = 'steps:\n  - id: w\n    file: {action: write, path: out.txt, content: x}\n  - id: r\n    file: {action: read, path: out.txt}\n';
    assert.deepEqual(await titles(text, 'file-race'), ["Add `needs: w` to 'r'", "Add `needs: r` to 'w'"]);
  });

  it('a suggestion that travels in data still gets its fix', async () => {
    const text = 'steps:\n  - id: a\n    stub: true\n    continueOnError: yes\n';
    const uri = await c.openNew('stripped-bool', text);
    const diag = (await c.waitForDiagnostics(uri)).diagnostics[0];
    assert.ok(diag?.data, 'the server publishes the suggestion in data');
    assert.deepEqual((await c.codeActions(uri, [stripped(diag)])).map((a) => a.title), ["Change to 'true'"]);
  });
});
