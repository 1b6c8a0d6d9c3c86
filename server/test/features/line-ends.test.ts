// CRLF and lone-CR documents over the real protocol: LSP counts "\n", "\r\n" and "\r" as line
// ends, VS Code keeps a CRLF file's line ends in the document text, and other editors send lone CRs
// too. Completion, hover and the "Add needs" quick fix must give the answers they give for the same
// document with LF line ends (the engine's line scans, engine/src/model/line-index.ts).
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { CompletionItem, CompletionList, Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { FIXTURES, parseCursor, type CursorFixture } from '../helpers/cursor.js';

let client: LspClient;
let n = 0;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const BREAKS = { CRLF: '\r\n', CR: '\r' } as const;
const withBreak = (text: string, br: string) => text.replace(/\n/g, br);

async function openText(text: string): Promise<string> {
  const uri = fileUri(`/virtual/line-ends-${n++}.weft.yaml`);
  await client.open(uri, text);
  return uri;
}

async function completion(fx: CursorFixture): Promise<CompletionItem[]> {
  const uri = await openText(fx.text);
  const r = await client.conn.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', {
    textDocument: { uri }, position: { line: fx.line, character: fx.character },
  });
  const items = Array.isArray(r) ? r : r?.items ?? [];
  // Without `data` (a step's offset, which CRLF moves): the rest is in lines and characters.
  return items.map(({ data: _, ...i }) => i).sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

async function hover(fx: CursorFixture): Promise<Hover | null> {
  const uri = await openText(fx.text);
  return client.hover(uri, fx);
}

/** Cursor fixtures of the other feature tests, and a few whose parent is a bare `-` item line. */
const fixtures = (prefix: string) => fs.readdirSync(FIXTURES).filter((f) => f.startsWith(prefix)).map((f) => [f, fs.readFileSync(`${FIXTURES}/${f}`, 'utf8')] as const);
const COMPLETE = [
  ...fixtures('complete-'),
  ['keys under a bare `-`', 'steps:\n  -\n    id: a\n    |\n'],
  ['a key on the line after a bare `-`', 'steps:\n  - id: a\n    shell: echo\n  -\n    sh|\n'],
  ['needs under a bare `-`', 'steps:\n  - id: a\n    shell: echo\n  -\n    id: b\n    needs:\n      - |\n'],
] as const;
const HOVER = [
  ...fixtures('hover-'),
  ['a key under a bare `-`', 'steps:\n  -\n    id: a\n    time|out: 30s\n    shell: echo\n'],
] as const;

for (const [name, br] of Object.entries(BREAKS)) {
  describe(`${name} line ends`, () => {
    for (const [fixture, text] of COMPLETE) {
      it(`completion: ${fixture}`, async () => {
        // The same items, their inserted lines ending like the document's.
        const want = (await completion(parseCursor(text))).map((i) => (i.textEdit && 'range' in i.textEdit ? { ...i, textEdit: { ...i.textEdit, newText: withBreak(i.textEdit.newText, br) } } : i));
        assert.ok(want.length, 'the LF document completes');
        assert.deepEqual(await completion(parseCursor(withBreak(text, br))), want);
      });
    }

    for (const [fixture, text] of HOVER) {
      it(`hover: ${fixture}`, async () => {
        const want = await hover(parseCursor(text));
        assert.ok(want, 'the LF document has a hover');
        assert.deepEqual(await hover(parseCursor(withBreak(text, br))), want);
      });
    }

    it('the "Add needs" quick fix inserts a line of the same kind, after the `id:` line', async () => {
      const fixed = async (text: string) => {
        const uri = await openText(text);
        const published = await client.waitForDiagnostics(uri);
        const race = published.diagnostics.find((d: Diagnostic) => d.code === 'file-race');
        assert.ok(race, 'a file race is reported');
        const actions = await client.codeActions(uri, [race]);
        const edits = actions.find((a) => a.isPreferred)?.edit?.changes?.[uri];
        assert.ok(edits?.length, 'an "Add needs" fix');
        return TextDocument.applyEdits(TextDocument.create(uri, 'weft-yaml', 1, text), edits);
      };
      const text = fs.readFileSync(`${FIXTURES}/fixes.weft.yaml`, 'utf8');
      const want = await fixed(text);
      assert.ok(want.includes('  - id: read_report\n    needs: write_report\n'), want);
      assert.equal(await fixed(withBreak(text, br)), withBreak(want, br));
    });
  });
}
