// The run commands as a user reaches them in a real VS Code, for bugs found by QA in code-server: the
// editor title's stop button (weft.cancel with the editor's Uri) cancelling the newest run instead of
// its file's.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allSteps, api, fixture, runNode, waitFor } from './helpers.js';

type Started = { started: true; runId: string; done: Promise<{ status: string }> } | { started: false; reason: string; message?: string };

describe('Run commands', function () {
  this.timeout(60_000);

  it('cancels the live run of the file the stop button is on, not the newest run', async () => {
    const a = await api();
    const long = await vscode.commands.executeCommand<Started>('weft.run', fixture('cancel.weft.yaml'));
    assert.ok(long.started);
    await waitFor('the long run running', 20_000, () => { const n = runNode(a, long.runId); return n && allSteps([n]).some((s) => s.status === 'running'); });
    await waitFor('its file among the running files (weft.runningFiles)', 5000, () => a.__test.runningFiles().includes(fixture('cancel.weft.yaml').fsPath));
    const short = await vscode.commands.executeCommand<Started>('weft.run', fixture('parallel.weft.yaml'));
    assert.ok(short.started);
    assert.equal((await short.done).status, 'succeeded');
    // The editor title passes the editor's Uri. A file without a live run cancels nothing.
    assert.equal(await vscode.commands.executeCommand('weft.cancel', fixture('parallel.weft.yaml')), false);
    assert.equal(await vscode.commands.executeCommand('weft.cancel', fixture('cancel.weft.yaml')), true);
    assert.equal((await long.done).status, 'cancelled');
    await waitFor('no running files', 5000, () => a.__test.runningFiles().length === 0);
  });
});
