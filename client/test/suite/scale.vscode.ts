// Big and long runs as a user with a real pipeline meets them: a foreach over thousands of items with
// nested parallel blocks and a sub-workflow per item, several runs at once, a step writing megabytes,
// while the Runs view is open. Asserts what the view shows and that its work stays bounded (counts of
// the provider's calls, not times); the numbers a person wants (stalls, memory) are printed as metrics.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { allSteps, api, metric, runNode, sleep, waitFor, workspaceDir, type Started } from './helpers.js';
import type { TreeSnapshot } from '../../src/test-api.js';

/** Writes `name` into the workspace folder and returns its Uri. */
function write(name: string, text: string): vscode.Uri {
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

async function start(uri: vscode.Uri): Promise<Extract<Started, { started: true }>> {
  const r = await vscode.commands.executeCommand<Started>('weft.run', uri);
  assert.ok(r.started, `run did not start: ${JSON.stringify(r)}`);
  return r;
}

/** A foreach over `n` items, each a parallel block nested four deep and a call of scale-child. */
function bigWorkflow(name: string, n: number, delay: string): string {
  const items = Array.from({ length: n }, (_, i) => `f${i}`).join(', ');
  return `name: ${name}
config:
  maxConcurrency: 10
steps:
  - id: prep
    stub: {output: ready}
  - id: each
    needs: [prep]
    foreach:
      items: [${items}]
      maxConcurrency: 10
      steps:
        - id: nest
          parallel:
            branches:
              a:
                - id: n2
                  parallel:
                    branches:
                      b:
                        - id: n3
                          parallel:
                            branches:
                              c:
                                - id: n4
                                  parallel: [ {id: deep1, stub: {output: "\${item}", delay: ${delay}}}, {id: deep2, stub: true} ]
                              d:
                                - id: leaf3
                                  stub: true
                      e:
                        - id: leaf2
                          stub: true
              z:
                - id: leaf1
                  stub: true
        - id: child
          needs: [nest]
          workflow:
            path: ./scale-child.weft.yaml
            inputs: {x: "\${item}"}
  - id: tail
    needs: [each]
    stub: true
`;
}
const CHILD = `name: scale-child
inputs:
  x: none
steps:
  - id: c1
    stub: {output: "\${inputs.x}"}
  - id: c2
    needs: [c1]
    stub: true
`;

/** Samples the extension host's event-loop stalls and a round trip to the workbench while `until` is pending. */
async function responsiveness(until: Promise<unknown>): Promise<{ maxLagMs: number; maxRoundTripMs: number; roundTrips: number }> {
  let done = false;
  void until.finally(() => (done = true));
  let maxLagMs = 0;
  let last = performance.now();
  const lag = setInterval(() => { const now = performance.now(); maxLagMs = Math.max(maxLagMs, now - last - 20); last = now; }, 20);
  let maxRoundTripMs = 0; let roundTrips = 0;
  while (!done) {
    const t = performance.now();
    await vscode.commands.executeCommand('weft.runs.focus');
    maxRoundTripMs = Math.max(maxRoundTripMs, performance.now() - t);
    roundTrips++;
    await sleep(100);
  }
  clearInterval(lag);
  return { maxLagMs: Math.round(maxLagMs), maxRoundTripMs: Math.round(maxRoundTripMs), roundTrips };
}

function count(nodes: TreeSnapshot[]): number {
  return nodes.reduce((n, c) => n + 1 + count(c.children), 0);
}

const mb = (n: number) => Math.round(n / 2 ** 20);

/** The heap in use after a full collection (V8's gc, reached without --expose-gc). */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc(); gc();
  return process.memoryUsage().heapUsed;
}

describe('Scale: big and long runs', function () {
  this.timeout(300_000);

  it('Scale: a foreach over 2,000 items (nested parallel, a sub-workflow per item): the tree is right and its refreshes cost in proportion to what changed', async () => {
    const a = await api();
    write('scale-child.weft.yaml', CHILD);
    const uri = write('scale-big.weft.yaml', bigWorkflow('scale-big', 2000, '60ms'));
    // As a user runs it: from its editor, the Runs view open beside it.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await vscode.commands.executeCommand('weft.runs.focus');
    const heapBefore = heapAfterGc();
    const callsBefore = a.__test.treeCalls();
    const refreshesBefore = a.__test.refreshCount();
    const r = await start(uri);
    const seen = await responsiveness(r.done);
    assert.equal((await r.done).status, 'succeeded');
    await sleep(1500); // the last throttled refreshes
    const calls = a.__test.treeCalls();
    const items = calls.items - callsBefore.items; const children = calls.children - callsBefore.children;
    const run = await waitFor('the finished run', 10_000, () => { const n = runNode(a, r.runId); return n?.status === 'succeeded' ? n : undefined; });
    const nodes = count([run]);
    const heapAfter = heapAfterGc();
    metric('scale 2,000 items: tree nodes', nodes);
    metric('scale 2,000 items: tree refreshes', a.__test.refreshCount() - refreshesBefore);
    metric('scale 2,000 items: getTreeItem calls during the run', items);
    metric('scale 2,000 items: getChildren calls during the run', children);
    metric('scale 2,000 items: longest extension host stall (ms)', seen.maxLagMs);
    metric('scale 2,000 items: longest command round trip (ms)', seen.maxRoundTripMs);
    metric('scale 2,000 items: heap MB before', mb(heapBefore));
    metric('scale 2,000 items: heap MB after', mb(heapAfter));
    const each = run.children.flatMap((c) => (c.label.startsWith('Stage') ? c.children : [c])).find((c) => c.path === 'each');
    assert.ok(each, 'the foreach node');
    assert.equal(each.status, 'succeeded');
    assert.equal(each.children.length, 2000);
    assert.deepEqual(each.children.slice(0, 3).map((c) => [c.label, c.description]), [['#0', 'f0'], ['#1', 'f1'], ['#2', 'f2']]);
    assert.deepEqual([each.children[1999].label, each.children[1999].description], ['#1999', 'f1999']);
    const steps = allSteps([run]);
    assert.equal(steps.filter((s) => s.status !== 'succeeded').map((s) => `${s.path}: ${s.status}`).slice(0, 5).join(', '), '');
    const c2 = steps.filter((s) => /^each\/\d+\/child\/c2$/.test(s.path!));
    assert.equal(c2.length, 2000, 'every call of the sub-workflow shows its steps');
    assert.equal(a.__test.statusBarText(), undefined);
    // The editor's lines count the iterations.
    const lines = await waitFor('the decorations settled', 10_000, () => { const d = Object.values(a.__test.decorations(uri.fsPath)); return d.some((t) => t.includes('2000 iterations')) ? d : undefined; });
    assert.ok(!lines.some((t) => t.startsWith('⟳')), lines.join('\n'));
    // What the refreshes cost: VS Code is not made to fetch the steps of 2,000 iterations nobody
    // opened (it fetched them all again at each refresh of the run's row: 88,017 fetches of children).
    assert.ok(children < 2000, `${children} getChildren calls for a tree of ${nodes} nodes`);
    assert.ok(items < nodes, `${items} getTreeItem calls for a tree of ${nodes} nodes`);
  });
});
