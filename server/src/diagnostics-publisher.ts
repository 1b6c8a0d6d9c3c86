// Pushes diagnostics after edits with a debounce (150 ms by default, `weft.diagnostics.debounceMs`),
// on open, and for documents that call a changed file through a `workflow` step. A version that is
// out of date by the time its analysis finishes is never published.
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver-types';
import { createLineIndex } from '../../engine/src/model/line-index.js';
import type { LineIndex } from '../../engine/src/model/types.js';
import type { Analysis } from '../../engine/src/analysis/types.js';
import { toLspDiagnostic } from './convert.js';
import type { DocumentStore } from './document-store.js';
import { uriToPath } from './document-store.js';
import { shiftedDiagnostics } from './free-text-edit.js';
import { lineEndAt } from './engine-api.js';

/**
 * What the user sees when the analyser threw on a version (a bug in Weft, such as a stack overflow
 * on an expression nested thousands of levels deep): one error on the first line that says so,
 * instead of an empty list that would read as "no problems".
 */
export function failureDiagnostic(failure: string, text: string): LspDiagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: lineEndAt(text, 0) } },
    severity: 1,
    source: 'weft',
    message: `Weft could not analyse this file (${failure}), so its problems cannot be shown; this is a bug in Weft: please report it with the file`,
  };
}

export interface PublishTarget {
  sendDiagnostics(params: { uri: string; version?: number; diagnostics: LspDiagnostic[] }): void;
}

export class DiagnosticsPublisher {
  private readonly timers = new Map<string, { timeout?: NodeJS.Timeout; immediate?: NodeJS.Immediate }>();
  debounceMs = 150;

  constructor(private readonly store: DocumentStore, private readonly target: PublishTarget) {}

  /** Schedules a publication for the document's current version. `immediate` skips the debounce. */
  schedule(uri: string, immediate = false): void {
    this.cancel(uri);
    const delay = immediate ? 0 : Math.max(0, this.debounceMs);
    if (delay === 0) this.afterQueuedMessages(uri, 2);
    else this.timers.set(uri, { timeout: setTimeout(() => this.afterQueuedMessages(uri, 1), delay) });
  }

  /**
   * Runs the publication once the messages already read are handled: vscode-jsonrpc handles one
   * message per setImmediate, queued after the one a change's handler sets, so a publication set
   * `hops` immediates away (2 from a message handler, 1 from a timer) runs after the next message,
   * and a change in it cancels it (schedule). Without this, a burst the server read in one go while
   * it was busy (fast typing, a held-down undo on a large file) was analysed change by change, each
   * result dropped as outdated, before the server read the next message.
   */
  private afterQueuedMessages(uri: string, hops: number): void {
    const timer = { immediate: setImmediate(() => (hops > 1 ? this.afterQueuedMessages(uri, hops - 1) : this.run(uri))) };
    this.timers.set(uri, timer);
  }

  cancel(uri: string): void {
    const i = this.idle.get(uri);
    if (i) clearTimeout(i);
    this.idle.delete(uri);
    const t = this.timers.get(uri);
    if (t?.timeout) clearTimeout(t.timeout);
    if (t?.immediate) clearImmediate(t.immediate);
    this.timers.delete(uri);
  }

  private run(uri: string): void {
    this.timers.delete(uri);
    const doc = this.store.get(uri);
    if (!doc) return;
    const version = doc.version;
    if (this.store.incremental && this.publishShifted(uri)) return;
    const analysed = this.store.analysed(uri);
    // Let pending edits arrive before publishing: if one did, this result is stale and is dropped
    // (the edit scheduled its own publication).
    setImmediate(() => {
      const now = this.store.get(uri);
      if (!now || now.version !== version || !analysed || analysed.version !== version) return;
      const diagnostics = analysed.failure !== undefined ? [failureDiagnostic(analysed.failure, analysed.text)] : this.convert(uri, analysed.analysis);
      this.target.sendDiagnostics({ uri, version, diagnostics });
    });
  }

  /**
   * Typing in free text: publishes the last analysis's diagnostics shifted to the new text, without
   * a new analysis (see free-text-edit.ts). Returns false when the edit does not qualify.
   */
  private publishShifted(uri: string): boolean {
    const doc = this.store.get(uri)!;
    const edit = this.store.editSite(uri);
    const base = edit?.base;
    if (!edit || !base?.analysis || base.version === doc.version) return false;
    const text = doc.getText();
    // The same site serves the scalar-edit path when this declines (DocumentStore.analysed).
    const shifted = shiftedDiagnostics(base.analysis, base.text, text, edit.site);
    if (!shifted) return false;
    const version = doc.version;
    const lines: LineIndex = { positionAt: (o) => doc.positionAt(o), offsetAt: (p) => doc.offsetAt(p), lineCount: doc.lineCount };
    const diagnostics = this.convert(uri, { ...base.analysis, diagnostics: shifted }, lines);
    if (process.env.WEFT_LSP_TRACE === '1') process.stderr.write(`weft trace: shifted v${version}\n`);
    setImmediate(() => {
      const now = this.store.get(uri);
      if (!now || now.version !== version) return;
      this.target.sendDiagnostics({ uri, version, diagnostics });
    });
    this.refreshWhenIdle(uri);
    return true;
  }

  private readonly idle = new Map<string, NodeJS.Timeout>();
  /** After shortcut publications, a full analysis once typing pauses keeps summaries and hovers fresh. */
  refreshIdleMs = 750;

  private refreshWhenIdle(uri: string): void {
    const old = this.idle.get(uri);
    if (old) clearTimeout(old);
    const t = setTimeout(() => {
      this.idle.delete(uri);
      if (this.store.get(uri)) this.store.analysed(uri);
    }, this.refreshIdleMs);
    t.unref();
    this.idle.set(uri, t);
  }

  private convert(uri: string, analysis: Analysis | undefined, linesOverride?: LineIndex): LspDiagnostic[] {
    if (!analysis) return [];
    const file = uriToPath(uri);
    const lines = linesOverride ?? analysis.model.lines;
    const others = new Map<string, LineIndex | undefined>();
    const linesOf = (f: string): LineIndex | undefined => {
      if (!others.has(f)) {
        const text = this.store.readFile(uriToPath(f));
        others.set(f, text === undefined ? undefined : createLineIndex(text));
      }
      return others.get(f);
    };
    const seen = new Set<string>();
    const out: LspDiagnostic[] = [];
    for (const d of analysis.diagnostics) {
      const key = `${d.range.start}:${d.range.end}:${d.code}:${d.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(toLspDiagnostic(d, lines, file, uri, linesOf));
    }
    return out;
  }
}
