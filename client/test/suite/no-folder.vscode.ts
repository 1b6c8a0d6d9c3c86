// A window without a folder (the runner opens an empty window), a workflow file opened on its own:
// editing works, Run records beside the file (its folder's .weft/runs), works in the file's folder,
// the Runs view shows the run and Re-run repeats it there, the hover reads that run, and the palette's
// Run with no workflow editor says what to do instead of searching a workspace there is not.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { api, assertDom, domShows, hoverText, recordOf, replaceText, runNode, startRun, stepOutput, waitFor, type Started } from './helpers.js';

// The runner copies the fixtures to workspace/ beside results/ without opening it.
const loose = () => path.join(process.env.WEFT_TEST_RESULTS!, '..', 'workspace', 'loose');

describe('No folder open', function () {
  this.timeout(60_000);

  it('runs a workflow opened on its own, recording beside it', async () => {
    assert.equal(vscode.workspace.workspaceFolders, undefined, 'no folder is open');
    const a = await api();
    fs.mkdirSync(loose(), { recursive: true });
    const file = path.join(loose(), 'alone.weft.yaml');
    fs.writeFileSync(file, 'name: alone\nsteps:\n  - id: here\n    shell: pwd && echo alone-output\n  - id: bad\n    shell: echo ${steps.nope.output}\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'weft');
    await waitFor('the language server\'s diagnostics', 30_000, () => vscode.languages.getDiagnostics(doc.uri).some((d) => /nope/.test(d.message)));
    // Fix the error in the editor, save it, and run. (Not by writing the file behind VS Code's back: a
    // window without a folder has no watcher on the file's folder, and noticed the change only after
    // 10 s or never on a loaded CI machine.)
    const editor = await vscode.window.showTextDocument(doc);
    await replaceText(editor, 'name: alone\nsteps:\n  - id: here\n    shell: pwd && echo alone-output\n');
    assert.ok(await doc.save(), 'saved');
    assert.ok(!fs.readFileSync(file, 'utf8').includes('nope'), 'the fix is on disk');
    const r = await startRun(doc.uri);
    assert.equal((await r.done).status, 'succeeded');
    assert.ok(fs.existsSync(recordOf(r.runId, loose())), 'recorded in the file\'s folder');
    const row = await waitFor('the run in the view', 5000, () => runNode(a, r.runId));
    assert.equal(row.label, 'alone');
    assert.match(await stepOutput(r.runId, 'here'), new RegExp(`${fs.realpathSync(loose())}|${loose()}`));

    const again = await vscode.commands.executeCommand<Started>('weft.rerun', { runId: r.runId });
    assert.ok(again.started, JSON.stringify(again));
    assert.equal((await again.done).status, 'succeeded');
    assert.ok(fs.existsSync(recordOf(again.runId, loose())), 'the Re-run recorded beside the file too');

    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('here') + 1);
    await waitFor('the hover with the last run', 20_000, async () => (await hoverText(doc.uri, at)).includes('alone-output'), 300);
  });

  it('says what to do when Run has no workflow editor and no folder to search', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const r = await vscode.commands.executeCommand<Started>('weft.run');
    assert.deepEqual(r, { started: false, reason: 'no-file' });
    assertDom(await domShows('no-folder-run', [{ selector: '.notifications-toasts .notification-list-item-message', text: 'no folder is open: open a workflow file' }]));
  });
});
