// With the debounce off, the server publishes "at once" after a change; but a change that already
// has newer changes waiting behind it (a burst the server read in one go while it was busy: fast
// typing, a held-down undo on a large file) must not be analysed only to be dropped. Before the fix,
// each queued change was analysed in full before the next one was read: on a 2,000-step file a
// 200-change undo took ~28 s before the server answered anything else. The same for a caller of the
// edited file: it was analysed again at nearly every keystroke in the file it calls, since only the
// first keystroke found its analysis (to drop) and put its publication off. Counted from the
// server's trace of its analyses (WEFT_LSP_TRACE=1), not timed.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { generateWorkflow } from '../../../bench/lsp/generate.js';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { TypedDoc, expectedDiagnostics, hostWith, publishedLines, quiet, settle } from './typed-doc.js';

const STEPS = 2000;

let client: LspClient;
before(async () => {
  process.env.WEFT_LSP_TRACE = '1';
  client = await LspClient.weft({ weft: { diagnostics: { debounceMs: 0 } } });
  delete process.env.WEFT_LSP_TRACE;
});
after(async () => { await client.stop(); });

const analyses = () => (client.traces.get('analysis') ?? 0) + (client.traces.get('scalar') ?? 0);

describe('changes queued behind each other (debounce 0)', () => {
  it('are read before the document is analysed again', async () => {
    const doc = await TypedDoc.opened(client, fileUri('/virtual/typing-queued.weft.yaml'), generateWorkflow(STEPS));
    const before = analyses();
    // A new step typed in the middle: every keystroke changes the structure (no free-text shortcut).
    const typed = '  - id: queued_step\n    needs: [s7, s1]\n    shell: echo ${steps.s3.output}\n';
    doc.type(doc.offsetOf(`  - id: s${STEPS / 2}\n`), typed);
    const last = await settle(doc);
    assert.equal(last.version, doc.version);
    assert.deepEqual(publishedLines(last), expectedDiagnostics(doc.text, doc.uri));
    const made = analyses() - before;
    assert.ok(made <= typed.length / 4, `${made} analyses for ${typed.length} queued changes`);
    console.log(`${made} analyses for ${typed.length} changes sent back to back`);
  });

  it('in a called file: its caller is analysed once the burst is read, not at each change', async () => {
    const callee = generateWorkflow(STEPS) + 'outputs:\n  summary: ${steps.s3.output}\n';
    const callerUri = fileUri('/virtual/typing-queued-calls/caller.weft.yaml');
    const doc = new TypedDoc(client, fileUri('/virtual/typing-queued-calls/callee.weft.yaml'), callee);
    await doc.open();
    const caller = 'steps:\n  - id: call\n    workflow:\n      path: ./callee.weft.yaml\n  - id: use\n    shell: echo ${steps.call.output.summary}\n';
    await client.open(callerUri, caller);
    await settle(doc);
    await client.waitForDiagnostics(callerUri);
    const before = analyses();
    const from = client.published.length;
    const typed = '_of_everything_typed_quickly';
    doc.type(doc.offsetOf('  summary: ') + '  summary'.length, typed);
    await settle(doc);
    await quiet(client, 50);
    const mine = client.published.slice(from).filter((p) => p.params.uri === callerUri);
    assert.deepEqual(publishedLines(mine[mine.length - 1].params), expectedDiagnostics(caller, callerUri, hostWith(doc.uri, doc.text)));
    const made = analyses() - before;
    assert.ok(made <= typed.length / 4, `${made} analyses (the called file's and its caller's) for ${typed.length} queued changes`);
    console.log(`${made} analyses (the called file's and its caller's) for ${typed.length} changes sent back to back`);
  });
});
