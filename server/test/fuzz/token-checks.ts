// The semantic tokens side of the fuzz test (edits.test.ts). At random points of a random edit
// sequence the client asks, back to back and so for the same version, for a delta from the last
// result it received, a full result, and the tokens of random ranges; the delta's edits, applied to
// the result they name, must give the full result's data, and each range's tokens must be the full
// result's tokens in that range (services/semantic-tokens.ts: those overlapping it). A delta is
// sometimes asked for alone, so that the next one names a delta's result (a chain, checked when a
// full result comes next).
import * as assert from 'node:assert/strict';
import type { Range, SemanticTokens, SemanticTokensDelta } from 'vscode-languageserver-protocol';
import type { LspClient } from '../helpers/lsp-client.js';
import { applyEdits, decode, within } from '../helpers/semantic-tokens.js';

type Pos = { line: number; character: number };

/** What the checks covered, for the test's own coverage assertions. */
export interface TokenStats {
  deltas: number;
  /** Deltas with edits (the tokens changed since the result they name). */
  changed: number;
  fulls: number;
  ranges: number;
  /** Ranges holding some of the full result's tokens but not all. */
  partial: number;
}

export const tokenStats = (): TokenStats => ({ deltas: 0, changed: 0, fulls: 0, ranges: 0, partial: 0 });

/** One open document's semantic tokens as the client holds them. */
export class TokenChecks {
  /**
   * The last full or delta result received, with its data. It is the server's last result too:
   * every full and delta request of the document is sent here and answered before the next one is
   * sent (range requests, which the fuzz also sends on its own, leave the server's last result alone).
   */
  private last: { id: string; data: number[] } | undefined;

  constructor(
    private readonly client: LspClient,
    private readonly uri: string,
    private readonly rand: () => number,
    private readonly stats: TokenStats,
  ) {}

  /** Asks for tokens of the current `text` (the server's too) and checks the answers; `both` asks for a delta and a full result. */
  async check(text: string, positionAt: (text: string, offset: number) => Pos, where: string, both = false): Promise<void> {
    const textDocument = { uri: this.uri };
    const prev = this.last;
    const askDelta = prev !== undefined && (both || this.rand() < 0.85);
    const askFull = both || !askDelta || this.rand() < 0.6;
    const ranges = askFull ? Array.from({ length: Math.floor(this.rand() * 4) }, () => this.randomRange(text, positionAt)) : [];
    // Sent without awaiting in between: no change comes between them, so all answer one version.
    const deltaP = askDelta ? this.client.conn.sendRequest<SemanticTokens | SemanticTokensDelta>('textDocument/semanticTokens/full/delta', { textDocument, previousResultId: prev!.id }) : undefined;
    const fullP = askFull ? this.client.conn.sendRequest<SemanticTokens>('textDocument/semanticTokens/full', { textDocument }) : undefined;
    const rangeP = ranges.map((range) => this.client.conn.sendRequest<SemanticTokens>('textDocument/semanticTokens/range', { textDocument, range }));
    const [delta, full, ranged] = await Promise.all([deltaP, fullP, Promise.all(rangeP)]);

    let applied: number[] | undefined;
    if (delta) {
      assert.ok('edits' in delta, `${where}: a delta from the last result (${prev!.id}) came back as a full result`);
      assert.ok(delta.resultId && delta.resultId !== prev!.id, `${where}: a delta has a new result id`);
      applied = applyEdits(prev!.data, delta.edits);
      this.last = { id: delta.resultId, data: applied };
      this.stats.deltas++;
      if (delta.edits.length) this.stats.changed++;
    }
    if (!full) return;
    assert.ok(full.resultId, `${where}: a full result has an id`);
    this.last = { id: full.resultId, data: full.data };
    this.stats.fulls++;
    if (applied) assert.deepEqual(applied, full.data, `${where}: the delta from result ${prev!.id}, applied to it, differs from the full result`);
    const all = decode(full.data);
    ranges.forEach((r, i) => {
      const want = within(all, r);
      assert.deepEqual(decode(ranged[i].data), want, `${where}: the range ${JSON.stringify(r)}'s tokens differ from the full result's there`);
      this.stats.ranges++;
      if (want.length && want.length < all.length) this.stats.partial++;
    });
  }

  /**
   * A range an editor could ask for: between two random places, whole lines (a viewport), starting
   * or ending inside a token of the last result, empty, or past the end of a line or the document.
   */
  private randomRange(text: string, positionAt: (text: string, offset: number) => Pos): Range {
    const r = this.rand();
    const at = () => positionAt(text, Math.floor(this.rand() * (text.length + 1)));
    const order = (a: Pos, b: Pos): Range => (a.line < b.line || (a.line === b.line && a.character <= b.character) ? { start: a, end: b } : { start: b, end: a });
    const lines = positionAt(text, text.length).line + 1;
    if (r < 0.4) return order(at(), at());
    if (r < 0.6) {
      const line = Math.floor(this.rand() * lines);
      return { start: { line, character: 0 }, end: { line: line + 1 + Math.floor(this.rand() * 40), character: 0 } };
    }
    const toks = this.last ? decode(this.last.data) : [];
    if (r < 0.8 && toks.length) {
      const [line, char, len] = toks[Math.floor(this.rand() * toks.length)];
      const inside = { line, character: char + Math.floor(this.rand() * (len + 1)) };
      return this.rand() < 0.5 ? order(inside, at()) : order(at(), inside);
    }
    if (r < 0.9) { const p = at(); return { start: p, end: p }; }
    const start = this.rand() < 0.5 ? at() : { line: Math.floor(this.rand() * lines), character: 500 };
    return { start, end: { line: lines + Math.floor(this.rand() * 3), character: 999 } };
  }
}
