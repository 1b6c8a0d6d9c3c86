// The client's side of fast typing for the typing tests: a document's text, every version of it, and
// the keystrokes, pastes, deletions and undos of an editor as LSP incremental changes, sent without
// waiting for the server (as an editor does while the user types). Positions are worked out here,
// independently of the server's line index, in UTF-16 code units with LF line ends.
import type { PublishDiagnosticsParams, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import type { LspClient } from '../helpers/lsp-client.js';
import { needleOffset } from '../helpers/cursor.js';
import { analyse } from '../../../engine/src/analysis/analyse.js';
import { parseWorkflow } from '../../../engine/src/model/parse.js';
import { fsHostReader } from '../../src/fs-read.js';
import { uriToPath } from '../../src/document-store.js';
import type { AnalysisHost } from '../../../engine/src/analysis/types.js';

export interface Pos { line: number; character: number }

export function positionAt(text: string, offset: number): Pos {
  let line = 0;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, character: offset - start };
}

/** One edit as the editor saw it: enough to undo it. */
interface Done { start: number; removed: string; inserted: string }

export class TypedDoc {
  /** The text of every version sent (index = version). */
  readonly texts = new Map<number, string>();
  private readonly done: Done[] = [];

  constructor(readonly client: LspClient, readonly uri: string, public text: string) {}

  /** A document opened with `text` whose first publication has arrived and settled (settle). */
  static async opened(client: LspClient, uri: string, text: string): Promise<TypedDoc> {
    const doc = new TypedDoc(client, uri, text);
    await doc.open();
    await settle(doc);
    return doc;
  }

  async open(): Promise<void> {
    await this.client.open(this.uri, this.text);
    this.texts.set(1, this.text);
  }

  get version(): number {
    return this.client.version(this.uri);
  }

  /** Replaces [start, end) with `insert` and sends it as one incremental change (not awaited by the caller's burst). */
  replace(start: number, end: number, insert: string, record = true): Promise<number> {
    const range = { start: positionAt(this.text, start), end: positionAt(this.text, end) };
    const removed = this.text.slice(start, end);
    this.text = this.text.slice(0, start) + insert + this.text.slice(end);
    if (record) this.done.push({ start, removed, inserted: insert });
    const change: TextDocumentContentChangeEvent = { range, text: insert };
    const sent = this.client.change(this.uri, [change]);
    this.texts.set(this.client.version(this.uri), this.text);
    return sent;
  }

  /** Types `s` one character at a time at `offset` (a change per character). */
  type(offset: number, s: string): void {
    for (let i = 0; i < s.length; i++) void this.replace(offset + i, offset + i, s[i]);
  }

  /** Backspaces `n` characters before `offset`, one change each. */
  backspace(offset: number, n: number): void {
    for (let i = 0; i < n; i++) void this.replace(offset - i - 1, offset - i, '');
  }

  /**
   * Undoes every recorded edit, newest first, one change each (as an editor's undo stack does);
   * `each` is called after each change with the offset the cursor is left at.
   */
  undoAll(each?: (offset: number) => void): void {
    for (let d = this.done.pop(); d; d = this.done.pop()) {
      void this.replace(d.start, d.start + d.inserted.length, d.removed, false);
      each?.(d.start + d.removed.length);
    }
  }

  /** The offset of the `nth` occurrence of `needle` plus `delta`. */
  offsetOf(needle: string, delta = 0, nth = 0): number {
    return needleOffset(this.text, needle, delta, nth);
  }

  /** The start offset of line `line` (0-based). */
  lineStart(line: number): number {
    let at = 0;
    for (let l = 0; l < line; l++) at = this.text.indexOf('\n', at) + 1;
    return at;
  }
}

/** The analyser's diagnostics for `text` at `uri`'s path, as `line:char-line:char code message` lines. */
export function expectedDiagnostics(text: string, uri: string, host: AnalysisHost = fsHostReader): string[] {
  const model = parseWorkflow(text, uriToPath(uri));
  const at = (o: number) => { const q = model.lines.positionAt(o); return `${q.line}:${q.character}`; };
  return analyse(model, { host }).diagnostics.map((d) => `${at(d.range.start)}-${at(d.range.end)} ${d.code} ${d.message}`);
}

/** A publication's diagnostics in expectedDiagnostics's shape. */
export function publishedLines(p: PublishDiagnosticsParams): string[] {
  return p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.code} ${d.message}`);
}

/** The analyser's host with the text of `uri` (an open document) read before the disk, as the server reads it. */
export function hostWith(uri: string, text: string): AnalysisHost {
  const file = uriToPath(uri);
  return { readFile: (p) => (p === file ? text : fsHostReader.readFile(p)), whyUnreadable: fsHostReader.whyUnreadable };
}

/**
 * Waits until the server has read every change sent so far and published diagnostics for the
 * document's last version: a request round trip (answered after every earlier message, LSP's order),
 * then the publication of that version, then another round trip so that a late publication of an
 * older version, had one been queued behind it, has arrived too.
 */
export async function settle(doc: TypedDoc): Promise<PublishDiagnosticsParams> {
  const roundTrip = () => roundTripOf(doc.client);
  await roundTrip();
  const v = doc.version;
  const have = doc.client.diagnostics.get(doc.uri);
  const p = have?.version === v ? have : await doc.client.waitForDiagnostics(doc.uri, (x) => x.version === v, 120_000);
  await roundTrip();
  await new Promise((r) => setImmediate(r));
  await roundTrip();
  return p;
}

/**
 * Waits until no publication arrives for a while: a round trip and a pause of `pauseMs`, again
 * until the count of publications stays the same (a caller's publication, scheduled by a change to
 * the file it calls, has no version of its own to wait for).
 */
export async function quiet(client: LspClient, pauseMs: number): Promise<void> {
  let count = -1;
  while (count !== client.published.length) {
    count = client.published.length;
    await roundTripOf(client);
    await new Promise((r) => setTimeout(r, pauseMs));
  }
}

/** Versions published for `uri`, in the order received. */
export function publishedVersions(client: LspClient, uri: string): (number | undefined)[] {
  return client.published.filter((p) => p.params.uri === uri).map((p) => p.params.version);
}

/**
 * A request round trip that leaves the server's state alone (no analysis, no cache): an unknown
 * request, answered MethodNotFound after every message sent before it.
 */
export async function roundTripOf(client: LspClient): Promise<void> {
  await client.conn.sendRequest('weft/typingTestRoundTrip', {}).catch(() => undefined);
}
