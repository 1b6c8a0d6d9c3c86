// The Weft language server: adapts the pure services in ./services to an LSP connection. The
// transport comes from argv (`--stdio`, `--node-ipc`, `--socket=N`), as vscode-languageserver does it.
// Nothing from a workflow is ever executed here: files are only read (sub-workflows, run history).
import * as path from 'node:path';
import {
  createConnection, DidChangeWatchedFilesNotification, FileChangeType, ProposedFeatures, ResponseError, ErrorCodes, LSPErrorCodes,
  TextDocumentSyncKind, WatchKind, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver/node';
import schemaJson from '../../schemas/weft.schema.json';
import { DocumentStore, uriToPath } from './document-store.js';
import { DiagnosticsPublisher } from './diagnostics-publisher.js';
import { RunHistory } from './run-history.js';
import type { Analysed, HistoryView, ServiceEnv } from './services/context.js';
import type { Workspace } from './services/known-calls.js';
import { SchemaNav, type JsonSchema } from './services/schema-nav.js';
import { completion } from './services/completion.js';
import { hover } from './services/hover.js';
import { definition } from './services/definition.js';
import { references } from './services/references.js';
import { prepareRename, rename } from './services/rename.js';
import { documentSymbols } from './services/symbols.js';
import { foldingRanges } from './services/folding-ranges.js';
import { selectionRanges } from './services/selection-ranges.js';
import { highlight } from './services/highlight.js';
import { codeActions } from './services/code-actions.js';
import { codeLenses } from './services/code-lens.js';
import { inlayHints } from './services/inlay-hints.js';
import { LEGEND, semanticTokens } from './services/semantic-tokens.js';
import { SemanticTokenResults } from './semantic-token-results.js';
import { PLAN_REQUEST, planAnswer } from './services/plan-request.js';
import { planResponse } from './plan-response.js';
import { analyseText } from './engine-api.js';
import { fsHostReader, realPathOf } from './fs-read.js';
import { listDir } from './dir-list.js';
import { collectWhenIdle, tuneMemory } from './memory.js';
import { freeTextEdit, newToOld, oldToNew } from './free-text-edit.js';
import { plainTextItems } from './snippet-text.js';
import { symbolInformation } from './symbol-information.js';
import { plainDocumentation, plainHover, takesMarkdown } from './plain-markup.js';

// The yaml library warns (process.emitWarning) when a half-typed document has a collection as a
// mapping key; in an editor that is routine, not worth a line in the client's log for each keystroke.
const emitWarning = process.emitWarning.bind(process);
process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
  const text = typeof warning === 'string' ? warning : warning?.message;
  if (typeof text === 'string' && text.startsWith('Keys with collection values will be stringified')) return;
  (emitWarning as (...a: unknown[]) => void)(warning, ...rest);
}) as typeof process.emitWarning;

tuneMemory();
// A request the editor cancelled before the server got to it (the user typed on while a large file
// was analysed, and the editor dropped its stale hover, tokens and hints) is answered
// RequestCancelled without running it, as LSP asks; vscode-jsonrpc's default runs it all the same.
const connection = createConnection(ProposedFeatures.all, {
  cancelUndispatched: (message) => ({
    jsonrpc: '2.0',
    id: (message as { id?: number | string | null }).id ?? null,
    error: { code: LSPErrorCodes.RequestCancelled, message: 'cancelled before it started' },
  }),
});
const store = new DocumentStore();
store.onError = (m) => connection.console.error(m);
const publisher = new DiagnosticsPublisher(store, {
  sendDiagnostics: (p) => {
    void connection.sendDiagnostics(p);
    collectWhenIdle();
  },
});
const history = new RunHistory();
/** The last semantic tokens sent per open document, for delta requests. */
const tokenResults = new SemanticTokenResults();
const schema = new SchemaNav(schemaJson as JsonSchema);
let watchedFilesDynamic = false;
/** The client takes `CompletionList.itemDefaults.editRange` (LSP 3.17): one range for all items. */
let editRangeDefault = false;
/** The client inserts snippets (`completionItem.snippetSupport`); without it items are plain text. */
let snippetSupport = false;
/** The client reads DocumentSymbol trees; without it document symbols are SymbolInformation[]. */
let symbolTree = false;
/** The client shows markdown in hovers / completion documentation (takesMarkdown); else they are plain text. */
let markdownHover = false;
let markdownDocs = false;
/** The command the client runs to open its completion list again (`retriggerSuggestCommand` in its initialization options). */
let retriggerSuggestCommand: string | undefined;

