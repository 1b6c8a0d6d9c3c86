// When the analyser throws on a document, the editor must not show an empty, "clean" problem list:
// the server publishes one error saying the file could not be analysed, and weft/plan answers with
// an error instead of null. No input known today makes the analyser throw (an expression nested
// thousands of levels deep, which did, is now a template-syntax diagnostic), so the failure is made
// certain in process: a host whose read throws, under the DocumentStore and DiagnosticsPublisher the
// server runs, and an analyser that throws, given to planAnswer (the weft/plan handler without its
// connection), whose refusal planResponse (the adapter) turns into the error the client receives. Over LSP only the handler's wiring is checked, on the paths real inputs reach: a plan
// from the editor's text or the disk, and an unreadable file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { ResponseError } from 'vscode-languageserver/node';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { DocumentStore } from '../../src/document-store.js';
import { DiagnosticsPublisher } from '../../src/diagnostics-publisher.js';
import { planAnswer, type PlanAnswer, type PlanSources } from '../../src/services/plan-request.js';
import { planResponse } from '../../src/plan-response.js';
import { analyseText } from '../../src/engine-api.js';
import { fsHostReader } from '../../src/fs-read.js';

const OVERFLOW = 'RangeError: Maximum call stack size exceeded';
const throwsOverflow = (): never => { throw new RangeError('Maximum call stack size exceeded'); };
/** planAnswer's sources for files the editor has not opened, with `analyse` given by the test. */
function unopened(analyse: PlanSources['analyse'], logged: string[], texts: Record<string, string>): PlanSources {
  return { open: () => undefined, readFile: (f) => texts[f], analyse, log: (l) => logged.push(l) };
}
/** The ResponseError the server answers for planAnswer's refusal (fails if it gave a plan). */
function answerError(answer: PlanAnswer): ResponseError<unknown> {
  assert.ok('error' in answer, `a refusal, got ${JSON.stringify(answer)}`);
  let thrown: unknown;
  try { planResponse(answer); } catch (e) { thrown = e; }
  assert.ok(thrown instanceof ResponseError, `a ResponseError, got ${String(thrown)}`);
  return thrown;
}
/** The plan's top-level ids (fails on a refusal). */
function planIds(answer: PlanAnswer): string[] {
  assert.ok('ok' in answer, `a plan, got ${JSON.stringify(answer)}`);
  return answer.ok.map((n) => n.id);
}

describe('weft/plan when the analyser throws (planAnswer given an analyser that throws)', () => {
  it('an unopened file: an InternalError that names the file and the failure, and the stack in the log', () => {
    const logged: string[] = [];
    const uri = 'file:///tmp/weft-throws/deep.weft.yaml';
    const err = answerError(planAnswer({ uri }, unopened(throwsOverflow, logged, { '/tmp/weft-throws/deep.weft.yaml': 'steps: []\n' })));
    assert.equal(err.code, -32603);
    assert.equal(err.message, `Weft could not analyse ${uri} (${OVERFLOW})`);
    assert.equal(logged.length, 1);
    assert.ok(logged[0].startsWith(`weft: analysis failed for ${uri}: ${OVERFLOW}\n`), logged[0]);
  });

  it('an open document whose analysis failed: the same error, without analysing again', () => {
    const uri = 'file:///tmp/weft-throws/open.weft.yaml';
    const store = new DocumentStore();
    store.readFile = throwsOverflow; // the called file's read throws: the analysis of the caller throws
    store.open(uri, 'weft-yaml', 1, 'steps:\n  - id: child\n    workflow:\n      path: child.weft.yaml\n');
    const logged: string[] = [];
    const src: PlanSources = { ...unopened(() => assert.fail('analysed again'), logged, {}), open: (u) => store.analysed(u) };
    const err = answerError(planAnswer({ uri }, src));
    assert.equal(err.code, -32603);
    assert.equal(err.message, `Weft could not analyse ${uri} (${OVERFLOW})`);
    // The next version analyses: its plan is answered.
    store.change(uri, 2, [{ text: 'steps:\n  - id: a\n    stub: true\n' }]);
    assert.deepEqual(planIds(planAnswer({ uri }, src)), ['a']);
  });

  it('an analyser that succeeds, bad params and an unreadable file', () => {
    const logged: string[] = [];
    const src = unopened((text, file) => analyseText(text, file, fsHostReader), logged, { '/w/a.weft.yaml': 'steps:\n  - id: x\n    stub: true\n' });
    assert.deepEqual(planIds(planAnswer({ uri: 'file:///w/a.weft.yaml' }, src)), ['x']);
    const noUri = answerError(planAnswer({}, src));
    assert.equal(noUri.code, -32602);
    assert.equal(noUri.message, 'weft/plan expects {uri}');
    const unreadable = answerError(planAnswer({ uri: 'file:///w/none.weft.yaml' }, src));
    assert.equal(unreadable.code, -32602);
    assert.equal(unreadable.message, 'cannot read file:///w/none.weft.yaml');
    assert.deepEqual(logged, []);
  });
});

