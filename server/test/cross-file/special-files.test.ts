// A `workflow` step may name any path, and the server reads the called file on its one thread for
// the cross-file checks: a FIFO without a writer, /dev/zero, /proc/kmsg, a 50 MB file, a symlink loop
// or a folder must each give `workflow-not-found` on the call, saying which, without blocking the server or filling
// its memory; so must a FIFO in the runs folder for hover's run history, and `weft/plan` on a FIFO.
// Each case has its own server; a server that does not answer in time is killed (SIGKILL: a blocked
// read keeps it from hearing anything else), which fails the case instead of hanging the test.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LspClient, fileUri } from '../helpers/lsp-client.js';

/** A hang guard, not a timing assertion: the server answers these in milliseconds. */
const HANG_MS = 15_000;

let dir: string;
let fifo: string | undefined;
const clients: LspClient[] = [];

before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-special-'));
  try {
    fifo = path.join(dir, 'pipe.weft.yaml');
    execFileSync('mkfifo', [fifo]);
  } catch {
    fifo = undefined; // no mkfifo (Windows)
  }
});
after(async () => {
  for (const c of clients) await c.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function server(): Promise<LspClient> {
  const c = await LspClient.weft(undefined, dir);
  clients.push(c);
  return c;
}

/** `p`, or a failure after HANG_MS with the server killed. */
async function within<T>(c: LspClient, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const rss = c.rssMb();
      c.child.kill('SIGKILL');
      reject(new Error(`${what}: no answer within ${HANG_MS} ms (server RSS ${rss?.toFixed(0)} MB, killed)`));
    }, HANG_MS);
  });
  try {
    return await Promise.race([p, hang]);
  } finally {
    clearTimeout(timer);
  }
}

function caller(target: string): string {
  return ['steps:', '  - id: child', '    workflow:', `      path: ${JSON.stringify(target)}`, '  - id: after', '    needs: [child]', '    stub: true', ''].join('\n');
}

async function expectNotFound(target: string, why: RegExp): Promise<void> {
  const c = await server();
  const file = path.join(dir, `calls-${path.basename(target)}.weft.yaml`);
  const text = caller(target);
  fs.writeFileSync(file, text);
  const uri = fileUri(file);
  await c.open(uri, text);
  const p = await within(c, 'diagnostics', c.waitForDiagnostics(uri, undefined, HANG_MS + 1000));
  assert.deepEqual(p.diagnostics.map((d) => [d.code, d.range.start.line]), [['workflow-not-found', 3]], JSON.stringify(p.diagnostics));
  // The message says why, from a stat (what is not a regular file is never opened).
  assert.match(p.diagnostics[0].message as string, why);
  // The server still answers, and a plan of the file on disk (the host for unopened files) too.
  const hover = await within(c, 'hover', c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 9 } }));
  assert.ok(hover, 'hover on the step id');
  fs.writeFileSync(file + '.unopened.weft.yaml', text);
  const planned = await within(c, 'weft/plan', c.conn.sendRequest('weft/plan', { uri: fileUri(file + '.unopened.weft.yaml') }));
  assert.ok(Array.isArray(planned), 'a plan of the unopened caller');
  const rss = c.rssMb();
  if (rss !== undefined) assert.ok(rss < 500, `server RSS ${rss.toFixed(0)} MB`);
  assert.deepEqual(c.errors, []);
}

describe('files a workflow step calls that are not regular workflow files', () => {
  it('a FIFO with no writer', async (t) => {
    if (!fifo) return t.skip('no mkfifo');
    await expectNotFound(fifo, /cannot be read: it is a named pipe, not a regular file$/);
  });

  it('/dev/zero (never ends)', { skip: !fs.existsSync('/dev/zero') }, async () => {
    await expectNotFound('/dev/zero', /cannot be read: it is a device, not a regular file$/);
  });

  it('/proc/kmsg (a regular file of size 0 whose read blocks)', { skip: !fs.existsSync('/proc/kmsg') }, async () => {
    await expectNotFound('/proc/kmsg', /cannot be read: (it cannot be read to its end without waiting, within 10 MB|permission denied)$/);
  });

  it('a 50 MB file (over the 10 MB limit: never read)', async () => {
    const big = path.join(dir, 'big.weft.yaml');
    fs.writeFileSync(big, 'steps: []\n');
    fs.truncateSync(big, 50 * 1024 * 1024); // sparse: costs no disk
    await expectNotFound(big, /cannot be read: it is 50\.0 MB; a workflow file may be at most 10 MB$/);
  });

  it('a symlink loop', async () => {
    const a = path.join(dir, 'loop-a.weft.yaml');
    const b = path.join(dir, 'loop-b.weft.yaml');
    fs.symlinkSync(b, a);
    fs.symlinkSync(a, b);
    await expectNotFound(a, /cannot be read: its symbolic links go round in a loop$/);
  });

  it('a folder', async () => {
    const folder = path.join(dir, 'folder.weft.yaml');
    fs.mkdirSync(folder);
    await expectNotFound(folder, /cannot be read: it is a folder$/);
  });

  it('weft/plan of a FIFO answers that it cannot read it', async (t) => {
    if (!fifo) return t.skip('no mkfifo');
    const c = await server();
    const answer = await within(c, 'weft/plan', c.conn.sendRequest('weft/plan', { uri: fileUri(fifo) }).then(() => 'answered', (e: Error) => e.message));
    assert.match(answer, /cannot read/);
  });

  it('a FIFO in the runs folder does not block hover', async (t) => {
    if (!fifo) return t.skip('no mkfifo');
    const project = path.join(dir, 'project');
    const runs = path.join(project, '.weft', 'runs');
    fs.mkdirSync(runs, { recursive: true });
    execFileSync('mkfifo', [path.join(runs, 'r1.jsonl')]);
    const file = path.join(project, 'flow.weft.yaml');
    const text = 'steps:\n  - id: a\n    stub: true\n';
    fs.writeFileSync(file, text);
    const c = await server();
    const uri = fileUri(file);
    await c.open(uri, text);
    await within(c, 'diagnostics', c.waitForDiagnostics(uri, undefined, HANG_MS + 1000));
    const hover = await within(c, 'hover', c.conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 9 } }));
    assert.ok(hover, 'hover on the step id');
  });
});
