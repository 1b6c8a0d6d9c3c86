// A client that is not VS Code's, for the tests of `weft lsp` as other editors drive it (Neovim,
// Helix, eglot): it starts `dist/cli.js lsp` on stdio, declares only the capabilities a test gives
// it (none by default), may leave out rootUri and workspace folders, and answers every request the
// server sends it with MethodNotFound, recording them, as a client without those features does.
import * as path from 'node:path';
import { ErrorCodes, InitializeRequest, InitializedNotification, ResponseError, type ClientCapabilities, type MessageConnection } from 'vscode-languageserver-protocol/node';
import { LspClient, ROOT, ensureBuilt } from '../helpers/lsp-client.js';

export const CLI = path.join(ROOT, 'dist', 'cli.js');

/** The requests the server sent to the client (method names, in order). */
export type Sent = { method: string; params: unknown }[];

export interface BareOptions {
  capabilities?: ClientCapabilities;
  /** A folder for rootUri and the one workspace folder; by default none (single-file mode: both null). */
  rootUri?: string;
  initializationOptions?: unknown;
  processId?: number | null;
}

/** A started and initialized client with `sent`, the requests the server made of it. */
export async function bareClient(opts: BareOptions = {}): Promise<LspClient & { sent: Sent }> {
  await ensureBuilt();
  const c = Object.assign(new LspClient(process.execPath, [CLI, 'lsp']), { sent: [] as Sent });
  const refuse = (method: string, params: unknown) => {
    c.sent.push({ method, params });
    return new ResponseError(ErrorCodes.MethodNotFound, `Unhandled method ${method}`);
  };
  // LspClient answers these as VS Code does; a bare client knows none of them.
  for (const m of ['workspace/configuration', 'client/registerCapability', 'client/unregisterCapability', 'window/workDoneProgress/create', 'workspace/workspaceFolders']) {
    c.conn.onRequest(m, (p: unknown) => refuse(m, p));
  }
  // Any other method too (the protocol connection's type hides the underlying connection's catch-all).
  (c.conn as unknown as MessageConnection).onRequest((method: string, params: unknown) => refuse(method, params));
  c.initResult = await c.conn.sendRequest(InitializeRequest.type, {
    processId: opts.processId === undefined ? process.pid : opts.processId,
    rootUri: opts.rootUri ?? null,
    workspaceFolders: opts.rootUri ? [{ uri: opts.rootUri, name: 'root' }] : null,
    initializationOptions: opts.initializationOptions ?? { weft: { diagnostics: { debounceMs: 0 } } },
    capabilities: opts.capabilities ?? {},
  });
  await c.conn.sendNotification(InitializedNotification.type, {});
  return c;
}
