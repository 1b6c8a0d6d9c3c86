// Workspace trust granted during the session (the untrusted window, after untrusted.vscode.ts): while
// Restricted Mode holds, running is refused and the workspace's weft.maxConcurrency (a restricted
// configuration in the manifest) is not applied; once a person clicks Trust in the Workspace Trust
// editor, without a reload, Run works, the workspace's setting applies, and the language server,
// which never executes anything, is the same process throughout.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { api, fixture, maxOverlap, open, recordOf, screenshot, waitFor, workspaceDir, type Started } from './helpers.js';

describe('Trust granted during the session', function () {
  this.timeout(90_000);

  it('runs once trust is granted, without a reload, with the workspace\'s restricted settings then applied', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this window starts untrusted');
    const a = await api();
    const editor = await open('diagnostics.weft.yaml');
    await waitFor('diagnostics in Restricted Mode', 30_000, () => vscode.languages.getDiagnostics(editor.document.uri).length > 0);
    const serverPid = a.__test.serverPid();
    assert.ok(serverPid, 'the language server runs in Restricted Mode');
    const settings = path.join(workspaceDir(), '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settings), { recursive: true });
    // weft.runs.keep is not restricted: once it is read, so is the file's restricted setting beside it.
    fs.writeFileSync(settings, JSON.stringify({ 'weft.maxConcurrency': 1, 'weft.runs.keep': 40 }));
    try {
      await waitFor('the workspace settings read', 10_000, () => vscode.workspace.getConfiguration('weft').get('runs.keep') === 40);
      assert.equal(vscode.workspace.getConfiguration('weft').get('maxConcurrency'), null, 'Restricted Mode ignores the workspace\'s weft.maxConcurrency');
      const parallel = fixture('parallel.weft.yaml');
      assert.deepEqual(await vscode.commands.executeCommand('weft.run', parallel), { started: false, reason: 'untrusted' });

      // Grant trust as a person does: Manage Workspace Trust, then the editor's Trust button.
      const granted = new Promise<void>((resolve) => vscode.workspace.onDidGrantWorkspaceTrust(() => resolve()));
      await vscode.commands.executeCommand('workbench.trust.manage');
      const clicked = await screenshot('trust-granted', { save: false, click: { selector: '.workspace-trust-editor .workspace-trust-buttons-row .monaco-button', text: 'Trust' } });
      // Only the code-server runner opens an untrusted window, and it answers clicks: no answer is a failure, not a skip.
      assert.ok(clicked?.every((r) => r.ok), `the Trust button was not clicked: ${JSON.stringify(clicked)}`);
      await Promise.race([granted, waitFor('trust granted', 10_000, () => vscode.workspace.isTrusted)]);
      assert.equal(vscode.workspace.isTrusted, true);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

      assert.equal(vscode.workspace.getConfiguration('weft').get('maxConcurrency'), 1, 'trusted: the workspace\'s setting applies');
      const r = await vscode.commands.executeCommand<Started>('weft.run', parallel);
      assert.ok(r.started, `run after trust was granted: ${JSON.stringify(r)}`);
      assert.equal((await r.done).status, 'succeeded');
      assert.equal(maxOverlap(recordOf(r.runId)), 1, 'the workspace\'s maxConcurrency 1 applied');
      await waitFor('the run in the view', 5000, () => a.__test.tree().some((n) => n.runId === r.runId && n.status === 'succeeded'));
      assert.equal(a.__test.serverPid(), serverPid, 'the language server was not restarted');
      assert.ok(vscode.languages.getDiagnostics(editor.document.uri).length > 0, 'diagnostics still there');
    } finally {
      fs.rmSync(settings, { force: true });
    }
  });
});
