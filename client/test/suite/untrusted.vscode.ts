// Restricted Mode (a code-server window with workspace trust on and the folder untrusted): editing
// works, running is refused with an explanation, and nothing is written.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { api, assertDom, domShows, fixture, open, screenshot, waitFor, workspaceDir } from './helpers.js';

describe('Restricted Mode', () => {
  it('edits but refuses to run in an untrusted workspace', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this window must be untrusted');
    const editor = await open('diagnostics.weft.yaml');
    const a = await api();
    await waitFor('diagnostics in Restricted Mode', 30_000, () => vscode.languages.getDiagnostics(editor.document.uri).length > 0);
    const r = await vscode.commands.executeCommand<{ started: boolean; reason?: string }>('weft.run', fixture('parallel.weft.yaml'));
    assert.deepEqual(r, { started: false, reason: 'untrusted' });
    const refused = [
      { selector: '.notifications-toasts', text: 'Weft cannot run workflows in Restricted Mode' },
      { selector: '.part.statusbar', text: 'Restricted Mode' },
    ];
    assertDom(await domShows('restricted-mode-shown', refused));
    assertDom(await screenshot('restricted-mode', { clearNotifications: false, checks: refused }));
    // The Runs view is empty: its welcome content offers to run the open workflow.
    await vscode.commands.executeCommand('weft.runs.focus');
    const welcome = [{ selector: '.part.sidebar .welcome-view-content', text: 'No runs yet' }];
    assertDom(await domShows('runs-welcome-shown', welcome));
    assertDom(await screenshot('runs-welcome', { checks: welcome }));
    assert.equal(fs.existsSync(path.join(workspaceDir(), '.weft', 'runs')), false, 'nothing ran');
    assert.equal(a.__test.tree().length, 0);
  });
});
