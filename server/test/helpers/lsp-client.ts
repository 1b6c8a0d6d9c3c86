// A JSON-RPC client for the tests and the bench: starts a language server as a child process on
// stdio and speaks LSP to it with vscode-languageserver-protocol, the way an editor does.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection,
  InitializeRequest, InitializedNotification, DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
  PublishDiagnosticsNotification, type PublishDiagnosticsParams, ShutdownRequest, ExitNotification,
  type InitializeResult, type TextDocumentContentChangeEvent, ConfigurationRequest, RegistrationRequest,
  WorkDoneProgressCreateRequest, CompletionRequest, type CompletionItem, type CompletionList, type Position,
  HoverRequest, type Hover, type MarkupContent, type CodeAction, type Diagnostic, type Range,
} from 'vscode-languageserver-protocol/node';
import { parseCursor } from './cursor.js';

export const ROOT = path.resolve(__dirname, '../../..');
export const SERVER = path.join(ROOT, 'dist', 'server.js');

let built = false;
/** Builds dist/ once per process (node esbuild.mjs). */
export async function ensureBuilt(): Promise<void> {
  if (built || process.env.WEFT_SKIP_BUILD === '1') return;
  await new Promise<void>((resolve, reject) => {
    const p = spawn(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
    p.on('exit', (c) => (c === 0 ? resolve() : reject(new Error(`esbuild exited ${c}`))));
  });
  built = true;
}

type DiagWaiter = { uri: string; pred: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void };

export class LspClient {
  readonly conn: ProtocolConnection;
  readonly child: ChildProcess;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  /** Every publication, in order (uri, version, time received). */
  readonly published: { params: PublishDiagnosticsParams; at: number }[] = [];
  private waiters: DiagWaiter[] = [];
  private versions = new Map<string, number>();
  /** How many documents openNew has opened. */
  private opened = 0;
  stderr = '';
  /** Counts of `weft trace: <what>` lines (the server traces when WEFT_LSP_TRACE=1). */
  readonly traces = new Map<string, number>();
  /** Error messages the server logged (window/logMessage type 1): a service threw. */
  readonly errors: string[] = [];
  exited: number | null | undefined;
  initResult: InitializeResult | undefined;
  /** Answers to `workspace/configuration` (for yaml-language-server). */
  configuration: (section: string | undefined) => unknown = () => null;

  constructor(command: string, args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
    this.child = spawn(command, args, { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (b: Buffer) => {
      const chunk = b.toString();
      this.stderr = (this.stderr + chunk).slice(-20000);
      for (const m of chunk.matchAll(/^weft trace: (\w+)/gm)) this.traces.set(m[1], (this.traces.get(m[1]) ?? 0) + 1);
    });
    this.child.on('exit', (code) => { this.exited = code; });
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.diagnostics.set(p.uri, p);
      this.published.push({ params: p, at: performance.now() });
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === p.uri && w.pred(p)) { w.resolve(p); return false; }
        return true;
      });
    });
    this.conn.onRequest(ConfigurationRequest.type, (p) => p.items.map((i) => this.configuration(i.section)));
    this.conn.onRequest(RegistrationRequest.type, () => undefined as never);
    this.conn.onRequest(WorkDoneProgressCreateRequest.type, () => undefined as never);
    this.conn.onRequest('client/registerCapability', () => null);
    this.conn.onNotification('window/logMessage', (p: { type: number; message: string }) => { if (p.type === 1) this.errors.push(p.message); });
    this.conn.onNotification('telemetry/event', () => undefined);
    this.conn.listen();
  }

  static async weft(initializationOptions: unknown = { weft: { diagnostics: { debounceMs: 0 } } }, rootPath = ROOT): Promise<LspClient> {
    await ensureBuilt();
    const extra = process.env.WEFT_SERVER_NODE_ARGS ? process.env.WEFT_SERVER_NODE_ARGS.split(' ') : [];
    const c = new LspClient(process.execPath, [...extra, SERVER, '--stdio']);
    await c.initialize(initializationOptions, rootPath);
    return c;
  }

  async initialize(initializationOptions: unknown, rootPath = ROOT): Promise<InitializeResult> {
    const rootUri = pathToFileURL(rootPath).href;
    this.initResult = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(rootPath) }],
      initializationOptions,
      capabilities: {
        textDocument: {
          completion: { completionItem: { snippetSupport: true, labelDetailsSupport: true }, completionList: { itemDefaults: ['editRange'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          rename: { prepareSupport: true },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          semanticTokens: { requests: { range: true, full: { delta: true } }, tokenTypes: [], tokenModifiers: [], formats: ['relative'] },
        },
        workspace: { configuration: true, workspaceFolders: true },
      },
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
    return this.initResult;
  }

  async open(uri: string, text: string, languageId = 'weft'): Promise<void> {
    this.versions.set(uri, 1);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  close(uri: string): Promise<void> {
    return this.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  /** The errors the server logged for a request whose service threw (`weft: <name> failed: ...`). */
  serviceFailures(): string[] {
    return this.errors.filter((m) => /^weft: .* failed/.test(m));
  }

  /** Sends a change; returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    return version;
  }

  /** The completion items at `pos` (a list or an array, as the server answers; only its line and character are sent). */
  async completion(uri: string, pos: Position): Promise<CompletionItem[]> {
    const r = await this.requestAt<CompletionList | CompletionItem[] | null>(CompletionRequest.method, uri, pos);
    return Array.isArray(r) ? r : r?.items ?? [];
  }

  /**
   * A `textDocument/*` request at `pos` (definition, references, rename, ...): only its line and
   * character are sent, then `extra` (`context`, `newName`).
   */
  requestAt<T>(method: string, uri: string, pos: Position, extra: object = {}): Promise<T> {
    return this.conn.sendRequest<T>(method, { textDocument: { uri }, position: { line: pos.line, character: pos.character }, ...extra });
  }

  /** The code actions for `diagnostics` (the request's context) over `range`, by default the first one's. */
  codeActions(uri: string, diagnostics: Diagnostic[], range: Range = diagnostics[0].range): Promise<CodeAction[]> {
    return this.conn.sendRequest<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
  }

  /** The hover at `pos` (only its line and character are sent); null when the server has none. */
  hover(uri: string, pos: Position): Promise<Hover | null> {
    return this.requestAt<Hover | null>(HoverRequest.method, uri, pos);
  }

  /** The markdown of the hover at `pos`; undefined when there is none. Throws if it is not markup text. */
  async hoverText(uri: string, pos: Position): Promise<string | undefined> {
    return hoverMarkdown(await this.hover(uri, pos));
  }

  /**
   * Opens `text` as a new document, `/virtual/<name>-<n>.weft.yaml` (n counts this client's new
   * documents from 0), and waits for its first diagnostics (its analysis is done); returns its uri.
   */
  async openNew(name: string, text: string): Promise<string> {
    const uri = fileUri(`/virtual/${name}-${this.opened++}.weft.yaml`);
    await this.open(uri, text);
    await this.waitForDiagnostics(uri);
    return uri;
  }

  /** Opens the cursor fixture `withCursor` (its `|` is the cursor) as openNew does; its completion items. */
  async completionAt(name: string, withCursor: string): Promise<CompletionItem[]> {
    const fx = parseCursor(withCursor);
    const uri = await this.openNew(name, fx.text);
    return this.completion(uri, fx);
  }

  /** completionAt's item labels, sorted (for a test that asserts the set offered, not its order). */
  async completionLabelsAt(name: string, withCursor: string): Promise<string[]> {
    return (await this.completionAt(name, withCursor)).map((i) => i.label).sort();
  }

  version(uri: string): number {
    return this.versions.get(uri) ?? 0;
  }

  /** Waits for a publication for `uri` that satisfies `pred` (default: for the current version). */
  waitForDiagnostics(uri: string, pred?: (p: PublishDiagnosticsParams) => boolean, timeoutMs = 20000): Promise<PublishDiagnosticsParams> {
    const want = pred ?? ((p) => p.version === undefined || p.version === this.version(uri));
    const have = this.diagnostics.get(uri);
    if (have && want(have) && !pred) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`)), timeoutMs);
      this.waiters.push({ uri, pred: want, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.conn.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification(ExitNotification.type);
    } catch { /* already gone */ }
    await new Promise<void>((resolve) => {
      if (this.exited !== undefined) return resolve();
      const t = setTimeout(() => { this.child.kill('SIGKILL'); resolve(); }, 3000);
      this.child.on('exit', () => { clearTimeout(t); resolve(); });
    });
    this.conn.dispose();
  }

  /** Resident set size of the server process in MB (Linux /proc). */
  rssMb(): number | undefined {
    try {
      const status = fs.readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
      return m ? Number(m[1]) / 1024 : undefined;
    } catch {
      return undefined;
    }
  }
}

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

/**
 * The markdown of a hover (for a test that also checks its range); undefined when there is none.
 * Throws if it is not markup text.
 */
export function hoverMarkdown(h: Hover | null): string | undefined {
  if (!h) return undefined;
  const value = (h.contents as MarkupContent).value;
  if (typeof value !== 'string') throw new Error(`the hover is not markdown text: ${JSON.stringify(h.contents)}`);
  return value;
}
