// The graph panel in a real VS Code: a big plan is laid out in the page's worker while the page keeps
// answering (probes answered and a tab switched mid-layout), its "Laying out N steps…" notice seen
// from both tabs (the probe reports the notice only when it is rendered); a layout made stale by a newer plan is
// never drawn over it; a panel hidden and shown again, or re-revealed by its command, opens on the
// tab the user left it on. The page reports what it shows through the test accessor (graphProbe,
// graphDrawn); nothing here asserts a duration.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { api, assertDom, domShows, fixture, metric, open, sleep, waitFor, workspaceDir } from './helpers.js';
import type { PageShows } from '../../src/graph-view/messages.js';
import type { WeftApi } from '../../src/extension.js';

const BIG = 3000;
const GraphVisible = () => vscode.window.tabGroups.all.some((g) => g.activeTab?.input instanceof vscode.TabInputWebview && g.activeTab.label === 'Weft Graph');

/** A binary tree of `n` steps: s1 and s2 need s0, s3 and s4 need s1, ... */
function writeTree(name: string, n: number): string {
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, 'steps:\n' + Array.from({ length: n }, (_, i) => `  - id: s${i}\n${i ? `    needs: [s${(i - 1) >> 1}]\n` : ''}    stub: true\n`).join(''));
  return file;
}

/** The page's answer to a probe, or undefined if none came within a second (a page dropped meanwhile answers none; one busy on its main thread answers late). */
async function probe(a: WeftApi): Promise<PageShows | undefined> {
  const p = a.__test.graphProbe();
  if (!p) return undefined;
  return Promise.race([p, sleep(1000).then(() => undefined)]);
}

async function showInColumnOne(file: string): Promise<void> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { viewColumn: vscode.ViewColumn.One, preview: false });
}

async function closeGraphAnd(files: string[]): Promise<void> {
  await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Weft Graph' || (t.input instanceof vscode.TabInputText && files.includes(t.input.uri.fsPath))));
}

