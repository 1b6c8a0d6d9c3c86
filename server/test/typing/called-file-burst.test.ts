// A burst of edits to a called file (a `workflow` step's path) open in the same server as its caller:
// an output and an input renamed character by character, a YAML error typed and mended, then undo back
// to the start. The caller is never edited; its diagnostics must end as the analyser's for its text
// with the called file's final text (unknown output and input after the renames, none after the undo),
// and its publications must never go back in version.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { generateWorkflow } from '../../../bench/lsp/generate.js';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { TypedDoc, expectedDiagnostics, hostWith, publishedLines, publishedVersions, quiet, settle } from './typed-doc.js';

const STEPS = Number(process.env.WEFT_TYPING_STEPS ?? 2000);

const caller = [
  'steps:',
  '  - id: call',
  '    workflow:',
  '      path: ./callee.weft.yaml',
  '      inputs: {topic: x}',
  '  - id: use',
  '    shell: echo ${steps.call.output.summary} ${steps.call.output.count}',
  '',
].join('\n');

const callee = generateWorkflow(STEPS) + 'outputs:\n  summary: ${steps.s3.output}\n  count: ${steps.s4.output}\n';

for (const debounceMs of [0, 150]) {
  describe(`a burst of edits to a called ${STEPS}-step file (debounce ${debounceMs} ms)`, () => {
    let client: LspClient;
    let calleeDoc: TypedDoc;
    const callerUri = fileUri(`/virtual/typing-calls-${debounceMs}/caller.weft.yaml`);
    const calleeUri = fileUri(`/virtual/typing-calls-${debounceMs}/callee.weft.yaml`);
    before(async () => {
      client = await LspClient.weft({ weft: { diagnostics: { debounceMs } } });
      calleeDoc = new TypedDoc(client, calleeUri, callee);
      await calleeDoc.open();
      await client.open(callerUri, caller);
      await settle(calleeDoc);
      await client.waitForDiagnostics(callerUri);
      assert.deepEqual(publishedLines(client.diagnostics.get(callerUri)!), []);
    });
    after(async () => { await client.stop(); });

    /** Waits for the caller's publications to settle; its last diagnostics. */
    async function callerSettled(from: number): Promise<string[]> {
      await settle(calleeDoc);
      // The caller is published after the called file's change that scheduled it; a publication for
      // it after this point means one was still on its way: wait for the last one.
      await quiet(client, debounceMs + 50);
      const mine = client.published.slice(from).filter((p) => p.params.uri === callerUri);
      assert.ok(mine.length >= 1, 'the caller was published again');
      assert.ok(mine.every((p) => p.params.version === 1), `caller versions: ${publishedVersions(client, callerUri).join(',')}`);
      return publishedLines(mine[mine.length - 1].params);
    }

    it('renames and a mended YAML error in the called file: the caller ends with the final text\'s diagnostics', async () => {
      const from = client.published.length;
      const out = calleeDoc.offsetOf('  summary: ') + 2 + 'summary'.length;
      calleeDoc.type(out, '_text');
      const input = calleeDoc.offsetOf('  topic: ') + 2 + 'topic'.length;
      calleeDoc.backspace(input, 'topic'.length);
      calleeDoc.type(input - 'topic'.length, 'subject');
      const bad = calleeDoc.offsetOf('  - id: s10\n');
      calleeDoc.type(bad, '  - id: [broken\n');
      calleeDoc.backspace(bad + '  - id: [broken\n'.length, '  - id: [broken\n'.length);
      const got = await callerSettled(from);
      const want = expectedDiagnostics(caller, callerUri, hostWith(calleeUri, calleeDoc.text));
      assert.ok(want.some((l) => /summary/.test(l)) && want.some((l) => /topic/.test(l)), `the renames are reported: ${want.join('\n')}`);
      assert.deepEqual(got, want);
    });

    it('undo back to the start: the caller ends clean', async () => {
      const from = client.published.length;
      calleeDoc.undoAll();
      assert.equal(calleeDoc.text, callee);
      assert.deepEqual(await callerSettled(from), []);
    });
  });
}
