// A folder of called workflows that is deleted, renamed or created: VS Code reports that as ONE
// file event for the folder, none for the files in it (microsoft/vscode#109754, "expected": register
// for folders and check the events' children). Found in a user-level hunt: deleting `lib/` left
// the caller of `lib/child.weft.yaml` clean, and renaming a folder to the name a caller expects left
// its `workflow-not-found`, until the caller was edited. The server must (1) ask the client to watch
// folders' creations and deletions, not only `*.yaml`/`*.yml` files, and (2) re-analyse the
// callers of every file under a folder an event names.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  InitializeRequest, InitializedNotification, RegistrationRequest, type Registration,
} from 'vscode-languageserver-protocol/node';
import { LspClient, SERVER, ensureBuilt, fileUri } from '../helpers/lsp-client.js';

let client: LspClient;
let dir: string;
const registrations: Registration[] = [];

before(async () => {
  await ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-folder-events-'));
  client = new LspClient(process.execPath, [SERVER, '--stdio']);
  // An editor that lets the server register its file watchers, as VS Code does.
  client.conn.onRequest(RegistrationRequest.type, (p) => { registrations.push(...p.registrations); });
  const rootUri = fileUri(dir);
  await client.conn.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'ws' }],
    initializationOptions: { weft: { diagnostics: { debounceMs: 0 } } },
    capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: { versionSupport: true } } },
  });
  await client.conn.sendNotification(InitializedNotification.type, {});
});
after(async () => {
  await client.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const child = 'outputs:\n  result: done\nsteps:\n  - id: s\n    stub: true\n';
const caller = (p: string) => `steps:\n  - id: c\n    workflow:\n      path: ${p}\n  - id: use\n    shell: echo \${steps.c.output.result}\n`;

async function openCaller(name: string, text: string): Promise<string> {
  const file = path.join(dir, 'flows', name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const uri = fileUri(file);
  await client.open(uri, text);
  await client.waitForDiagnostics(uri);
  return uri;
}

/** The folder event VS Code sends, then the caller's next diagnostics. */
async function folderEvent(folder: string, type: 1 | 3, uri: string): Promise<string[]> {
  const n = client.published.length;
  await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(folder), type }] });
  const p = await client.waitForDiagnostics(uri, (x) => x.uri === uri && client.published.length > n);
  return p.diagnostics.map((d) => d.code as string);
}

describe('a folder of called workflows', () => {
  it('is watched for creation and deletion, not only its yaml files', async () => {
    // The first registration is sent right after `initialized`: wait for it by asking something.
    await client.conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri: fileUri(path.join(dir, 'none.weft.yaml')) } });
    const watchers = registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles')
      .flatMap((r) => (r.registerOptions as { watchers: { globPattern: string; kind?: number }[] }).watchers);
    // WatchKind: Create 1, Change 2, Delete 4; no kind means all three. `**/*` matches a folder's path.
    const folders = watchers.filter((w) => w.globPattern === '**/*' && ((w.kind ?? 7) & 5) === 5);
    assert.equal(folders.length, 1, JSON.stringify(watchers));
    assert.ok(watchers.some((w) => w.globPattern === '**/*.{yaml,yml}' && (w.kind ?? 7) === 7), JSON.stringify(watchers));
  });

  it('deleted: its callers report the file gone', async () => {
    fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'lib', 'child.weft.yaml'), child);
    const uri = await openCaller('deleted.weft.yaml', caller('../lib/child.weft.yaml'));
    assert.deepEqual(client.diagnostics.get(uri)!.diagnostics, []);
    fs.rmSync(path.join(dir, 'lib'), { recursive: true });
    assert.deepEqual(await folderEvent(path.join(dir, 'lib'), 3, uri), ['workflow-not-found']);
  });

  it('created (a folder renamed to the name a caller names): its callers find the file', async () => {
    fs.mkdirSync(path.join(dir, 'old'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'old', 'child.weft.yaml'), child);
    const uri = await openCaller('created.weft.yaml', caller('../shared/deep/child.weft.yaml'));
    assert.deepEqual(client.diagnostics.get(uri)!.diagnostics.map((d) => d.code), ['workflow-not-found']);
    fs.mkdirSync(path.join(dir, 'shared'));
    fs.renameSync(path.join(dir, 'old'), path.join(dir, 'shared', 'deep'));
    // VS Code: the old folder deleted, the new one created (one event each); here only `shared` was made.
    assert.deepEqual(await folderEvent(path.join(dir, 'shared'), 1, uri), []);
  });

  it('an event for a sibling folder whose name starts the same re-analyses nothing else', async () => {
    fs.mkdirSync(path.join(dir, 'kept'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'kept', 'child.weft.yaml'), child);
    const uri = await openCaller('kept.weft.yaml', caller('../kept/child.weft.yaml'));
    const n = client.published.filter((p) => p.params.uri === uri).length;
    // `kep` is a prefix of `kept` as text, not as a folder. A marker document published after it shows
    // the server has handled the event.
    await client.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(path.join(dir, 'kep')), type: 3 }] });
    const marker = await openCaller('marker.weft.yaml', 'steps:\n  - id: m\n    stub: true\n');
    assert.ok(client.diagnostics.get(marker));
    assert.equal(client.published.filter((p) => p.params.uri === uri).length, n);
  });
});
