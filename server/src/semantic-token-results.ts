// The last semantic tokens result sent for each open document, so that `semanticTokens/full/delta`
// can answer with the edits from it instead of the whole array (LSP 3.16). What
// vscode-languageserver's SemanticTokensBuilder does, except for the result ids: the builder's are
// `Date.now()`, so two results made in the same millisecond share an id and a delta could be
// computed against the wrong one; here they count up. One result per document (the latest: a
// client diffs against the last one it received), dropped when the document closes.
import type { SemanticTokens, SemanticTokensDelta, SemanticTokensEdit } from 'vscode-languageserver-types';

interface Result { id: string; data: number[] }

export class SemanticTokenResults {
  private readonly last = new Map<string, Result>();
  private next = 1;

  /** A full result for `uri`, remembered for the next delta request. */
  full(uri: string, data: number[]): SemanticTokens {
    const resultId = String(this.next++);
    this.last.set(uri, { id: resultId, data });
    return { resultId, data };
  }

  /**
   * The edits from the result `previousResultId` to `data` when that is the last result sent for
   * `uri`; else (an unknown, older or dropped id) a full result.
   */
  delta(uri: string, previousResultId: string, data: number[]): SemanticTokens | SemanticTokensDelta {
    const prev = this.last.get(uri);
    if (!prev || prev.id !== previousResultId) return this.full(uri, data);
    const resultId = String(this.next++);
    this.last.set(uri, { id: resultId, data });
    return { resultId, edits: editsBetween(prev.data, data) };
  }

  /** Forgets the document (closed). */
  drop(uri: string): void {
    this.last.delete(uri);
  }
}

/** One edit replacing what differs between `a` and `b` (their common prefix and suffix kept); none when equal. */
export function editsBetween(a: number[], b: number[]): SemanticTokensEdit[] {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a[p] === b[p]) p++;
  if (p === a.length && p === b.length) return [];
  let s = 0;
  while (s < max - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const deleteCount = a.length - s - p;
  const data = b.slice(p, b.length - s);
  return [data.length ? { start: p, deleteCount, data } : { start: p, deleteCount }];
}
