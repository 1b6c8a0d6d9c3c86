// A window reloaded in the middle of a run (Developer: Reload Window, an extension update, VS Code's
// own restart): the old extension host goes with its run, and the new window must not show that run
// as running forever, nor leave its step processes behind. The test reloads its own window, so it runs
// in a session of its own (the runner's `reload` window, WEFT_SESSION): the suite starts again in the
// new window (the page keeps its test payload), finds the marker the first start left, and checks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { allSteps, api, metric, processesWith, runNode, sleep, startRun, waitFor, workspaceDir, writeWorkspaceFile } from './helpers.js';

describe('Reload of the window', function () {
  this.timeout(300_000);

  it('mid-run: the run does not stay running, and its step processes end', async () => {
    const a = await api();
    const marker = path.join(workspaceDir(), '.scale-reload.json');
    if (!fs.existsSync(marker)) {
      const uri = writeWorkspaceFile('scale-reload.weft.yaml', 'name: scale-reload\nsteps:\n  - id: slow\n    shell: sleep 40.93\n  - id: after\n    needs: [slow]\n    stub: true\n');
      const r = await startRun(uri);
      await waitFor('slow running', 10_000, () => processesWith('sleep 40.93').length > 0);
      fs.writeFileSync(marker, JSON.stringify({ runId: r.runId, hostPid: process.pid, at: Date.now() }));
      await vscode.commands.executeCommand('workbench.action.reloadWindow');
      await sleep(120_000); // the window goes away, this extension host with it
      assert.fail('the window did not reload within 2 minutes');
    }
    const before = JSON.parse(fs.readFileSync(marker, 'utf8')) as { runId: string; hostPid: number; at: number };
    const alive = (pid: number) => { try { process.kill(pid, 0); return true; } catch { return false; } };
    metric('reload: old extension host alive after reload', alive(before.hostPid) ? 1 : 0);
    assert.notEqual(before.hostPid, process.pid, 'the new window has an extension host of its own');
    metric('reload: seconds from reload to this check', Math.round((Date.now() - before.at) / 1000));
    metric('reload: sleep processes left at start of the new window', processesWith('sleep 40.93').length);
    const shown = await waitFor('the run in the view', 10_000, () => runNode(a, before.runId));
    metric('reload: run status as first seen in the new window', ['running', 'succeeded', 'failed', 'cancelled'].indexOf(shown.status!));
    const settled = await waitFor('the run not running', 20_000, () => { const n = runNode(a, before.runId); return n && n.status !== 'running' ? n : undefined; });
    assert.equal(settled.status, 'cancelled');
    assert.deepEqual(allSteps([settled]).filter((s) => s.status === 'running' || s.status === 'pending').map((s) => s.path), []);
    await waitFor('no sleep process left', 10_000, () => processesWith('sleep 40.93').length === 0);
    fs.rmSync(marker);
  });
});
