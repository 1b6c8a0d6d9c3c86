// Commands on runs as a user meets them, for bugs found in a bug hunt of the client: a click on a
// foreach body step's box in the graph after a run selected the file's first line; the failed run's
// Re-run button, once its run was cleared, ran whatever workflow was active; a terminal run's quiet
// step kept the duration of its first moment in the Runs view and the editor; weft.runs.keep changed
// while a run went was not applied when it ended (the run read its settings' snapshot of its start);
// Run Workflow on a file with a required input told the user to `pass --input who=...`, a flag of the
// command line, where the editor's way is Run with Inputs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { allSteps, api, assertDom, domShows, fixture, open, runNode, waitFor, weftCli, weftRun, workspaceDir, type Started } from './helpers.js';

async function runFile(name: string): Promise<Extract<Started, { started: true }>> {
  const r = await vscode.commands.executeCommand<Started>('weft.run', fixture(name));
  assert.ok(r.started, `run did not start: ${JSON.stringify(r)}`);
  return r;
}

const records = () => {
  const dir = path.join(workspaceDir(), '.weft', 'runs');
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')) : [];
};

describe('Commands on runs', function () {
  this.timeout(60_000);

  it('reveals a foreach body step by the path the graph gives (each/inner) after a run, not the first line', async () => {
    const r = await runFile('foreach.weft.yaml');
    assert.equal((await r.done).status, 'succeeded');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('weft.revealStep', { runId: r.runId, path: 'each/inner' });
    assert.equal(editor.document.getText(editor.selection), 'inner');
    const iteration = await vscode.commands.executeCommand<vscode.TextEditor>('weft.revealStep', { runId: r.runId, path: 'each/1/inner' });
    assert.equal(iteration.document.getText(iteration.selection), 'inner');
  });

  it('Re-run of a run that was cleared says so, and does not run the active workflow instead', async () => {
    const a = await api();
    const r = await runFile('foreach.weft.yaml');
    await r.done;
    await open('parallel.weft.yaml');
    await vscode.commands.executeCommand('weft.clearRuns');
    assert.equal(runNode(a, r.runId), undefined);
    const again = await vscode.commands.executeCommand<Started>('weft.rerun', { runId: r.runId });
    if (again?.started) await again.done;
    assert.equal(again?.started, false, `a cleared run's Re-run started run ${again?.started && again.runId}`);
    assertDom(await domShows('rerun-gone', [{ selector: '.notifications-toasts', text: `run ${r.runId} is no longer in the Runs view` }]));
    const resumed = await vscode.commands.executeCommand<Started | undefined>('weft.rerunFailed', { runId: r.runId });
    assert.equal(resumed?.started ?? false, false);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('moves the duration of a terminal run\'s quiet step, in the Runs view and in the editor', async function () {
    const a = await api();
    const cli = weftCli();
    if (!cli) this.skip();
    await open('quiet.weft.yaml');
    const file = fixture('quiet.weft.yaml').fsPath;
    const child = weftRun(cli, 'quiet.weft.yaml');
    const exited = new Promise<unknown>((resolve) => child.on('exit', resolve));
    try {
      await waitFor('the terminal run with its step running', 20_000, () => {
        const run = a.__test.tree().find((n) => n.label === 'quiet' && n.status === 'running' && !a.__test.liveRunIds().includes(n.runId!));
        return run && allSteps([run]).some((s) => s.path === 'wait' && s.status === 'running');
      });
      const running = () => Object.values(a.__test.decorations(file)).find((t) => t.includes('running'));
      const first = await waitFor('the running step\'s decoration', 10_000, running);
      // The step writes nothing for 38 s: no event comes, the shown duration must move by itself.
      await waitFor(`the decoration's duration moving from '${first}'`, 10_000, () => { const now = running(); return now !== undefined && now !== first; }, 100);
      const refreshes = a.__test.refreshCount();
      await waitFor('the Runs view refreshing the running step', 10_000, () => a.__test.refreshCount() > refreshes, 100);
    } finally {
      child.kill('SIGINT');
      await exited;
    }
  });

  it('prunes records to weft.runs.keep as it is when the run ends, though changed while it went', async () => {
    const a = await api();
    await (await runFile('foreach.weft.yaml')).done;
    await (await runFile('foreach.weft.yaml')).done;
    assert.ok(records().length >= 2, `records to prune: ${records().length}`);
    const cfg = vscode.workspace.getConfiguration('weft');
    const r = await runFile('terminal.weft.yaml');
    try {
      await cfg.update('runs.keep', 1, vscode.ConfigurationTarget.Workspace);
      assert.ok(a.__test.liveRunIds().includes(r.runId), 'the setting was changed while the run went');
      await r.done;
      const left = await waitFor('the records pruned to one', 5000, () => (records().length === 1 ? records() : undefined), 100);
      assert.deepEqual(left, [`${r.runId}.jsonl`]);
    } finally {
      await cfg.update('runs.keep', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('Run Workflow on a file with a required input offers Run with Inputs, not a command line flag', async () => {
    const r = await vscode.commands.executeCommand<Started>('weft.run', fixture('required-input.weft.yaml'));
    assert.equal(r.started, false);
    const message = r.started ? '' : r.message ?? '';
    assert.doesNotMatch(message, /--input/);
    assert.match(message, /^required-input\.weft\.yaml did not run: missing required input 'who'\. Run Workflow with Inputs… asks for each input\.$/);
    assertDom(await domShows('required-input', [{ selector: '.notifications-toasts .monaco-button', text: 'Run with Inputs…' }]));
    await vscode.commands.executeCommand('notifications.clearAll');
  });
});
