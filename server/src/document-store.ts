// Open documents and their analyses, cached per document version. Keeps the last analysis of a
// well-formed version too, so that completion still knows the steps while a line is half-typed and
// the YAML is broken. Records which files each analysis read (for `workflow` steps) so that a change
// to one of them re-analyses the documents that call it.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, AnalysisHost } from '../../engine/src/analysis/types.js';
import { analyseDocument, analyseText } from './engine-api.js';
import { scalarEdit } from './scalar-edit.js';
import { diffRegion, EditSite } from './edit-site.js';
import { newToOld } from './free-text-edit.js';
import { TemplateCache } from '../../engine/src/template/template-cache.js';
import { readWorkflowText, realPathOf, whyUnreadable } from './fs-read.js';

export interface AnalysedVersion {
  version: number;
  text: string;
  analysis: Analysis | undefined;
  /** Absolute paths the analysis read through the host. */
  reads: Set<string>;
  /** Time the analysis took, ms. */
  ms: number;
  /** Why there is no analysis: the analyser threw (its error's name and message). */
  failure?: string;
}

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) {
    try { return fileURLToPath(uri); } catch { /* fall through */ }
  }
  return uri;
}

/**
 * What the analyser threw on `uri`: `failure` names it for the user (AnalysedVersion.failure, the
 * error the server answers weft/plan with), `log` is the line for the server's log, with the stack.
 */
export function analysisFailure(uri: string, e: unknown): { failure: string; log: string } {
  return { failure: e instanceof Error ? `${e.name}: ${e.message}` : String(e), log: `weft: analysis failed for ${uri}: ${(e as Error)?.stack ?? e}` };
}

/** True when the analysis has a usable step tree (the YAML parsed). */
export function isWellFormed(a: Analysis | undefined): boolean {
  return !!a && a.model.yaml !== undefined && !a.model.parseDiagnostics.some((d) => d.code === 'yaml-syntax');
}

export class DocumentStore {
  private readonly docs = new Map<string, TextDocument>();
  private readonly cache = new Map<string, AnalysedVersion>();
  private readonly lastGood = new Map<string, AnalysedVersion>();
  /** Each open document's template parses, reused by its next analysis. */
  private readonly templates = new Map<string, TemplateCache>();
  /**
   * An open document's path with its symbolic links resolved, when that differs from its own path:
   * a call that reaches the file under another name reads the open text too (readFile).
   */
  private readonly realPaths = new Map<string, string>();
  /** The edit from the latest analysis to the current version (see editSite). */
  private readonly sites = new Map<string, { base: AnalysedVersion; site: EditSite }>();
  /**
   * The files each document's latest analysis read, kept when invalidateReaders drops that analysis
   * (until the next one): the caller of a file being typed in is still its reader at the next
   * keystroke, so its publication is put off again (and its debounce restarted) instead of running
   * in the middle of the burst.
   */
  private readonly latestReads = new Map<string, Set<string>>();
  onError: (message: string) => void = () => {};
  /**
   * The incremental shortcuts, on by default; `weft.diagnostics.incremental: false` turns both off:
   * typing inside one scalar re-uses the previous YAML Document (scalar-edit.ts, here), and typing in
   * free text re-uses the previous analysis through offset maps (free-text-edit.ts, read by the
   * DiagnosticsPublisher and by the server's request handlers).
   */
  incremental = true;

  open(uri: string, languageId: string, version: number, text: string): TextDocument {
    const doc = TextDocument.create(uri, languageId, version, text);
    this.docs.set(uri, doc);
    const file = uriToPath(uri);
    const real = realPathOf(file);
    if (real && real !== file) this.realPaths.set(uri, real);
    else this.realPaths.delete(uri);
    return doc;
  }

