// A multi-root workspace (the runner opens weft.code-workspace with the folders `alpha` and `beta`,
// each a copy of the fixtures): a run records into its own folder's .weft/runs and works in its own
// folder, the Runs view tells same-named workflows of the two folders apart, terminal runs of both
// folders appear, Re-run Failed from the view records beside the run it repeats, the Run quick pick
// says which folder a file is in, each folder's settings apply to its runs, and the language server
// reads each folder's own run history.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { allSteps, api, domShows, assertDom, hoverText, maxOverlap, recordOf as recordIn, runNode, startRun, stepOutput, waitFor, weftCli, weftRun, writeWorkspaceFile } from './helpers.js';
import { workflowPickItems } from '../../src/commands/run.js';

const folders = () => vscode.workspace.workspaceFolders!;
const dirOf = (name: string) => folders().find((f) => f.name === name)!.uri.fsPath;

const write = (folder: string, name: string, text: string) => writeWorkspaceFile(name, text, dirOf(folder));
const recordOf = (folder: string, runId: string) => recordIn(runId, dirOf(folder));

const SAME = (who: string) => `name: same\nsteps:\n  - id: where\n    shell: pwd && echo ${who}\n`;

describe('Multi-root', function () {
  this.timeout(90_000);

  it('opens the two folders of the .code-workspace', () => {
    assert.ok(vscode.workspace.workspaceFile, 'a .code-workspace is open');
    assert.deepEqual(folders().map((f) => f.name), ['alpha', 'beta']);
  });

  it('records a run in its own folder, runs it there, and tells same-named runs of two folders apart', async () => {
    const a = await api();
    const ra = await startRun(write('alpha', 'same.weft.yaml', SAME('from-alpha')));
    const rb = await startRun(write('beta', 'same.weft.yaml', SAME('from-beta')));
    assert.equal((await ra.done).status, 'succeeded');
    assert.equal((await rb.done).status, 'succeeded');
    assert.ok(fs.existsSync(recordOf('alpha', ra.runId)), 'alpha\'s run is recorded in alpha/.weft/runs');
    assert.ok(fs.existsSync(recordOf('beta', rb.runId)), 'beta\'s run is recorded in beta/.weft/runs');
    assert.ok(!fs.existsSync(recordOf('beta', ra.runId)) && !fs.existsSync(recordOf('alpha', rb.runId)), 'each record only in its own folder');
    // The shell works in its file's folder.
    assert.match(await stepOutput(ra.runId, 'where'), new RegExp(`${dirOf('alpha')}\\n[^]*from-alpha`));
    assert.match(await stepOutput(rb.runId, 'where'), new RegExp(`${dirOf('beta')}\\n[^]*from-beta`));
    // Two rows both called "same": the row says which folder each is.
    const rowA = await waitFor('alpha\'s row', 5000, () => runNode(a, ra.runId));
    const rowB = await waitFor('beta\'s row', 5000, () => runNode(a, rb.runId));
    assert.equal(rowA.label, 'same'); assert.equal(rowB.label, 'same');
    assert.match(rowA.description ?? '', /^alpha · /, `alpha's row: ${JSON.stringify(rowA.description)}`);
    assert.match(rowB.description ?? '', /^beta · /, `beta's row: ${JSON.stringify(rowB.description)}`);
  });

  it('shows terminal runs of both folders, each from its own .weft/runs', async function () {
    const cli = weftCli();
    if (!cli) this.skip();
    const a = await api();
    const ids: Record<string, string> = {};
    for (const f of ['alpha', 'beta']) {
      const file = write(f, 'terminal-mr.weft.yaml', `name: terminal-${f}\nsteps:\n  - id: one\n    shell: echo ${f}\n`).fsPath;
      const p = weftRun(cli!, file, 'ignore', dirOf(f));
      await new Promise((r) => p.on('exit', r));
      ids[f] = await waitFor(`${f}'s terminal run in the view`, 10_000, () => a.__test.tree().find((r) => r.label === `terminal-${f}` && r.status === 'succeeded')?.runId);
      assert.ok(fs.existsSync(recordOf(f, ids[f])), `${f}'s terminal run recorded in ${f}/.weft/runs`);
    }
  });

  it('resumes a run of the second folder from the view into that folder\'s records', async () => {
    const a = await api();
    for (const f of ['flaky-ok.txt', 'first-runs.txt']) fs.rmSync(path.join(dirOf('beta'), f), { force: true });
    const uri = vscode.Uri.file(path.join(dirOf('beta'), 'resume.weft.yaml'));
    const first = await startRun(uri);
    assert.equal((await first.done).status, 'failed');
    const row = await waitFor('the failed run\'s row', 5000, () => runNode(a, first.runId));
    assert.equal(row.contextValue, 'run-failed');
    // The view's inline action passes its element; the command takes the run id the same way.
    const again = await vscode.commands.executeCommand<{ started: boolean; runId: string; done: Promise<{ status: string }> }>('weft.rerunFailed', { runId: first.runId });
    assert.ok(again.started);
    assert.equal((await again.done).status, 'succeeded');
    assert.ok(fs.existsSync(recordOf('beta', again.runId)), 'the resumed run is recorded in beta/.weft/runs');
    assert.ok(!fs.existsSync(recordOf('alpha', again.runId)));
    assert.equal(fs.readFileSync(path.join(dirOf('beta'), 'first-runs.txt'), 'utf8').trim().split('\n').length, 1, 'the succeeded step was reused');
    assert.ok(!fs.existsSync(path.join(dirOf('alpha'), 'flaky-ok.txt')), 'nothing ran in alpha');
  });

  it('names each file\'s folder in the Run quick pick', async () => {
    const items = workflowPickItems([vscode.Uri.file(path.join(dirOf('alpha'), 'parallel.weft.yaml')), vscode.Uri.file(path.join(dirOf('beta'), 'parallel.weft.yaml'))]);
    assert.deepEqual(items.map((i) => [i.label, i.description]), [['parallel.weft.yaml', 'alpha/parallel.weft.yaml'], ['parallel.weft.yaml', 'beta/parallel.weft.yaml']]);
    // And in the workbench: the palette's Run with no workflow editor open asks which file (the list
    // shows its first rows, alpha's).
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const pending = vscode.commands.executeCommand<{ started: boolean; reason?: string }>('weft.run');
    try {
      assertDom(await domShows('multi-root-pick', [{ selector: '.quick-input-widget .quick-input-list .label-description', text: 'alpha/' }]));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    assert.deepEqual(await pending, { started: false, reason: 'no-file' });
  });

  it('applies a folder\'s own weft.maxConcurrency (.vscode/settings.json of that folder)', async () => {
    // A setting without `scope` in the manifest is window-scoped: VS Code did not read it from a
    // folder's settings in a multi-root workspace. package.json declares the weft.* settings `resource`.
    const settings = path.join(dirOf('beta'), '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    fs.writeFileSync(settings, JSON.stringify({ 'weft.maxConcurrency': 1 }));
    const betaUri = vscode.Uri.file(path.join(dirOf('beta'), 'parallel.weft.yaml'));
    try {
      await waitFor('beta\'s folder setting read', 10_000, () => vscode.workspace.getConfiguration('weft', betaUri).inspect('maxConcurrency')?.workspaceFolderValue === 1);
      assert.equal(vscode.workspace.getConfiguration('weft', betaUri).get('maxConcurrency'), 1, 'the folder\'s value applies to its files (a resource-scoped setting)');
      const rb = await startRun(betaUri);
      const ra = await startRun(vscode.Uri.file(path.join(dirOf('alpha'), 'parallel.weft.yaml')));
      assert.equal((await rb.done).status, 'succeeded');
      assert.equal((await ra.done).status, 'succeeded');
      assert.equal(maxOverlap(recordOf('beta', rb.runId)), 1, 'beta: one step at a time');
      assert.equal(maxOverlap(recordOf('alpha', ra.runId)), 3, 'alpha: its three independent steps at once');
    } finally {
      fs.rmSync(settings, { force: true });
    }
  });

  it('hovers a step with its own folder\'s last run', async () => {
    // The 'same' workflows ran above, one per folder: each file's hover tells its own output.
    for (const [f, other] of [['alpha', 'beta'], ['beta', 'alpha']]) {
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(dirOf(f), 'same.weft.yaml')));
      await vscode.window.showTextDocument(doc);
      const at = doc.positionAt(doc.getText().indexOf('where') + 2);
      const text = await waitFor(`${f}'s hover with its last run`, 20_000, async () => {
        const t = await hoverText(doc.uri, at);
        return /Last run/.test(t) ? t : undefined;
      }, 300);
      assert.match(text, new RegExp(`from-${f}`));
      assert.doesNotMatch(text, new RegExp(`from-${other}`));
    }
  });

  it('keeps both folders\' runs in the view, each step tree whole', async () => {
    const a = await api();
    const rows = a.__test.tree().filter((r) => r.label === 'same');
    assert.ok(rows.length >= 2);
    for (const r of rows) assert.deepEqual(allSteps([runNode(a, r.runId!)!]).map((s) => s.status), ['succeeded']);
  });
});
