// The step output editor opened on a running step follows it (commands/output-follow.ts): before,
// it kept the text of the moment it was opened (`— running`, the first log line) until closed and
// opened again. A real run in code-server: the editor must show the second log line while the step
// runs, then the step's end. One left open when its run is cleared stayed open on a run that no
// longer exists; now it is reported deleted, as a file deleted on disk is.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allSteps, api, fixture, runNode, waitFor, type Started } from './helpers.js';

describe('Step output editor', function () {
  this.timeout(60_000);

  it('opened on a running step, follows it: new log lines, then its end', async () => {
    const a = await api();
    const r = await vscode.commands.executeCommand<Started>('weft.run', fixture('follow.weft.yaml'));
    assert.ok(r.started, JSON.stringify(r));
    try {
      await waitFor('the step running', 20_000, () => { const n = runNode(a, r.runId); return n && allSteps([n]).some((s) => s.path === 'talk' && s.status === 'running'); });
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('weft.showStepOutput', { runId: r.runId, path: 'talk' });
      assert.match(editor.document.getText(), /— running/);
      assert.doesNotMatch(editor.document.getText(), /second-line/, 'opened before the second line (4 s after the first)');
      await waitFor('the second log line in the open editor', 10_000, () => /— running/.test(editor.document.getText()) && /second-line/.test(editor.document.getText()));
      assert.equal((await r.done).status, 'succeeded');
      await waitFor('the step\'s end in the open editor', 10_000, () => /— succeeded\n\nfirst-line\nsecond-line\ndone-talking\n/.test(editor.document.getText()))
        .catch((e: Error) => { throw new Error(`${e.message}; the editor shows:\n${editor.document.getText()}`); });
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('is reported deleted when its run is cleared: with closeOnFileDelete, VS Code closes it', async () => {
    const editorCfg = vscode.workspace.getConfiguration('workbench.editor');
    await editorCfg.update('closeOnFileDelete', true, vscode.ConfigurationTarget.Global);
    try {
      const r = await vscode.commands.executeCommand<Started>('weft.run', fixture('follow.weft.yaml'));
      assert.ok(r.started, JSON.stringify(r));
      assert.equal((await r.done).status, 'succeeded');
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('weft.showStepOutput', { runId: r.runId, path: 'talk' });
      const uri = editor.document.uri.toString();
      const isOpen = () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri));
      assert.ok(isOpen());
      await vscode.commands.executeCommand('weft.clearRuns');
      await waitFor('the output editor of the cleared run closed', 10_000, () => !isOpen());
    } finally {
      await editorCfg.update('closeOnFileDelete', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