describe('Graph panel', function () {
  this.timeout(180_000);

  it(`lays out ${BIG} steps in the page's worker, answering and switching tabs meanwhile`, async () => {
    const a = await api();
    const file = writeTree('graph-big.weft.yaml', BIG);
    try {
      await showInColumnOne(file);
      await vscode.commands.executeCommand('weft.showGraph', vscode.Uri.file(file));
      // Probe the page, one probe after the other, until it has drawn the plan; switch it to the
      // Timeline tab as soon as it says it is laying out, and back.
      const during: PageShows[] = [];
      let switched = false;
      const drawn = await waitFor(`${BIG} boxes drawn`, 150_000, async () => {
        const d = a.__test.graphDrawn();
        if (d?.nodes.length === BIG) return d;
        const s = await probe(a);
        if (s?.layingOut !== null && s?.layingOut !== undefined) {
          during.push(s);
          if (!switched) { switched = true; a.__test.graphTab('time'); } else if (s.tab === 'time') a.__test.graphTab('graph');
        }
        return undefined;
      }, 20);
      metric(`${BIG}-step graph: layout (in the page's ${drawn.layoutIn ?? '?'}), ms`, drawn.layoutMs ?? -1);
      metric(`${BIG}-step graph: probes the page answered while laying out`, during.length);
      assert.equal(drawn.layoutIn, 'worker', `the layout ran in the worker (the page says: ${drawn.noWorker ?? 'nothing'})`);
      assert.equal(drawn.edges, BIG - 1);
      // Answered while the layout went on: with the layout on the page's main thread, the probes wait
      // until it is done, and are answered after the graph is drawn.
      assert.ok(during.length >= 3, `the page answered ${during.length} probes while laying out`);
      // The notice is rendered on whichever tab is shown (the probe reports it only when the user can see it).
      for (const s of during) {
        assert.equal(s.layingOut, BIG);
        assert.equal(s.notice, `Laying out ${BIG} steps…`, `the notice shows on the ${s.tab} tab`);
      }
      assert.ok(during.some((s) => s.tab === 'time'), 'a tab switch took effect while laying out');
      assert.ok(during.some((s) => s.tab === 'graph'), 'probes on the Graph tab too');
      const after = await probe(a);
      assert.deepEqual([after?.layingOut, after?.notice, after?.nodes], [null, '', BIG]);
    } finally {
      a.__test.graphTab('graph');
      await closeGraphAnd([file]);
      fs.rmSync(file, { force: true });
    }
  });

  it('never draws a layout made stale by a newer plan over it', async () => {
    const a = await api();
    const big = writeTree('graph-stale-big.weft.yaml', BIG);
    const small = writeTree('graph-stale-small.weft.yaml', 2);
    const untilBigLayingOut = () => waitFor('the page to lay the big plan out', 60_000, async () => (await probe(a))?.layingOut === BIG, 20);
    /** Waits until the page has no layout in flight (a stale one would be drawn by then), and returns what it drew last. */
    const settled = async () => {
      await waitFor('the page to have no layout in flight', 120_000, async () => { const s = await probe(a); return s && s.layingOut === null && !s.inFlight; }, 50);
      return a.__test.graphDrawn()!;
    };
    try {
      // 1. The newer plan is the one the page laid out last (answered from its cache at once).
      await open('parallel.weft.yaml');
      await vscode.commands.executeCommand('weft.showGraph', fixture('parallel.weft.yaml'));
      await waitFor('parallel drawn', 30_000, () => a.__test.graphDrawn()?.nodes.length === 4, 100);
      await showInColumnOne(big);
      await untilBigLayingOut();
      const shown = a.__test.graphDrawn()!;
      await open('parallel.weft.yaml');
      const back = await waitFor('parallel drawn again', 30_000, () => { const d = a.__test.graphDrawn(); return d && d.plans > shown.plans && d.nodes.length === 4 ? d : undefined; }, 20);
      assert.equal(back.layouts, 1, 'drawn from the cache, not laid out again');
      const first = await settled();
      assert.deepEqual([...first.nodes].sort(), ['combine', 'north', 'south', 'west'], 'the big plan\'s layout did not replace the newer one');
      assert.ok(first.cancelled >= 1, 'the big layout was cancelled');
      // 2. The newer plan needs a layout of its own.
      await showInColumnOne(big);
      await untilBigLayingOut();
      const before = a.__test.graphDrawn()!;
      await showInColumnOne(small);
      const second = await settled();
      assert.deepEqual([...second.nodes].sort(), ['s0', 's1'], 'the small plan is drawn, not the big one');
      assert.ok(second.cancelled > before.cancelled, 'the big layout was cancelled again');
      assert.equal(second.layoutIn, 'worker');
    } finally {
      await closeGraphAnd([big, small, fixture('parallel.weft.yaml').fsPath]);
      fs.rmSync(big, { force: true });
      fs.rmSync(small, { force: true });
    }
  });

  it('opens on the tab the user left when hidden and shown again, or revealed by its command', async () => {
    const a = await api();
    await open('parallel.weft.yaml');
    await vscode.commands.executeCommand('weft.showGraph', fixture('parallel.weft.yaml'));
    await waitFor('the graph drawn', 30_000, () => a.__test.graphDrawn()?.nodes.length === 4, 100);
    a.__test.graphTab('time');
    await waitFor('the Timeline tab shown', 10_000, async () => (await probe(a))?.tab === 'time', 50);
    const group = vscode.window.tabGroups.all.find((g) => g.activeTab?.label === 'Weft Graph')!;
    /** Covers the graph with another editor in its group (its page is dropped: retainContextWhenHidden is off). */
    const cover = async () => {
      const doc = await vscode.workspace.openTextDocument({ content: 'covers the graph' });
      await vscode.window.showTextDocument(doc, { viewColumn: group.viewColumn, preview: false });
      await waitFor('the graph to be covered', 5000, () => !GraphVisible());
      return doc;
    };
    const uncover = (doc: vscode.TextDocument) => vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString()));
    /** The tab shown by the new page of the panel, once it has drawn its plan (the last page's report is `old`). */
    const reshownTab = async (old: unknown) => {
      await waitFor('a new page to draw the graph', 20_000, () => { const d = a.__test.graphDrawn(); return d !== old && d?.restored && d.nodes.length === 4; }, 100);
      return (await waitFor('the new page to answer', 10_000, () => probe(a), 50)).tab;
    };
    try {
      // Hidden behind another editor and shown again by closing that editor.
      let old = a.__test.graphDrawn();
      let covering = await cover();
      await uncover(covering);
      assert.equal(await reshownTab(old), 'time', 'the re-shown panel opened on the Timeline tab');
      // Hidden again, and revealed by the command.
      old = a.__test.graphDrawn();
      covering = await cover();
      await vscode.commands.executeCommand('weft.showGraph', fixture('parallel.weft.yaml'));
      assert.equal(await reshownTab(old), 'time', 'the panel revealed by its command opened on the Timeline tab');
      await uncover(covering);
      // The user's switch back to the Graph tab is kept as well.
      a.__test.graphTab('graph');
      await waitFor('the Graph tab shown', 10_000, async () => (await probe(a))?.tab === 'graph', 50);
      old = a.__test.graphDrawn();
      covering = await cover();
      await uncover(covering);
      assert.equal(await reshownTab(old), 'graph');
    } finally {
      await closeGraphAnd([fixture('parallel.weft.yaml').fsPath]);
    }
  });

  it('a click on a box of a file never run selects its step; after the file is deleted, says so', async () => {
    const a = await api();
    const file = path.join(workspaceDir(), 'graph-click.weft.yaml');
    let plain: vscode.TextDocument | undefined;
    fs.writeFileSync(file, 'name: graph-click\nsteps:\n  - id: first\n    stub: true\n  - id: second\n    needs: [first]\n    stub: true\n');
    try {
      await showInColumnOne(file);
      await vscode.commands.executeCommand('weft.showGraph', vscode.Uri.file(file));
      await waitFor('the graph drawn', 30_000, () => a.__test.graphDrawn()?.nodes.length === 2, 100);
      const shown = (await a.__test.graphReveal('second')) as vscode.TextEditor | undefined;
      assert.equal(shown?.document.uri.fsPath, file);
      assert.equal(shown?.document.getText(shown.selection), 'second', 'the box\'s step (its id) is selected');
      // Deleted behind the open graph (the editor closed first, so VS Code holds no text of it). A
      // plain text editor comes to the front first: the graph follows the active Weft editor, and
      // closing this one would bring another workflow of the workspace to the front.
      plain = await vscode.workspace.openTextDocument({ content: 'not a workflow' });
      await vscode.window.showTextDocument(plain, { viewColumn: vscode.ViewColumn.One, preview: false });
      await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.fsPath === file));
      fs.rmSync(file);
      let error: unknown;
      const after = await Promise.resolve(a.__test.graphReveal('first')).catch((e: unknown) => { error = e; return undefined; });
      assert.equal(error, undefined, `the click failed: ${error}`);
      assert.equal(after, undefined, 'the click opened the deleted file');
      assertDom(await domShows('graph-click-gone', [{ selector: '.notifications-toasts', text: 'graph-click.weft.yaml no longer exists' }]));
      await vscode.commands.executeCommand('notifications.clearAll');
    } finally {
      await closeGraphAnd([file]);
      await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === plain?.uri.toString()));
      fs.rmSync(file, { force: true });
    }
  });
});
