// LSP 3.17's invariants of completion answers, at many positions of every corpus file (corpus-positions.ts):
// every edit range inside the document and on the request's line, containing the position; an
// InsertReplaceEdit's insert range a prefix of its replace range; itemDefaults.editRange the same;
// additionalTextEdits valid and clear of the main edit and of each other; no two items with the same
// label and kind; a filterText that the typed word can match.
import { after, before as beforeAll, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, InsertReplaceEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import {
  Failures, badRange, before, beforeOrAt, containsPos, corpus, linesOf, positionsOf, show, showRange, type Pos, type Range,
} from './corpus-positions.js';

let client: LspClient;
beforeAll(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const isInsertReplace = (e: TextEdit | InsertReplaceEdit): e is InsertReplaceEdit => 'insert' in e;

/** The failures of one edit range: valid, one line, on the request's line and around its position. */
function editRangeFailure(lines: string[], r: Range, pos: Pos): string | undefined {
  const bad = badRange(lines, r);
  if (bad) return bad;
  if (r.start.line !== r.end.line) return `range ${showRange(r)} spans lines`;
  if (r.start.line !== pos.line) return `range ${showRange(r)} not on the request's line`;
  if (!containsPos(r, pos)) return `range ${showRange(r)} does not contain the position`;
  return undefined;
}

/** The main edit's ranges of an item (with the list's default editRange when it has no textEdit). */
function mainRanges(item: CompletionItem, defaults: CompletionList['itemDefaults']): { insert: Range; replace: Range } | undefined {
  const e = item.textEdit ?? (defaults?.editRange ? (('insert' in defaults.editRange) ? { ...defaults.editRange, newText: '' } : { range: defaults.editRange, newText: '' }) : undefined);
  if (!e) return undefined;
  return isInsertReplace(e) ? { insert: e.insert, replace: e.replace } : { insert: e.range, replace: e.range };
}

const overlap = (a: Range, b: Range): boolean => before(a.start, b.end) && before(b.start, a.end);

describe('completion invariants over the corpus', () => {
  it('answers with edit ranges the spec allows at every sampled position', async () => {
    const fails = new Failures();
    let asked = 0;
    let items = 0;
    let edits = 0;
    let additional = 0;
    for (const doc of corpus()) {
      await client.open(doc.uri, doc.text);
      await client.waitForDiagnostics(doc.uri);
      const lines = linesOf(doc.text);
      const positions = positionsOf(doc.text, 400);
      const answers = await Promise.all(positions.map((position) => client.conn.sendRequest<CompletionList | CompletionItem[] | null>(
        'textDocument/completion', { textDocument: { uri: doc.uri }, position })));
      positions.forEach((pos, k) => {
        asked++;
        const where = `${doc.name} at ${show(pos)}`;
        const answer = answers[k];
        if (!answer) return;
        const list = Array.isArray(answer) ? answer : answer.items;
        const defaults = Array.isArray(answer) ? undefined : answer.itemDefaults;
        if (defaults?.editRange) {
          const d = defaults.editRange;
          if ('insert' in d) {
            fails.add(`${where} itemDefaults.editRange.insert`, editRangeFailure(lines, d.insert, pos));
            fails.add(`${where} itemDefaults.editRange.replace`, editRangeFailure(lines, d.replace, pos));
          } else fails.add(`${where} itemDefaults.editRange`, editRangeFailure(lines, d, pos));
        }
        const seen = new Map<string, number>();
        for (const item of list) {
          items++;
          const id = `${where} item '${item.label}'`;
          const key = `${item.label}\u0000${item.kind}\u0000${item.labelDetails?.detail ?? ''}`;
          fails.check(id, !seen.has(key), `a second item with the same label and kind ${item.kind}`);
          seen.set(key, 1);
          if (item.textEdit) {
            edits++;
            const e = item.textEdit;
            if (isInsertReplace(e)) {
              fails.add(`${id} insert`, editRangeFailure(lines, e.insert, pos));
              fails.add(`${id} replace`, editRangeFailure(lines, e.replace, pos));
              fails.check(id, e.insert.start.character === e.replace.start.character && beforeOrAt(e.insert.end, e.replace.end),
                `insert ${showRange(e.insert)} is not a prefix of replace ${showRange(e.replace)}`);
            } else fails.add(id, editRangeFailure(lines, e.range, pos));
          }
          const main = mainRanges(item, defaults);
          // The item that would write the very text its range holds (the word is already complete)
          // must survive the client's filter: VS Code matches what was typed (the range's text up to
          // the cursor) against filterText, else the label; one that cannot match is never shown.
          const newText = item.textEdit?.newText ?? item.insertText ?? item.label;
          if (main && item.insertTextFormat !== 2 && main.replace.start.line === pos.line && beforeOrAt(main.replace.start, pos)
            && lines[pos.line].slice(main.replace.start.character, main.replace.end.character) === newText) {
            const typed = lines[pos.line].slice(main.replace.start.character, pos.character);
            const filter = item.filterText ?? item.label;
            fails.check(id, fuzzyMatches(typed, filter), `typed '${typed}' of the item's own text cannot match its filterText '${filter}'`);
          }
          const extra = item.additionalTextEdits ?? [];
          for (const [i, a] of extra.entries()) {
            additional++;
            fails.add(`${id} additionalTextEdits[${i}]`, badRange(lines, a.range));
            if (main) fails.check(`${id} additionalTextEdits[${i}]`, !overlap(a.range, main.replace) && !containsPos(a.range, pos),
              `${showRange(a.range)} overlaps the main edit ${showRange(main.replace)} or the cursor`);
            for (const b of extra.slice(i + 1)) fails.check(`${id} additionalTextEdits`, !overlap(a.range, b.range), `${showRange(a.range)} overlaps ${showRange(b.range)}`);
          }
        }
      });
      await client.close(doc.uri);
    }
    fails.assertNone();
    // The sweep must have met what it checks: many items with their own edits, and additional edits.
    assert.ok(asked > 10000 && items > 20000 && edits > 5000, `asked ${asked}, items ${items}, with textEdit ${edits}`);
    console.log(`completion invariants: ${asked} positions, ${items} items, ${edits} textEdits, ${additional} additional edits`);
    assert.deepEqual(client.serviceFailures().slice(0, 3), [], 'a service threw');
  });
});

/** VS Code's rule in short: the typed characters appear in order in the filter text, case aside. */
function fuzzyMatches(typed: string, filter: string): boolean {
  let j = 0;
  const f = filter.toLowerCase();
  for (const ch of typed.toLowerCase()) {
    j = f.indexOf(ch, j);
    if (j < 0) return false;
    j++;
  }
  return true;
}
