// Editing around a run: Run takes the editors' text, saved or not, of its file and of the files it
// calls, and says so; a setting changed during a run applies
// to the next run, not the live one; a workflow edited, deleted or renamed while it runs finishes
// as it started, its decorations follow the edited lines, and its Re-run then says where the file went.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { api, assertDom, domShows, fixture, maxOverlap, recordEvents, recordOf, replaceText, runNode, startRun, stepOutput, waitFor, workspaceDir, writeWorkspaceFile, type Started } from './helpers.js';

const stepStarted = (runId: string) => recordEvents(recordOf(runId)).some((e) => e.type === 'step.started');

describe('Run while editing', function () {
  this.timeout(60_000);

  it('runs the editors\' unsaved text, of its file and of a file it calls, and says so', async () => {
    const child = writeWorkspaceFile('edit-child.weft.yaml', 'name: edit-child\nsteps:\n  - id: say\n    shell: echo child-saved\n');
    const parent = writeWorkspaceFile('edit-parent.weft.yaml', 'name: edit-parent\nsteps:\n  - id: call\n    workflow:\n      path: ./edit-child.weft.yaml\n');
    const childEditor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(child), { viewColumn: vscode.ViewColumn.Two, preview: false });
    await replaceText(childEditor, 'name: edit-child\nsteps:\n  - id: say\n    shell: echo child-unsaved\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(parent), { viewColumn: vscode.ViewColumn.One, preview: false });
    await replaceText(editor, 'name: edit-parent\nsteps:\n  - id: call\n    workflow:\n      path: ./edit-child.weft.yaml\n  - id: added\n    shell: echo parent-unsaved\n');
    try {
      const r = await startRun(parent);
      assert.equal((await r.done).status, 'succeeded');
      // The parent's unsaved step ran, and the child's unsaved text (it ran as saved on disk).
      assert.match(await stepOutput(r.runId, 'added'), /parent-unsaved/);
      assert.match(await stepOutput(r.runId, 'call/say'), /child-unsaved/);
      assert.ok(editor.document.isDirty && childEditor.document.isDirty, 'nothing was saved behind the user\'s back');
      assertDom(await domShows('run-unsaved-said', [
        { selector: '.part.statusbar', text: 'running the unsaved text of edit-parent.weft.yaml, edit-child.weft.yaml' },
      ]));
    } finally {
      for (const e of [editor, childEditor]) {
        await vscode.window.showTextDocument(e.document);
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      }
      await vscode.commands.executeCommand('notifications.clearAll');
    }
  });

  it('keeps a live run\'s weft.maxConcurrency when the setting changes meanwhile; the next run takes the new one', async () => {
    const a = await api();
    const cfg = vscode.workspace.getConfiguration('weft');
    const file = fixture('parallel.weft.yaml');
    try {
      const r = await startRun(file);
      await waitFor('a step running', 10_000, () => a.__test.tree(r.runId).length > 0 && stepStarted(r.runId));
      await cfg.update('maxConcurrency', 1, vscode.ConfigurationTarget.Workspace);
      assert.equal((await r.done).status, 'succeeded');
      assert.equal(maxOverlap(recordOf(r.runId)), 3, 'the live run kept the concurrency it started with');
      const next = await startRun(file);
      assert.equal((await next.done).status, 'succeeded');
      assert.equal(maxOverlap(recordOf(next.runId)), 1, 'the next run took the new setting');
    } finally {
      await cfg.update('maxConcurrency', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('finishes a run as started when its file is edited meanwhile, its decorations following the edited lines', async () => {
    const a = await api();
    const uri = writeWorkspaceFile('edit-live.weft.yaml', 'name: edit-live\nsteps:\n  - id: slow\n    shell: sleep 2 && echo slow-done\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    try {
      const r = await startRun(uri);
      await waitFor('the running decoration on line 2', 10_000, () => /running/.test(a.__test.decorations(uri.fsPath)[2] ?? ''));
      await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# a comment\n# another\n'));
      await waitFor('the decoration moved to line 4', 10_000, () => /running/.test(a.__test.decorations(uri.fsPath)[4] ?? ''));
      await editor.document.save();
      assert.equal((await r.done).status, 'succeeded');
      assert.match(await stepOutput(r.runId, 'slow'), /slow-done/);
      await waitFor('the succeeded decoration on line 4', 10_000, () => /succeeded/.test(a.__test.decorations(uri.fsPath)[4] ?? ''));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(uri.fsPath, { force: true });
    }
  });

  it('finishes a run whose file is deleted or renamed meanwhile; Re-run then says the file is gone', async () => {
    const a = await api();
    for (const how of ['delete', 'rename'] as const) {
      const uri = writeWorkspaceFile(`gone-${how}.weft.yaml`, `name: gone-${how}\nsteps:\n  - id: slow\n    shell: sleep 1.5 && echo ${how}-done\n  - id: after\n    needs: [slow]\n    shell: echo after\n`);
      const r = await startRun(uri);
      await waitFor('the step running', 10_000, () => stepStarted(r.runId));
      const moved = path.join(workspaceDir(), `moved-${how}.weft.yaml`);
      if (how === 'delete') fs.rmSync(uri.fsPath);
      else await vscode.workspace.fs.rename(uri, vscode.Uri.file(moved));
      assert.equal((await r.done).status, 'succeeded', `${how}: the run goes on with the text it started with`);
      assert.match(await stepOutput(r.runId, 'after'), /after/);
      await waitFor('the run in the view', 5000, () => runNode(a, r.runId)?.status === 'succeeded');
      const again = await vscode.commands.executeCommand<Started>('weft.rerun', { runId: r.runId });
      assert.equal(again.started, false, `${how}: Re-run of a file no longer there`);
      assert.match(again.started === false ? again.message ?? '' : '', /no longer exists/);
      fs.rmSync(moved, { force: true });
    }
  });
});
