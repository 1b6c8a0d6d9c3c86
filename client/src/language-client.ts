// Starts the bundled language server (dist/server.js) over IPC, logs to the "Weft" LogOutputChannel,
// and restarts the server whenever it dies (with a short back-off so a crash loop cannot spin).
import * as vscode from 'vscode';
import {
  LanguageClient, TransportKind, CloseAction, ErrorAction, State,
  type LanguageClientOptions, type ServerOptions, type ErrorHandler,
} from 'vscode-languageclient/node';

export const FILE_PATTERNS = ['**/*.weft.yaml', '**/*.weft.yml', '**/*.workflow.yaml', '**/*.workflow.yml'];

export class WeftLanguageClient implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private restarts: number[] = [];
  private disposed = false;

  constructor(private readonly context: vscode.ExtensionContext, private readonly log: vscode.LogOutputChannel) {}

  /** Starts the client without blocking activation. */
  start(): void {
    const module = vscode.Uri.joinPath(this.context.extensionUri, 'dist', 'server.js').fsPath;
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
    };
    const errorHandler: ErrorHandler = {
      error: () => ({ action: ErrorAction.Continue }),
      closed: () => {
        if (this.disposed) return { action: CloseAction.DoNotRestart };
        const now = Date.now();
        this.restarts = this.restarts.filter((t) => now - t < 60_000);
        this.restarts.push(now);
        if (this.restarts.length > 5) {
          this.log.error(`The Weft language server stopped ${this.restarts.length} times in a minute (it was restarted 5 times); not restarting. Reload the window to try again.`);
          return { action: CloseAction.DoNotRestart, message: 'The Weft language server keeps crashing (see Output › Weft).' };
        }
        this.log.warn('The Weft language server stopped; restarting it.');
        return { action: CloseAction.Restart, handled: true };
      },
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ language: 'weft' }, ...FILE_PATTERNS.map((pattern) => ({ scheme: 'file', pattern }))],
      outputChannel: this.log,
      traceOutputChannel: this.log,
      errorHandler,
      // Accepting a folder in a `workflow` path completion opens the list again for its entries.
      initializationOptions: { retriggerSuggestCommand: 'editor.action.triggerSuggest' },
      // No `synchronize.fileEvents`: the server registers its own watcher for every YAML file (a
      // `workflow` step may call `./shared.yaml`), as it does in any editor; a second one here made
      // VS Code deliver each change on disk twice.
    };
    this.client = new LanguageClient('weft', 'Weft', serverOptions, clientOptions);
    this.client.onDidChangeState((e) => this.log.info(`language server: ${State[e.oldState]} -> ${State[e.newState]}`));
    this.client.start().then(
      () => this.log.info('language server started'),
      (err) => this.log.error(`language server failed to start: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  /** The custom `weft/plan` request (interfaces spec): the plan of the document's current text. */
  async plan(uri: vscode.Uri): Promise<unknown> {
    if (!this.client) return undefined;
    if (this.client.state !== State.Running) await waitRunning(this.client, 10_000);
    return this.client.sendRequest('weft/plan', { uri: uri.toString() });
  }

  /** The process id of the server (for tests that kill it to check the restart). */
  serverPid(): number | undefined {
    const c = this.client as unknown as { _serverProcess?: { pid?: number } } | undefined;
    return c?._serverProcess?.pid;
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    await this.client?.stop().catch(() => undefined);
  }
}

function waitRunning(client: LanguageClient, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => { sub.dispose(); reject(new Error('language server not running')); }, ms);
    const sub = client.onDidChangeState((e) => { if (e.newState === State.Running) { clearTimeout(t); sub.dispose(); resolve(); } });
  });
}