  change(uri: string, version: number, changes: Parameters<typeof TextDocument.update>[1]): TextDocument | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    TextDocument.update(doc, changes, version);
    return doc;
  }

  close(uri: string): void {
    this.docs.delete(uri);
    this.realPaths.delete(uri);
    this.cache.delete(uri);
    this.lastGood.delete(uri);
    this.templates.delete(uri);
    this.sites.delete(uri);
    this.latestReads.delete(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.docs.get(uri);
  }

  uris(): string[] {
    return [...this.docs.keys()];
  }

  /**
   * A file changed on disk (or an open document changed): drop analyses that read it; with `under`,
   * also those that read a file inside it (`absPath` a folder that was deleted, created or renamed).
   * Returns them, and the documents whose analysis an earlier call dropped that read it too (not
   * analysed since).
   */
  invalidateReaders(absPath: string, under = false): string[] {
    const hit: string[] = [];
    // Reads are kept under the name called and with symbolic links resolved (analysed), so a file
    // reached through a link is matched by its own path, and the reverse.
    const names = [absPath];
    const real = realPathOf(absPath);
    if (real && real !== absPath) names.push(real);
    const folders = names.map((n) => (n.endsWith(path.sep) ? n : n + path.sep));
    const inside = (read: string) => folders.some((f) => read.startsWith(f));
    const reads = (r: Set<string>) => names.some((n) => r.has(n)) || (under && [...r].some(inside));
    for (const [uri, r] of this.latestReads) {
      if (!reads(r)) continue;
      this.cache.delete(uri);
      hit.push(uri);
    }
    return hit;
  }

  /** Open documents whose last analysis read `absPath`. */
  readersOf(absPath: string): string[] {
    const out: string[] = [];
    for (const [uri, v] of this.cache) if (v.reads.has(absPath)) out.push(uri);
    for (const [uri, v] of this.lastGood) if (v.reads.has(absPath) && !out.includes(uri)) out.push(uri);
    return out;
  }

  /** The most recent analysis made for the document, whatever its version (never analyses). */
  latest(uri: string): AnalysedVersion | undefined {
    return this.cache.get(uri);
  }

  /**
   * The edit from the latest analysis (`base`, as `latest` gives it) to the document's current
   * version, made once per version: a keystroke asks for it in the free-text check (diagnostics and
   * request handlers) and, when that declines, in the scalar-edit path of `analysed`, which then
   * re-uses its diff and scalar lookup; completion maps its offset with the same diff (`bestAt`).
   * The site holds the text it was made for: the document's text (the same string until the next
   * change) tells whether it is still current.
   */
  editSite(uri: string): { base: AnalysedVersion; site: EditSite } | undefined {
    const doc = this.docs.get(uri);
    const base = this.cache.get(uri);
    if (!doc || !base) return undefined;
    const text = doc.getText();
    const memo = this.sites.get(uri);
    if (memo && memo.base === base && memo.site.newText === text) return memo;
    const edit = { base, site: new EditSite(base.analysis?.model.yaml, base.text, text) };
    this.sites.set(uri, edit);
    return edit;
  }

  /**
   * The analysis of the document's current text (computed once per text). The cache is current when
   * it was made from the very text the document holds: the version alone can repeat (a client that
   * sends none, read as 0, or a document opened again). The document keeps one string until its
   * next change, and the cache holds that string, so the check is an identity check per keystroke; a
   * different string of the same length is compared (once per change).
   */
  analysed(uri: string): AnalysedVersion | undefined {
    const doc = this.docs.get(uri);
    if (!doc) return undefined;
    const cached = this.cache.get(uri);
    const text = doc.getText();
    if (cached && cached.version === doc.version && cached.text === text) return cached;
    const file = uriToPath(uri);
    const reads = new Set<string>();
    const host: AnalysisHost = {
      readFile: (abs: string) => {
        const p = path.resolve(abs);
        reads.add(p);
        // Through a symbolic link: the file's own path too, which the watcher and an editor name.
        const real = realPathOf(p);
        if (real && real !== p) reads.add(real);
        return this.readFile(p);
      },
      // Only a file on disk can be unreadable: an open document always reads.
      whyUnreadable: (abs: string) => whyUnreadable(path.resolve(abs)),
    };
    const t0 = performance.now();
    let analysis: Analysis | undefined;
    let failure: string | undefined;
    let route = 'analysis';
    /** Why the scalar-edit path was not taken (for tracing). */
    let scalarEditMiss: string | undefined;
    let templates = this.templates.get(uri);
    if (!templates) this.templates.set(uri, (templates = new TemplateCache()));
    try {
      const derived = this.incremental && cached?.analysis ? scalarEdit(cached.analysis.model, text, this.editSite(uri)?.site) : undefined;
      if (derived && 'doc' in derived) {
        analysis = analyseDocument(derived.doc, text, file, host, templates, derived.data);
        route = 'scalar';
      } else {
        scalarEditMiss = derived?.reason;
        analysis = analyseText(text, file, host, templates);
      }
    } catch (e) {
      const f = analysisFailure(uri, e);
      failure = f.failure;
      this.onError(f.log);
    }
    const v: AnalysedVersion = { version: doc.version, text, analysis, reads, ms: performance.now() - t0, ...(failure ? { failure } : {}) };
    if (process.env.WEFT_LSP_TRACE === '1') process.stderr.write(`weft trace: ${route} v${doc.version} ${v.ms.toFixed(1)} ms${route === 'analysis' && scalarEditMiss ? ` (not scalar-edit: ${scalarEditMiss})` : ''}\n`);
    this.cache.set(uri, v);
    this.latestReads.set(uri, reads);
    this.sites.delete(uri); // its base is no longer the latest analysis
    const prev = this.lastGood.get(uri);
    if (isWellFormed(analysis) && (!prev || !prev.analysis || analysis!.model.allSteps.length >= prev.analysis.model.allSteps.length || isClean(analysis!) || deletedOnly(prev.analysis, analysis!, text))) {
      this.lastGood.set(uri, v);
    }
    return v;
  }

  /**
   * The analysis to complete from at `offset`, without waiting for a new one: the latest analysis
   * made (of this or an older version) when it is the last well-formed one, else the last
   * well-formed one; the offset is mapped into that analysis's text. Analyses only when there is none.
   */
  bestAt(uri: string, offset: number): { v: AnalysedVersion | undefined; offset: number } {
    const doc = this.docs.get(uri);
    if (!doc) return { v: undefined, offset };
    const cur = this.cache.get(uri) ?? this.analysed(uri);
    const good = this.lastGood.get(uri);
    const chosen = !cur || (good && good !== cur && good.analysis) ? good : cur;
    if (!chosen) return { v: undefined, offset };
    const text = doc.getText();
    if (chosen.text === text) return { v: chosen, offset };
    // Typing is one contiguous change: the changed middle maps to its start. From the latest
    // analysis, the keystroke's diff is the one its edit site already made (edit-site.ts).
    const d = chosen === cur ? this.editSite(uri)!.site.diff : diffRegion(chosen.text, text);
    return { v: chosen, offset: newToOld(d)(offset) };
  }

  /**
   * Text of a file: the open document's text when it is open (under this name, or under another
   * that symbolic links resolve to the same file), else the file on disk when it is a regular file
   * of at most the workflow size limit (fs-read.ts: a FIFO, a device or a larger file would hang the
   * server or fill its memory).
   */
  readFile(absPath: string): string | undefined {
    for (const [uri, doc] of this.docs) {
      if (uriToPath(uri) === absPath) return doc.getText();
    }
    const real = realPathOf(absPath);
    if (real) {
      for (const [uri, doc] of this.docs) {
        if (uriToPath(uri) === real || this.realPaths.get(uri) === real) return doc.getText();
      }
    }
    return readWorkflowText(absPath);
  }
}

/**
 * Every step id of `before` that `after` lacks is gone from the text too: the user deleted those steps,
 * rather than a half-typed edit hiding them from the model, so the older analysis would offer steps
 * that no longer exist. "Gone" means no `id:` key with that value is left: a short id (`a`, `build`)
 * is nearly always somewhere in the text as a substring.
 */
function deletedOnly(before: Analysis, after: Analysis, text: string): boolean {
  const ids = new Set(after.model.allSteps.map((s) => s.id));
  return before.model.allSteps.every((s) => !s.id || ids.has(s.id) || !declaresId(text, s.id));
}

/** Whether the text still has an `id: <id>` key (block or flow style, the value plain or quoted). */
function declaresId(text: string, id: string): boolean {
  const value = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s{,])["']?id["']?[ \\t]*:[ \\t]*(["']?)${value}\\1[ \\t]*(?:$|[,}#\\r\\n])`, 'm').test(text);
}

/** No syntax or schema problems: the structure the analysis saw is the one the user means. */
function isClean(a: Analysis): boolean {
  return !a.diagnostics.some((d) => d.code === 'yaml-syntax' || d.code === 'schema' || d.code === 'template-syntax');
}
