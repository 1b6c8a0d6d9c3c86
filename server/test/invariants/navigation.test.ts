// LSP 3.17's invariants of the position requests other than completion and rename, at many positions
// of every corpus file: hover's range contains the position; definition's locations (and a
// LocationLink's ranges) lie in their documents; references with includeDeclaration: false are those
// with true minus the declaration, which is where definition goes; highlights in bounds and distinct;
// prepareRename's range holds the position (or, on a field of a reference, is the id before it) and
// its placeholder is the range's text.
import { after, before as beforeAll, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DocumentHighlight, Hover, Location, LocationLink, PrepareRenameResult } from 'vscode-languageserver-protocol';
import { LspClient } from '../helpers/lsp-client.js';
import { Failures, badRange, contains, containsPos, corpus, linesOf, offsetAt, positionsOf, show, showRange, type Range } from './corpus-positions.js';

let client: LspClient;
beforeAll(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

const key = (l: Location): string => `${l.uri}#${showRange(l.range)}`;

describe('navigation invariants over the corpus', () => {
  it('hover, definition, references, highlight and prepareRename answer valid ranges', async () => {
    const fails = new Failures();
    const counts = { hovers: 0, definitions: 0, references: 0, declarations: 0, highlights: 0, prepared: 0 };
    const linesOfUri = new Map<string, string[]>();
    const otherLines = (uri: string): string[] | undefined => {
      if (!linesOfUri.has(uri)) {
        try { linesOfUri.set(uri, linesOf(fs.readFileSync(fileURLToPath(uri), 'utf8'))); } catch { return undefined; }
      }
      return linesOfUri.get(uri);
    };
    for (const doc of corpus()) {
      await client.open(doc.uri, doc.text);
      await client.waitForDiagnostics(doc.uri);
      const lines = linesOf(doc.text);
      const linesFor = (uri: string) => (uri === doc.uri ? lines : otherLines(uri));
      const textDocument = { uri: doc.uri };
      const positions = positionsOf(doc.text, 250);
      const ask = <T>(method: string, extra: object = {}) => Promise.all(positions.map((position) =>
        client.conn.sendRequest<T>(method, { textDocument, position, ...extra }).catch((e: Error) => ({ refused: e.message }) as unknown as T)));
      const [hovers, defs, refsWith, refsWithout, highs, preps] = await Promise.all([
        ask<Hover | null>('textDocument/hover'),
        ask<Location | Location[] | LocationLink[] | null>('textDocument/definition'),
        ask<Location[] | null>('textDocument/references', { context: { includeDeclaration: true } }),
        ask<Location[] | null>('textDocument/references', { context: { includeDeclaration: false } }),
        ask<DocumentHighlight[] | null>('textDocument/documentHighlight'),
        ask<PrepareRenameResult | null | { refused: string }>('textDocument/prepareRename'),
      ]);
      positions.forEach((pos, k) => {
        const where = `${doc.name} at ${show(pos)}`;
        const h = hovers[k];
        if (h?.range) {
          counts.hovers++;
          fails.add(`${where} hover`, badRange(lines, h.range));
          fails.check(`${where} hover`, containsPos(h.range, pos), `range ${showRange(h.range)} does not contain the position`);
        }
        const targets: Location[] = [];
        const def = defs[k];
        for (const d of def ? (Array.isArray(def) ? def : [def]) : []) {
          counts.definitions++;
          if ('targetUri' in d) {
            const tl = linesFor(d.targetUri);
            fails.add(`${where} definition targetRange`, tl ? badRange(tl, d.targetRange) : `unreadable ${d.targetUri}`);
            if (tl) fails.add(`${where} definition targetSelectionRange`, badRange(tl, d.targetSelectionRange));
            fails.check(`${where} definition`, contains(d.targetRange, d.targetSelectionRange), 'targetSelectionRange outside targetRange');
            if (d.originSelectionRange) fails.check(`${where} definition`, containsPos(d.originSelectionRange, pos), 'originSelectionRange does not contain the position');
            targets.push({ uri: d.targetUri, range: d.targetSelectionRange });
          } else {
            const tl = linesFor(d.uri);
            fails.add(`${where} definition`, tl ? badRange(tl, d.range) : `unreadable ${d.uri}`);
            targets.push(d);
          }
        }
        const withDecl = refsWith[k] ?? [];
        const without = refsWithout[k] ?? [];
        if (!Array.isArray(withDecl) || !Array.isArray(without)) { fails.add(`${where} references`, 'refused'); return; }
        for (const r of withDecl) {
          counts.references++;
          const tl = linesFor(r.uri);
          fails.add(`${where} references`, tl ? badRange(tl, r.range) : `unreadable ${r.uri}`);
        }
        const withKeys = new Set(withDecl.map(key));
        const withoutKeys = new Set(without.map(key));
        fails.check(`${where} references`, withKeys.size === withDecl.length, 'the same location twice');
        for (const w of withoutKeys) fails.check(`${where} references`, withKeys.has(w), `${w} only without the declaration`);
        const declarations = [...withKeys].filter((w) => !withoutKeys.has(w));
        counts.declarations += declarations.length;
        const targetKeys = new Set(targets.map(key));
        // The declaration is what go to definition shows, whichever of its references is asked on.
        for (const d of declarations) fails.check(`${where} references`, targetKeys.has(d) || targets.length === 0, `declaration ${d} is not where definition goes (${[...targetKeys].join(', ')})`);
        if (withDecl.length) for (const t of targetKeys) fails.check(`${where} references`, !withoutKeys.has(t), `the declaration ${t} is listed with includeDeclaration: false`);
        const hs = highs[k] ?? [];
        const seen = new Set<string>();
        for (const hl of hs) {
          counts.highlights++;
          fails.add(`${where} highlight`, badRange(lines, hl.range));
          fails.check(`${where} highlight`, !seen.has(showRange(hl.range)), `${showRange(hl.range)} twice`);
          seen.add(showRange(hl.range));
        }
        const p = preps[k];
        if (p && !('refused' in p) && !('defaultBehavior' in p)) {
          counts.prepared++;
          const range: Range = 'range' in p ? p.range : p;
          fails.add(`${where} prepareRename`, badRange(lines, range));
          // On a field of a reference (`output` in `steps.a.output`) the step is renamed: its id, left of the cursor.
          const after = range.end.line === pos.line && range.end.character <= pos.character ? lines[pos.line].slice(range.end.character, pos.character) : undefined;
          fails.check(`${where} prepareRename`, containsPos(range, pos) || (after !== undefined && /^\s*(\.\s*[\w-]+\s*|\[[^\]]*\]\s*)*\.?\s*[\w-]*$/.test(after)),
            `range ${showRange(range)} does not contain the position`);
          if ('placeholder' in p) fails.check(`${where} prepareRename`, doc.text.slice(offsetAt(doc.text, range.start), offsetAt(doc.text, range.end)) === p.placeholder, `placeholder '${p.placeholder}' is not the range's text`);
        }
      });
      await client.close(textDocument.uri);
    }
    fails.assertNone();
    console.log(`navigation invariants: ${JSON.stringify(counts)}`);
    assert.ok(counts.hovers > 1000 && counts.definitions > 1000 && counts.references > 3000 && counts.declarations > 500 && counts.highlights > 3000 && counts.prepared > 500, JSON.stringify(counts));
    assert.deepEqual(client.serviceFailures().slice(0, 3), [], 'a service threw');
  });
});
