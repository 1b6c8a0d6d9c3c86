// The language server never executes anything from a workflow: opening, editing and asking for every
// feature of a file full of shell, file, http and llm steps runs no command, writes no file and sends
// no request. Checked with a marker file the shell step would create, a file the file step would
// write, and a loopback server that counts requests.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, fileUri } from '../helpers/lsp-client.js';

let client: LspClient;
let server: http.Server;
let requests = 0;

before(async () => {
  server = http.createServer((_req, res) => {
    requests++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = await LspClient.weft();
});
after(async () => {
  await client.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the language server never executes a workflow', () => {
  it('runs no command, writes no file and sends no request, whatever is asked', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-exec-'));
    const marker = path.join(dir, 'shell-ran');
    const written = path.join(dir, 'file-written.txt');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const file = path.join(dir, 'danger.weft.yaml');
    const text = [
      'steps:',
      '  - id: touch',
      `    shell: touch ${marker}`,
      '  - id: write',
      `    file: { action: write, path: ${written}, content: x }`,
      '  - id: call',
      `    http: { url: "${url}/hit" }`,
      '  - id: ask',
      `    llm: { provider: ollama, baseUrl: "${url}/v1", prompt: "\${steps.call.output}" }`,
      '  - id: after',
      '    stub: { output: "${steps.touch.output} ${steps.ask.output}" }',
      '',
    ].join('\n');
    fs.writeFileSync(file, text);
    const uri = fileUri(file);
    await client.open(uri, text);
    await client.waitForDiagnostics(uri);
    const doc = { textDocument: { uri } };
    const at = { ...doc, position: { line: 10, character: 30 } };
    await client.conn.sendRequest('textDocument/completion', at);
    await client.conn.sendRequest('textDocument/hover', at);
    await client.conn.sendRequest('textDocument/definition', at);
    await client.conn.sendRequest('textDocument/references', { ...at, context: { includeDeclaration: true } });
    await client.conn.sendRequest('textDocument/documentSymbol', doc);
    await client.conn.sendRequest('textDocument/codeLens', doc);
    await client.conn.sendRequest('textDocument/inlayHint', { ...doc, range: { start: { line: 0, character: 0 }, end: { line: 12, character: 0 } } });
    await client.conn.sendRequest('textDocument/semanticTokens/full', doc);
    await client.conn.sendRequest('weft/plan', { uri });
    await client.change(uri, [{ text: text.replace('id: after', 'id: later') }]);
    await client.waitForDiagnostics(uri, (p) => p.version === client.version(uri));
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(fs.existsSync(marker), false, 'the shell step did not run');
    assert.equal(fs.existsSync(written), false, 'the file step did not write');
    assert.equal(requests, 0, 'no HTTP or LLM request was sent');
    assert.deepEqual(client.errors, []);
  });

  it('the server bundle does not contain the engine\'s runner', () => {
    const bundle = fs.readFileSync(path.resolve(__dirname, '../../../dist/server.js'), 'utf8');
    // Names that exist only in engine/src/run (starting a run, killing process trees).
    for (const name of ['startRun', 'runPrepared', 'terminateTree']) assert.equal(bundle.includes(name), false, `${name} is not bundled into the server`);
  });
});
