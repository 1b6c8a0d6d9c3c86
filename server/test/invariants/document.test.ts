// LSP 3.17's invariants of the whole-document answers for every corpus file: published diagnostics
// and code lenses in bounds; document symbols with a name, selectionRange inside range, children
// inside their parent; folding ranges with startLine <= endLine inside the document; selection ranges
// (at many positions) each inside its parent, the first holding the position; semantic tokens on one
// line each, in bounds, not overlapping; inlay hints inside the range asked for, in order of position.
import { after, before as beforeAll, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeLens, DocumentSymbol, FoldingRange, InlayHint, SelectionRange, SemanticTokens } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { decode } from '../helpers/semantic-tokens.js';
import { Failures, badPosition, badRange, beforeOrAt, contains, containsPos, corpus, linesOf, positionsOf, show, showRange, type Range } from './corpus-positions.js';

let client: LspClient;
beforeAll(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

function checkSymbols(fails: Failures, where: string, lines: string[], symbols: DocumentSymbol[], parent?: DocumentSymbol): number {
  let n = 0;
  for (const s of symbols) {
    n++;
    const at = `${where} symbol '${s.name}'`;
    fails.check(at, s.name.trim().length > 0, 'an empty name (LSP: must not be empty or only white space)');
    fails.add(`${at} range`, badRange(lines, s.range));
    fails.add(`${at} selectionRange`, badRange(lines, s.selectionRange));
    fails.check(at, contains(s.range, s.selectionRange), `selectionRange ${showRange(s.selectionRange)} outside range ${showRange(s.range)}`);
    if (parent) fails.check(at, contains(parent.range, s.range), `range ${showRange(s.range)} outside its parent '${parent.name}' ${showRange(parent.range)}`);
    n += checkSymbols(fails, where, lines, s.children ?? [], s);
  }
  return n;
}

describe('document invariants over the corpus', () => {
  it('diagnostics, symbols, folding, selection ranges, semantic tokens, inlay hints and code lenses are valid', async () => {
    const fails = new Failures();
    const counts = { diagnostics: 0, symbols: 0, folds: 0, selections: 0, tokens: 0, hints: 0, lenses: 0 };
    for (const doc of corpus()) {
      await client.open(doc.uri, doc.text);
      const published = await client.waitForDiagnostics(doc.uri);
      const lines = linesOf(doc.text);
      const textDocument = { uri: doc.uri };
      const where = doc.name;
      for (const d of published.diagnostics) {
        counts.diagnostics++;
        fails.add(`${where} diagnostic '${d.message}'`, badRange(lines, d.range));
      }
      const lastLine = lines.length - 1;
      const whole: Range = { start: { line: 0, character: 0 }, end: { line: lastLine, character: lines[lastLine].length } };
      const half = Math.floor(lines.length / 2);
      // The first and the second half, and a window around the middle line that starts inside it.
      const parts: Range[] = [whole, { start: whole.start, end: { line: half, character: 0 } }, { start: { line: half, character: 0 }, end: whole.end },
        { start: { line: Math.max(0, half - 3), character: Math.min(2, lines[Math.max(0, half - 3)].length) }, end: { line: Math.min(lastLine, half + 3), character: 1 } }];
      const positions = positionsOf(doc.text, 150);
      const [symbols, folds, selections, tokens, lenses, ...hintSets] = await Promise.all([
        client.conn.sendRequest<DocumentSymbol[] | null>('textDocument/documentSymbol', { textDocument }),
        client.conn.sendRequest<FoldingRange[] | null>('textDocument/foldingRange', { textDocument }),
        client.conn.sendRequest<SelectionRange[] | null>('textDocument/selectionRange', { textDocument, positions }),
        client.conn.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument }),
        client.conn.sendRequest<CodeLens[] | null>('textDocument/codeLens', { textDocument }),
        ...parts.map((range) => client.conn.sendRequest<InlayHint[] | null>('textDocument/inlayHint', { textDocument, range })),
      ]);
      counts.symbols += checkSymbols(fails, where, lines, symbols ?? []);
      for (const f of folds ?? []) {
        counts.folds++;
        const at = `${where} folding ${f.startLine}-${f.endLine}`;
        fails.check(at, f.startLine <= f.endLine && f.startLine >= 0 && f.endLine <= lastLine, 'lines out of order or outside the document');
        if (f.startCharacter !== undefined) fails.add(at, badPosition(lines, { line: f.startLine, character: f.startCharacter }));
        if (f.endCharacter !== undefined) fails.add(at, badPosition(lines, { line: f.endLine, character: f.endCharacter }));
      }
      fails.check(`${where} selectionRange`, (selections ?? []).length === positions.length, `${selections?.length} answers for ${positions.length} positions`);
      (selections ?? []).forEach((sel, k) => {
        const at = `${where} selectionRange at ${show(positions[k])}`;
        fails.check(at, containsPos(sel.range, positions[k]), `the innermost ${showRange(sel.range)} does not contain the position`);
        for (let s: SelectionRange | undefined = sel; s; s = s.parent) {
          counts.selections++;
          fails.add(at, badRange(lines, s.range));
          // LSP: a parent range must contain its child (VS Code drops the answer otherwise).
          if (s.parent) fails.check(at, contains(s.parent.range, s.range) && showRange(s.parent.range) !== showRange(s.range),
            `parent ${showRange(s.parent.range)} does not strictly contain ${showRange(s.range)}`);
        }
      });
      let prevEnd: { line: number; character: number } | undefined;
      for (const [line, char, length] of decode(tokens.data)) {
        counts.tokens++;
        const at = `${where} token ${line}:${char}+${length}`;
        fails.add(at, badPosition(lines, { line, character: char }));
        fails.check(at, length > 0 && line < lines.length && char + length <= lines[line].length, 'empty, or past its line (the client has no multiline tokens)');
        if (prevEnd) fails.check(at, beforeOrAt(prevEnd, { line, character: char }), `overlaps the token before, which ends at ${show(prevEnd)}`);
        prevEnd = { line, character: char + length };
      }
      for (const l of lenses ?? []) {
        counts.lenses++;
        fails.add(`${where} code lens '${l.command?.title}'`, badRange(lines, l.range));
      }
      hintSets.forEach((hints, k) => {
        const range = parts[k];
        let prev: InlayHint | undefined;
        for (const h of hints ?? []) {
          counts.hints++;
          const at = `${where} inlay hint '${typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')}' at ${show(h.position)} for ${showRange(range)}`;
          fails.add(at, badPosition(lines, h.position));
          fails.check(at, containsPos(range, h.position), 'outside the range asked for');
          if (prev) fails.check(at, beforeOrAt(prev.position, h.position), `after a hint at ${show(prev.position)}`);
          for (const e of h.textEdits ?? []) fails.add(`${at} textEdit`, badRange(lines, e.range));
          prev = h;
        }
      });
      await client.close(textDocument.uri);
    }
    fails.assertNone();
    console.log(`document invariants: ${JSON.stringify(counts)}`);
    assert.ok(Object.values(counts).every((n) => n > 100), JSON.stringify(counts));
    assert.deepEqual(client.serviceFailures().slice(0, 3), [], 'a service threw');
  });
});