/** A setting under `weft.diagnostics.<name>`, in any of the shapes clients send. */
function diagnosticsSetting(settings: unknown, name: string): unknown {
  const get = (o: unknown, k: string): unknown => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined);
  return get(get(get(settings, 'weft'), 'diagnostics'), name) ?? get(settings, `weft.diagnostics.${name}`) ?? get(get(settings, 'diagnostics'), name);
}

function readDebounce(settings: unknown): number | undefined {
  const v = diagnosticsSetting(settings, 'debounceMs');
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

function readIncremental(settings: unknown): boolean | undefined {
  const v = diagnosticsSetting(settings, 'incremental');
  return typeof v === 'boolean' ? v : undefined;
}

function applySettings(settings: unknown): void {
  const d = readDebounce(settings);
  if (d !== undefined) publisher.debounceMs = d;
  const inc = readIncremental(settings);
  if (inc !== undefined) store.incremental = inc;
}

connection.onInitialize((params: InitializeParams): InitializeResult => {
  applySettings(params.initializationOptions);
  const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? (params.rootUri ? [uriToPath(params.rootUri)] : []);
  history.roots = folders;
  watchedFilesDynamic = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
  editRangeDefault = !!params.capabilities.textDocument?.completion?.completionList?.itemDefaults?.includes('editRange');
  snippetSupport = !!params.capabilities.textDocument?.completion?.completionItem?.snippetSupport;
  symbolTree = !!params.capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport;
  markdownHover = takesMarkdown(params.capabilities.textDocument?.hover?.contentFormat);
  markdownDocs = takesMarkdown(params.capabilities.textDocument?.completion?.completionItem?.documentationFormat);
  const retrigger = (params.initializationOptions as { retriggerSuggestCommand?: unknown } | undefined)?.retriggerSuggestCommand;
  retriggerSuggestCommand = typeof retrigger === 'string' && retrigger ? retrigger : undefined;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      completionProvider: { triggerCharacters: ['.', '{', '$'], resolveProvider: false },
      hoverProvider: true,
      definitionProvider: true,
      referencesProvider: true,
      // RenameOptions only for a client that declared prepareSupport (LSP).
      renameProvider: params.capabilities.textDocument?.rename?.prepareSupport ? { prepareProvider: true } : true,
      documentSymbolProvider: true,
      documentHighlightProvider: true,
      codeActionProvider: { codeActionKinds: ['quickfix'] },
      codeLensProvider: { resolveProvider: false },
      inlayHintProvider: true,
      semanticTokensProvider: { legend: LEGEND, full: { delta: true }, range: true },
      foldingRangeProvider: true,
      selectionRangeProvider: true,
    },
    serverInfo: { name: 'weft-language-server', version: '0.1.0' },
  };
});

connection.onInitialized(() => {
  if (watchedFilesDynamic) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [
        // Every YAML file: a `workflow` step may call one of any name (`./shared.yaml`), and its callers
        // are analysed again when it changes on disk.
        { globPattern: '**/*.{yaml,yml}' },
        // Every creation and deletion, folders included: VS Code reports a folder deleted, renamed or
        // moved as one event for the folder and none for the files in it (microsoft/vscode#109754),
        // and a call may name a file without a YAML extension (`./lib/flow`).
        { globPattern: '**/*', kind: WatchKind.Create | WatchKind.Delete },
      ],
    }).catch(() => undefined);
  }
});

connection.onDidChangeConfiguration((p) => applySettings(p.settings));

/**
 * Re-analyses open documents that call `absPath` through a `workflow` step; with `under`, also those
 * that call a file inside it (a folder the file watcher names).
 */
function refreshCallers(absPath: string, except?: string, under = false): void {
  for (const uri of store.invalidateReaders(absPath, under)) if (uri !== except) publisher.schedule(uri);
}

connection.onDidOpenTextDocument((p) => {
  const d = p.textDocument;
  store.open(d.uri, d.languageId, d.version, d.text);
  publisher.schedule(d.uri, true);
  refreshCallers(uriToPath(d.uri), d.uri);
});

connection.onDidChangeTextDocument((p) => {
  const doc = store.change(p.textDocument.uri, p.textDocument.version ?? 0, p.contentChanges);
  if (!doc) return;
  publisher.schedule(doc.uri);
  refreshCallers(uriToPath(doc.uri), doc.uri);
});

connection.onDidCloseTextDocument((p) => {
  publisher.cancel(p.textDocument.uri);
  store.close(p.textDocument.uri);
  tokenResults.drop(p.textDocument.uri);
  connection.sendDiagnostics({ uri: p.textDocument.uri, diagnostics: [] });
  refreshCallers(uriToPath(p.textDocument.uri));
});

