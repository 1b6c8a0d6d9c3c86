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
import { scaleChild, scaleWorkflow } from '../../../test/support/scale-workflow.js';
import { allSteps, api, metric, runNode, sleep, startRun, waitFor, workspaceDir, writeWorkspaceFile, type Started } from './helpers.js';
import type { TreeSnapshot } from '../../src/test-api.js';

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
    writeWorkspaceFile('scale-child.weft.yaml', scaleChild('scale-child'));
    const uri = writeWorkspaceFile('scale-big.weft.yaml', scaleWorkflow({ name: 'scale-big', items: 2000, delay: '60ms', child: 'scale-child.weft.yaml' }));
    // As a user runs it: from its editor, the Runs view open beside it.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await vscode.commands.executeCommand('weft.runs.focus');
    const heapBefore = heapAfterGc();
    const callsBefore = a.__test.treeCalls();
    const refreshesBefore = a.__test.refreshCount();
    const r = await startRun(uri);
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

  it('Scale: a history of 50 records of 2,000-item runs: read at their ends at start, held as run rows, a tree read from its record when expanded, at most a few trees held', async () => {
    const a = await api();
    // A finished record of the big run: the test above leaves one; otherwise it is run here.
    const runsDir = path.join(workspaceDir(), '.weft', 'runs');
    const isBig = (f: string) => { const t = fs.readFileSync(path.join(runsDir, f), 'utf8'); return t.startsWith('{"type":"run.started"') && t.includes('"workflow":"scale-big"') && t.trimEnd().split('\n').pop()!.includes('"type":"run.finished"'); };
    let source = fs.existsSync(runsDir) ? fs.readdirSync(runsDir).filter((f) => f.endsWith('.jsonl')).find(isBig) : undefined;
    if (!source) {
      writeWorkspaceFile('scale-child.weft.yaml', scaleChild('scale-child'));
      const r = await startRun(writeWorkspaceFile('scale-big.weft.yaml', scaleWorkflow({ name: 'scale-big', items: 2000, delay: '5ms', child: 'scale-child.weft.yaml' })));
      assert.equal((await r.done).status, 'succeeded');
      source = `${r.runId}.jsonl`;
    }
    const text = fs.readFileSync(path.join(runsDir, source), 'utf8');
    const oldId = source.slice(0, -'.jsonl'.length);
    const history = path.join(workspaceDir(), 'history', '.weft', 'runs');
    fs.mkdirSync(history, { recursive: true });
    const ids = Array.from({ length: 50 }, (_, i) => `20250101T0000${String(i).padStart(2, '0')}-${String(1000 + i)}`);
    for (const id of ids) fs.writeFileSync(path.join(history, `${id}.jsonl`), text.split(`"runId":"${oldId}"`).join(`"runId":"${id}"`));
    const before = a.__test.runTrees();
    const heapBefore = heapAfterGc();
    const loadMs = a.__test.watchRuns(history);
    const heapLoaded = heapAfterGc();
    const loaded = a.__test.runTrees();
    metric('history of 50 big records: first read (ms)', Math.round(loadMs));
    metric('history of 50 big records: heap MB held after reading them', mb(heapLoaded - heapBefore));
    assert.equal(loaded.runs - before.runs, 50);
    assert.equal(loaded.full, before.full, 'no tree is built at start');
    assert.equal(loaded.rebuilds, before.rebuilds);
    // A run row as a summary: what it showed before (status, name, time, duration, counts in its tooltip).
    const row = runNode(a, ids[0])!;
    assert.equal(row.status, 'succeeded');
    assert.equal(row.label, 'scale-big');
    // 47 MB per run held before (all 50 trees): now its run row only. Generous: 2 MB a run.
    assert.ok(heapLoaded - heapBefore < 50 * 2 * 2 ** 20, `${mb(heapLoaded - heapBefore)} MB held for 50 run rows`);
    // Expanded (revealed), a run's tree is read from its record, whole. (VS Code has the new rows once the view refreshed.)
    await vscode.commands.executeCommand('weft.runs.focus');
    await sleep(1000);
    await a.__test.revealRun(ids[7]);
    await waitFor('the tree read from its record', 30_000, () => a.__test.runTrees().rebuilds > before.rebuilds);
    const run = runNode(a, ids[7])!;
    const each = run.children.flatMap((c) => (c.label.startsWith('Stage') ? c.children : [c])).find((c) => c.path === 'each')!;
    assert.equal(each.children.length, 2000);
    assert.equal(allSteps([run]).filter((s) => s.status !== 'succeeded').length, 0);
    // Six more expanded: finished trees are held within kept-trees.ts's budget of step nodes (one of
    // these big runs, each over it), beside those held before.
    for (const id of ids.slice(10, 16)) { await a.__test.revealRun(id); await sleep(500); }
    await sleep(500);
    const after = a.__test.runTrees();
    const heapExpanded = heapAfterGc();
    metric('history of 50 big records: trees held after expanding 7', after.full - before.full);
    metric('history of 50 big records: heap MB held after expanding 7', mb(heapExpanded - heapBefore));
    assert.ok(after.full - before.full <= 3, `${after.full - before.full} trees held`);
    assert.ok(heapExpanded - heapBefore < 400 * 2 ** 20, `${mb(heapExpanded - heapBefore)} MB held`);
    fs.rmSync(path.join(workspaceDir(), 'history'), { recursive: true, force: true });
    await waitFor('the history gone from the view', 15_000, () => a.__test.runTrees().runs === before.runs);
  });

  it('Scale: three runs of different files at once, one cancelled mid-run and re-run: the view and the status bar settle', async () => {
    const a = await api();
    const wf = (name: string, delay: string) => writeWorkspaceFile(`${name}.weft.yaml`, `name: ${name}
steps:
  - id: fan
    parallel: [ {id: p1, stub: {delay: ${delay}}}, {id: p2, stub: {delay: ${delay}}}, {id: p3, stub: {delay: ${delay}}} ]
  - id: each
    needs: [fan]
    foreach:
      items: [a, b, c, d]
      maxConcurrency: 2
      steps:
        - id: s
          stub: {output: "\${item}", delay: ${delay}}
`);
    const [one, two, three] = [wf('scale-three-a', '1s'), wf('scale-three-b', '3s'), wf('scale-three-c', '1500ms')];
    const runs = [await startRun(one), await startRun(two), await startRun(three)];
    // The third run's steps start a moment after its run does, and the bar is redrawn every 100 ms:
    // wait for the count, not only for the three runs (asserted at once, it read 3/... or 6/...).
    let bar: string | undefined;
    await waitFor('the status bar counting three runs of three parallel steps each', 10_000, () => {
      bar = a.__test.statusBarText();
      return a.__test.liveRunIds().length === 3 && /^\$\(sync~spin\) Weft: 9\/\d+ running$/.test(bar ?? '');
    }).catch(() => assert.fail(`the status bar said ${JSON.stringify(bar)} with ${a.__test.liveRunIds().length} runs going`));
    assert.deepEqual([...a.__test.runningFiles()].sort(), [one.fsPath, three.fsPath, two.fsPath].sort());
    await vscode.commands.executeCommand('weft.cancel', { runId: runs[1].runId });
    const ends = await Promise.all(runs.map((r) => r.done));
    assert.deepEqual(ends.map((e) => e.status), ['succeeded', 'cancelled', 'succeeded']);
    const again = await vscode.commands.executeCommand<Started>('weft.rerun', { runId: runs[1].runId });
    assert.ok(again.started);
    assert.equal((await again.done).status, 'succeeded');
    await waitFor('the status bar hidden', 5000, () => a.__test.statusBarText() === undefined);
    await waitFor('no running files', 5000, () => a.__test.runningFiles().length === 0);
    const tree = a.__test.tree();
    const ids = [again.runId, ...runs.map((r) => r.runId)];
    assert.deepEqual(tree.filter((n) => ids.includes(n.runId!)).map((n) => n.runId), [again.runId, runs[2].runId, runs[1].runId, runs[0].runId], 'newest first');
    const shown = ids.map((id) => runNode(a, id)!);
    assert.deepEqual(shown.map((n) => n.status), ['succeeded', 'succeeded', 'cancelled', 'succeeded']);
    for (const n of shown) {
      const spinning = allSteps([n]).filter((s) => s.icon === 'sync~spin' || s.status === 'running' || s.status === 'pending');
      assert.deepEqual(spinning.map((s) => `${n.label} ${s.path}: ${s.status}`), []);
    }
    assert.equal(allSteps([shown[0]]).filter((s) => s.status === 'succeeded').length, allSteps([shown[1]]).filter((s) => s.status === 'succeeded').length);
  });

  it('Scale: a step writing megabytes fast, the Runs view and its output editor open: the view holds a bounded log, the editor opens the whole output', async () => {
    const a = await api();
    const uri = writeWorkspaceFile('scale-loud.weft.yaml', `name: scale-loud
steps:
  - id: loud
    shell: "sleep 1; i=0; while [ $i -lt 40 ]; do head -c 200000 /dev/zero | tr '\\\\0' 'x' | fold -w 100; i=$((i+1)); done; echo END"
  - id: after
    needs: [loud]
    stub: true
`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await vscode.commands.executeCommand('weft.runs.focus');
    const heapBefore = heapAfterGc();
    const r = await startRun(uri);
    await waitFor('loud running', 10_000, () => runNode(a, r.runId) && allSteps([runNode(a, r.runId)!]).some((s) => s.path === 'loud' && s.status === 'running'));
    await vscode.commands.executeCommand('weft.showStepOutput', { runId: r.runId, path: 'loud' });
    const seen = await responsiveness(r.done);
    assert.equal((await r.done).status, 'succeeded');
    const doc = await waitFor('the output editor showing the end', 15_000, () => vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.uri.scheme !== 'file' && d.getText().includes('END')));
    metric('loud step (8 MB): longest extension host stall (ms)', seen.maxLagMs);
    metric('loud step (8 MB): longest command round trip (ms)', seen.maxRoundTripMs);
    metric('loud step (8 MB): output editor length (chars)', doc.getText().length);
    metric('loud step (8 MB): heap MB retained', mb(heapAfterGc() - heapBefore));
    assert.ok(doc.getText().length > 8_000_000, `the output editor holds ${doc.getText().length} characters`);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
