// Fast typing on a large document, over the real protocol: bursts of incremental didChange
// notifications sent without waiting (a step typed character by character, a reference typed inside
// a prompt, blocks of lines cut and pasted, then undo back to the start) on a 2,000-step workflow.
// Every publication must carry a version, versions must never go back, each publication's
// diagnostics must be the analyser's for the text of the version it names, and the last one must be
// for the last version. Run with the debounce off (a publication per keystroke the server keeps up
// with) and at the editor default (150 ms).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { generateWorkflow } from '../../../bench/lsp/generate.js';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { TypedDoc, expectedDiagnostics, publishedLines, publishedVersions, settle } from './typed-doc.js';

const STEPS = Number(process.env.WEFT_TYPING_STEPS ?? 2000);

/** Checks every publication for `doc` since `from` (an index into client.published). */
function checkPublications(doc: TypedDoc, from: number, memo: Map<number, string[]>): number {
  const pubs = doc.client.published.slice(from).filter((p) => p.params.uri === doc.uri);
  let last = -1;
  for (const { params } of pubs) {
    assert.equal(typeof params.version, 'number', 'a publication without a version');
    const v = params.version!;
    assert.ok(v >= last, `version ${v} published after version ${last}: ${publishedVersions(doc.client, doc.uri).join(',')}`);
    last = v;
    const text = doc.texts.get(v);
    assert.ok(text !== undefined, `version ${v} was never sent`);
    if (!memo.has(v)) memo.set(v, expectedDiagnostics(text, doc.uri));
    assert.deepEqual(publishedLines(params), memo.get(v), `the diagnostics published for version ${v} are not those of its text`);
  }
  return pubs.length;
}

for (const debounceMs of [0, 150]) {
  describe(`a burst of edits on a ${STEPS}-step document (debounce ${debounceMs} ms)`, () => {
    let client: LspClient;
    let doc: TypedDoc;
    const memo = new Map<number, string[]>();
    let original: string;
    before(async () => {
      client = await LspClient.weft({ weft: { diagnostics: { debounceMs } } });
      original = generateWorkflow(STEPS);
      doc = await TypedDoc.opened(client, fileUri(`/virtual/typing-burst-${debounceMs}.weft.yaml`), original);
    });
    after(async () => { await client.stop(); });

    async function burst(name: string, edit: () => void): Promise<void> {
      const from = client.published.length;
      edit();
      const last = await settle(doc);
      assert.equal(last.version, doc.version, `${name}: the last publication is not for the last version`);
      const n = checkPublications(doc, from, memo);
      assert.ok(n >= 1, `${name}: nothing published`);
      assert.equal(client.exited, undefined, `the server exited: ${client.stderr.slice(-2000)}`);
    }

    it('a new step typed character by character in the middle', async () => {
      await burst('new step', () => doc.type(doc.offsetOf(`  - id: s${STEPS / 2}\n`), '  - id: typed_step\n    needs: [s7, s1]\n    shell: echo ${steps.s3.output}\n'));
      assert.ok(!publishedLines(client.diagnostics.get(doc.uri)!).some((l) => /typed_step|unknown/.test(l)), 'the typed step is valid');
    });

    it('a reference typed inside a prompt, then corrected with backspaces', async () => {
      const at = doc.offsetOf('prompt: "Summarize ', 'prompt: "Summarize '.length, 3);
      await burst('reference', () => {
        doc.type(at, '${steps.s12x.output} ');
        doc.backspace(at + '${steps.s12x'.length, 1);
      });
      assert.ok(!publishedLines(client.diagnostics.get(doc.uri)!).some((l) => /s12x/.test(l)));
    });

    it('blocks of lines cut, pasted elsewhere and pasted twice', async () => {
      await burst('blocks', () => {
        const from = doc.offsetOf('  - id: s40\n');
        const to = doc.offsetOf('  - id: s60\n');
        const block = doc.text.slice(from, to);
        void doc.replace(from, to, '');
        const there = doc.offsetOf('  - id: s1500\n');
        void doc.replace(there, there, block);
        void doc.replace(there, there, block); // duplicate ids
        void doc.replace(doc.text.length, doc.text.length, 'outputs:\n  last: ${steps.s41.output}\n  gone: ${steps.nowhere.output}\n');
      });
      const lines = publishedLines(client.diagnostics.get(doc.uri)!);
      assert.ok(lines.some((l) => /nowhere/.test(l)), 'the unknown step of the pasted outputs is reported');
    });

    it('undo back to the start', async () => {
      await burst('undo', () => doc.undoAll());
      assert.equal(doc.text, original);
      assert.deepEqual(publishedLines(client.diagnostics.get(doc.uri)!), expectedDiagnostics(original, doc.uri));
      console.log(`debounce ${debounceMs}: ${doc.version} versions sent, ${publishedVersions(client, doc.uri).length} publications`);
    });
  });
}