connection.onDidChangeWatchedFiles((p) => {
  for (const c of p.changes) {
    if (c.type === FileChangeType.Changed || c.type === FileChangeType.Created || c.type === FileChangeType.Deleted) {
      // A created or deleted path may be a folder (renamed, moved): the files under it changed too.
      // A change is a file's: no scan for reads under it.
      refreshCallers(path.resolve(uriToPath(c.uri)), undefined, c.type !== FileChangeType.Changed);
    }
  }
});

function envFor(uri: string): ServiceEnv {
  const file = uriToPath(uri);
  let run: ReturnType<RunHistory['lastRun']> | null = null;
  const last = () => (run === null ? (run = history.lastRun(file)) : run);
  const view: HistoryView = {
    step: (p) => {
      const r = last();
      const rec = r?.steps.get(p);
      return r && rec ? { ...rec, runId: r.runId } : undefined;
    },
    output: (p) => {
      const r = last();
      return r ? history.output(r, p) : undefined;
    },
  };
  return { uri, file, schema, history: view, processEnv: process.env, listDir, retriggerSuggestCommand, workspace: workspaceFor(uri) };
}

/**
 * The other open documents, each with the analysis of its current text (made now when an edit to a
 * file it calls dropped it), for references and rename across `workflow` calls; read only when asked.
 */
function workspaceFor(uri: string): Workspace {
  return {
    openFiles: () => store.uris().filter((u) => u !== uri).flatMap((u) => {
      const a = store.analysed(u)?.analysis;
      return a ? [{ uri: u, analysis: a, positionAt: (o: number) => a.model.lines.positionAt(o) }] : [];
    }),
    realPath: realPathOf,
  };
}

/**
 * The analysis for requests on the current text. When the newest analysis is of an older version
 * that differs only by free text (see free-text-edit.ts), it is reused through offset maps instead
 * of analysing again: editors ask for semantic tokens, inlay hints and code lenses after every
 * keystroke.
 */
function analysedOf(uri: string, allowShift = false): Analysed | undefined {
  const doc = store.get(uri);
  const edit = allowShift && store.incremental ? store.editSite(uri) : undefined;
  const latest = edit?.base;
  if (doc && edit && latest?.analysis && latest.version !== doc.version) {
    const diff = freeTextEdit(latest.analysis, latest.text, doc.getText(), edit.site);
    if (diff) {
      const toNew = oldToNew(diff);
      const toOld = newToOld(diff);
      return { analysis: latest.analysis, text: latest.text, positionAt: (o) => doc.positionAt(toNew(o)), offsetAt: (p) => toOld(doc.offsetAt(p)) };
    }
  }
  const v = store.analysed(uri);
  if (!v?.analysis) return undefined;
  const lines = v.analysis.model.lines;
  return { analysis: v.analysis, text: v.text, positionAt: (o) => lines.positionAt(o), offsetAt: (p) => lines.offsetAt(p) };
}

const TRACE = process.env.WEFT_LSP_TRACE === '1';

/** After `shutdown` a request is answered InvalidRequest (LSP); vscode-languageserver serves it. */
let shutDown = false;
connection.onShutdown(() => { shutDown = true; });

/** Runs a service, turning an exception into a logged empty answer: the server must stay up. */
function guard<T>(name: string, fallback: T, fn: () => T): T {
  if (shutDown) throw new ResponseError(ErrorCodes.InvalidRequest, `the server is shutting down: no ${name} after shutdown`);
  const t0 = TRACE ? performance.now() : 0;
  try {
    return fn();
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    connection.console.error(`weft: ${name} failed: ${(e as Error)?.stack ?? e}`);
    return fallback;
  } finally {
    if (TRACE) process.stderr.write(`weft trace: ${name} ${(performance.now() - t0).toFixed(1)} ms\n`);
  }
}

connection.onCompletion((p) => guard('completion', [], () => {
  const doc = store.get(p.textDocument.uri);
  if (!doc) return [];
  const text = doc.getText();
  const offset = doc.offsetAt(p.position);
  const best = store.bestAt(p.textDocument.uri, offset);
  const res = completion({ text, offset, positionAt: (o) => doc.positionAt(o), analysis: best.v?.analysis, analysisOffset: best.offset }, envFor(doc.uri));
  if (!snippetSupport) res.items = plainTextItems(res.items);
  if (!markdownDocs) res.items = plainDocumentation(res.items);
  const isIncomplete = !!res.isIncomplete;
  if (res.editRange && editRangeDefault) return { isIncomplete, itemDefaults: { editRange: res.editRange }, items: res.items };
  const range = res.editRange;
  const items = range ? res.items.map((i) => (i.textEdit ? i : { ...i, textEdit: { range, newText: i.label } })) : res.items;
  return isIncomplete ? { isIncomplete, items } : items;
}));

