// The graph page carries dagre once, inside its layout worker's source (webview/layout-worker.ts as a
// string, worker-source.ts): the page's own script bundles no dagre, and that one source serves both
// ways of laying out, answering posted plans in a worker and leaving layoutPlan on the page's global
// object when run as a script of the page (the main-thread fallback). Run here in Node's vm (its
// objects come from another realm, so they are compared through JSON).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { layoutPlan } from '../../src/graph-view/layout.js';
import { PAGE_LAYOUT, type WorkerAnswer } from '../../src/graph-view/webview/layout-runner.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';
import { webviewBundle } from './graph-webview-bundle.js';

const n = (id: string, needs: string[] = []): PlanNode => ({ id, path: id, kind: 'stub', name: id, stage: 1, needs });
const plan = [n('a'), n('b', ['a']), n('c', ['a'])];
const dagre = (inputs: string[]) => inputs.filter((f) => f.includes('@dagrejs'));

test("dagre is in the worker's source and not in the page's own script", async () => {
  const b = await webviewBundle();
  assert.ok(dagre(b.workerInputs).length > 0, 'the worker bundles dagre');
  assert.deepEqual(dagre(b.pageInputs), [], "the page's script bundles no dagre of its own");
});

test('run in a worker, the source answers each posted plan', async () => {
  const { worker } = await webviewBundle();
  const answers: WorkerAnswer[] = [];
  const scope: Record<string, unknown> = { WorkerGlobalScope: function WorkerGlobalScope() {}, performance, structuredClone, postMessage: (a: WorkerAnswer) => answers.push(a) };
  scope.globalThis = scope;
  vm.runInNewContext(worker, scope);
  assert.equal(scope[PAGE_LAYOUT], undefined, 'nothing left on a worker\'s global object');
  (scope.onmessage as (ev: { data: unknown }) => void)({ data: { id: 7, plan } });
  assert.equal(answers.length, 1);
  const a = answers[0];
  assert.ok(!('error' in a), 'error' in a ? a.error : '');
  assert.deepEqual(JSON.parse(JSON.stringify([a.id, a.where, a.layout])), [7, 'worker', layoutPlan(plan)]);
});

test("run as a script of the page, the source leaves layoutPlan on the page's global object and posts nothing", async () => {
  const { worker } = await webviewBundle();
  let posted = 0;
  const page: Record<string, unknown> = { performance, structuredClone, postMessage: () => posted++ };
  page.globalThis = page;
  vm.runInNewContext(worker, page);
  const lay = page[PAGE_LAYOUT] as (p: PlanNode[]) => unknown;
  assert.equal(typeof lay, 'function');
  assert.equal(page.onmessage, undefined, "the page's own messages are left alone");
  assert.deepEqual(JSON.parse(JSON.stringify(lay(plan))), layoutPlan(plan));
  assert.equal(posted, 0);
});
