// The engine as a library, exactly as a Node program gets it: the package export `weft/engine`
// (dist/engine.js, built by esbuild), used as the README's "Engine API" shows.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '../../..');
type Engine = typeof import('../../src/index.js');
let engine: Engine;

describe('weft/engine (dist/engine.js)', () => {
  before(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT });
    // Resolved through package.json "exports", as another package would.
    engine = require(require.resolve('weft/engine', { paths: [ROOT] })) as Engine;
  });

  it('resolves to the bundle', () => {
    assert.equal(require.resolve('weft/engine', { paths: [ROOT] }), path.join(ROOT, 'dist/engine.js'));
  });

  it('analyses, plans and runs a workflow with events, as the README shows', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lib-'));
    const file = path.join(dir, 'flow.weft.yaml');
    const text = 'steps:\n  - id: a\n    shell: sleep 0.3; echo A\n  - id: b\n    shell: sleep 0.3; echo B\n  - id: both\n    stub: { output: "${steps.a.output}${steps.b.output}" }\n';
    fs.writeFileSync(file, text);
    const analysis = engine.analyseText(text, file);
    assert.deepEqual(analysis.diagnostics, []);
    const plan = engine.buildPlan(analysis);
    assert.deepEqual(plan.steps.map((s) => [s.id, s.stage]), [['a', 1], ['b', 1], ['both', 2]]);
    const events: { type: string; path?: string }[] = [];
    const run = await engine.startRun({ file, runsDir: path.join(dir, 'runs'), onEvent: (e) => events.push(e as never) });
    const fin = await run.done;
    assert.equal(fin.status, 'succeeded');
    assert.deepEqual(fin.outputs, {});
    const order = events.map((e) => `${e.type}${e.path ? ` ${e.path}` : ''}`);
    // a and b both start before either finishes: they ran in parallel.
    const firstFinish = order.findIndex((x) => x.startsWith('step.finished'));
    assert.ok(order.indexOf('step.started a') < firstFinish && order.indexOf('step.started b') < firstFinish, order.join('\n'));
    const record = await engine.readRunRecord(path.join(dir, 'runs'), run.runId);
    assert.deepEqual(record.map((e) => e.type), events.map((e) => e.type), 'the record holds the same events');
  });

  it("follows workflow calls with fsHost, as the README shows, and not without a host", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lib-'));
    fs.writeFileSync(path.join(dir, 'child.weft.yaml'), 'steps:\n  - id: inner\n    stub: { output: "${steps.nope.output}" }\n');
    const file = path.join(dir, 'flow.weft.yaml');
    const text = 'steps:\n  - id: call\n    workflow: { path: ./child.weft.yaml }\n';
    fs.writeFileSync(file, text);
    const followed = engine.analyseText(text, file, { host: engine.fsHost });
    assert.deepEqual(followed.diagnostics.map((d) => d.code), ['workflow-invalid'], "the called file's unknown step");
    assert.equal(engine.buildPlan(followed).steps[0]!.children?.[0]?.id, 'inner');
    const alone = engine.analyseText(text, file);
    assert.deepEqual(alone.diagnostics, []);
    assert.equal(engine.buildPlan(alone).steps[0]!.children, undefined);
  });

  it('refuses a workflow with errors, with the diagnostics', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-lib-'));
    const file = path.join(dir, 'bad.weft.yaml');
    fs.writeFileSync(file, 'steps:\n  - id: a\n    stub: { output: "${steps.nope.output}" }\n');
    await assert.rejects(engine.startRun({ file, runsDir: path.join(dir, 'runs') }), (e: Error & { diagnostics?: { code: string }[] }) => {
      assert.ok(e instanceof engine.WorkflowInvalidError);
      assert.deepEqual(e.diagnostics?.map((d) => d.code), ['unknown-step']);
      return true;
    });
    assert.equal(fs.existsSync(path.join(dir, 'runs')) && fs.readdirSync(path.join(dir, 'runs')).length > 0, false, 'nothing was recorded');
  });
});