/** Features whose answers hold no free text (ids, ranges, stages) may use a shifted analysis. */
const SHIFT_OK = new Set(['definition', 'references', 'highlight', 'prepareRename', 'rename']);

function at<T>(name: string, fallback: T, uri: string, pos: { line: number; character: number }, fn: (d: Analysed, offset: number) => T): T {
  return guard(name, fallback, () => {
    const d = analysedOf(uri, SHIFT_OK.has(name));
    if (!d) return fallback;
    return fn(d, d.offsetAt(pos));
  });
}

connection.onHover((p) => at('hover', null, p.textDocument.uri, p.position, (d, o) => {
  const h = hover(d, o, envFor(p.textDocument.uri));
  return markdownHover ? h : plainHover(h);
}));
connection.onDefinition((p) => at('definition', null, p.textDocument.uri, p.position, (d, o) => definition(d, o, envFor(p.textDocument.uri))));
connection.onReferences((p) => at('references', [], p.textDocument.uri, p.position, (d, o) => references(d, o, p.context.includeDeclaration, envFor(p.textDocument.uri))));
connection.onDocumentHighlight((p) => at('highlight', [], p.textDocument.uri, p.position, (d, o) => highlight(d, o)));

connection.onPrepareRename((p) => at('prepareRename', null, p.textDocument.uri, p.position, (d, o) => {
  const r = prepareRename(d, o);
  if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
  return r.ok;
}));

connection.onRenameRequest((p) => at('rename', null, p.textDocument.uri, p.position, (d, o) => {
  const r = rename(d, o, p.newName, envFor(p.textDocument.uri));
  if ('error' in r) throw new ResponseError(ErrorCodes.InvalidRequest, r.error);
  return r.ok;
}));

connection.onDocumentSymbol((p) => guard('symbols', [], () => {
  const d = analysedOf(p.textDocument.uri);
  if (!d) return [];
  return symbolTree ? documentSymbols(d) : symbolInformation(documentSymbols(d), p.textDocument.uri);
}));

connection.onFoldingRanges((p) => guard('foldingRanges', null, () => {
  const d = analysedOf(p.textDocument.uri);
  return d ? foldingRanges(d) : null;
}));

connection.onSelectionRanges((p) => guard('selectionRanges', [], () => {
  const d = analysedOf(p.textDocument.uri);
  return d ? selectionRanges(d, p.positions.map((pos) => d.offsetAt(pos))) : [];
}));

connection.onCodeAction((p) => guard('codeAction', [], () => {
  const d = analysedOf(p.textDocument.uri, true);
  return d ? codeActions(d, p.context.diagnostics, envFor(p.textDocument.uri)) : [];
}));

connection.onCodeLens((p) => guard('codeLens', [], () => {
  const d = analysedOf(p.textDocument.uri, true);
  return d ? codeLenses(d, envFor(p.textDocument.uri)) : [];
}));

connection.languages.inlayHint.on((p) => guard('inlayHint', [], () => {
  const d = analysedOf(p.textDocument.uri, true);
  return d ? inlayHints(d, p.range) : [];
}));

// Full results are remembered per open document (never for one the store does not hold), so that
// the next request can be a delta; a range result is not (a client diffs against full results).
connection.languages.semanticTokens.on((p) => guard('semanticTokens', { data: [] }, () => {
  const d = analysedOf(p.textDocument.uri, true);
  return d ? tokenResults.full(p.textDocument.uri, semanticTokens(d).data) : { data: [] };
}));

connection.languages.semanticTokens.onDelta((p) => guard('semanticTokensDelta', { data: [] }, () => {
  const d = analysedOf(p.textDocument.uri, true);
  return d ? tokenResults.delta(p.textDocument.uri, p.previousResultId, semanticTokens(d).data) : { data: [] };
}));

connection.languages.semanticTokens.onRange((p) => guard('semanticTokensRange', { data: [] }, () => {
  const d = analysedOf(p.textDocument.uri, true);
  return d ? semanticTokens(d, p.range) : { data: [] };
}));

connection.onRequest(PLAN_REQUEST, (p: unknown) => guard('plan', null, () => planResponse(planAnswer(p, {
  open: (uri) => store.analysed(uri),
  readFile: (file) => store.readFile(file),
  analyse: (text, file) => analyseText(text, file, fsHostReader),
  log: (line) => connection.console.error(line),
}))));

connection.listen();