describe('weft/plan over LSP: the plan of the editor\'s text, else of the file on disk', () => {
  it('answers the plan of an unopened file, of an open one, and an error for a file it cannot read', async () => {
    const client = await LspClient.weft();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lsp-plan-'));
    try {
      const file = path.join(dir, 'disk.weft.yaml');
      fs.writeFileSync(file, 'steps:\n  - id: on_disk\n    stub: true\n');
      const ids = (r: unknown) => (r as { id: string }[]).map((n) => n.id);
      assert.deepEqual(ids(await client.conn.sendRequest('weft/plan', { uri: fileUri(file) })), ['on_disk']);
      await client.open(fileUri(file), 'steps:\n  - id: in_editor\n    stub: true\n');
      assert.deepEqual(ids(await client.conn.sendRequest('weft/plan', { uri: fileUri(file) })), ['in_editor']);
      const missing = fileUri(path.join(dir, 'missing.weft.yaml'));
      const err = await client.conn.sendRequest('weft/plan', { uri: missing }).then(() => undefined, (e: Error) => e);
      assert.equal(err?.message, `cannot read ${missing}`);
      assert.equal((err as ResponseError<unknown> | undefined)?.code, -32602);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await client.stop();
    }
  });
});

describe('a version the analyser throws on, in process (a host whose read throws)', () => {
  it('is published as one error that says so; the next version that analyses gets its real diagnostics', async () => {
    const uri = 'file:///tmp/weft-throws/caller.weft.yaml';
    const store = new DocumentStore();
    const logged: string[] = [];
    store.onError = (m) => logged.push(m);
    // The analyser reads the called file through the store: a throw there is a throw of the analysis.
    store.readFile = () => { throw new RangeError('Maximum call stack size exceeded'); };
    let received: (p: PublishDiagnosticsParams) => void = () => {};
    const publisher = new DiagnosticsPublisher(store, { sendDiagnostics: (p) => received(p) });
    const published = () => new Promise<PublishDiagnosticsParams>((resolve) => { received = resolve; });
    try {
      store.open(uri, 'weft-yaml', 1, 'steps:\n  - id: child\n    workflow:\n      path: child.weft.yaml\n');
      let next = published();
      publisher.schedule(uri, true);
      const failed = await next;
      assert.equal(failed.version, 1);
      assert.equal(failed.diagnostics.length, 1, JSON.stringify(failed.diagnostics));
      assert.equal(failed.diagnostics[0].severity, 1);
      assert.deepEqual(failed.diagnostics[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 6 } });
      assert.match(String(failed.diagnostics[0].message), /^Weft could not analyse this file \(RangeError: Maximum call stack size exceeded\), so its problems cannot be shown; this is a bug in Weft/);
      assert.equal(store.latest(uri)?.failure, 'RangeError: Maximum call stack size exceeded');
      assert.ok(logged.some((m) => m.startsWith(`weft: analysis failed for ${uri}: RangeError`)), logged.join('\n'));

      store.change(uri, 2, [{ text: 'steps:\n  - id: a\n    stub: { output: "${steps.nope.output}" }\n' }]);
      next = published();
      publisher.schedule(uri, true);
      const fixed = await next;
      assert.equal(fixed.version, 2);
      assert.deepEqual(fixed.diagnostics.map((d) => d.code), ['unknown-step']);
      assert.equal(store.latest(uri)?.failure, undefined);
    } finally {
      publisher.cancel(uri);
    }
  });
});
