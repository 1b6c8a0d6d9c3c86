// The run commands as a user reaches them in a real VS Code, for bugs found by QA in code-server: the
// editor title's stop button (weft.cancel with the editor's Uri) cancelling the newest run instead of
// its file's; a file whose error was just fixed refused on the language server's older diagnostics; a
// refused run's errors listed twice and kept after the fix; an untitled workflow run in the extension
// host's working directory; a resume looking for its run beside the file instead of in its records; the
// palette's resume taking the newest run, of any status and file; the editor title offering ■ on every
// workflow while any one ran, so no second workflow could be started from its editor; Re-run of a run
// whose file was deleted failing with VS Code's generic "command failed"; Re-run and Re-run Failed
// giving a secret input back as the *** its record holds; the records beside a file outside the
// workspace never followed, so its terminal runs never showed.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { allSteps, api, assertDom, domShows, fixture, open, runNode, waitFor, weftCli, weftRun, workspaceDir, type Started } from './helpers.js';

const INVALID = 'name: probe\nsteps:\n  - id: a\n    shell: echo "${steps.nope.output}"\n';
const VALID = 'name: probe\nsteps:\n  - id: a\n    stub: { output: fixed }\n';

function scratch(name: string, text: string): vscode.Uri {
  const file = path.join(workspaceDir(), name);
  fs.writeFileSync(file, text);
  return vscode.Uri.file(file);
}

/** An empty folder `name` beside the workspace folder (outside every workspace folder). */
function freshFolderBeside(name: string): string {
  const dir = path.join(workspaceDir(), '..', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir);
  return dir;
}

async function closeAndRemove(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  fs.rmSync(uri.fsPath, { force: true });
}

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

  it('runs a file whose error was just fixed, before the language server publishes again', async () => {
    const uri = scratch('just-fixed.weft.yaml', INVALID);
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitFor('the error listed', 30_000, () => vscode.languages.getDiagnostics(uri).length > 0);
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), VALID));
      const r = await vscode.commands.executeCommand<Started>('weft.run', uri);
      assert.ok(r.started, `the fixed text did not run: ${JSON.stringify(r)}`);
      assert.equal((await r.done).status, 'succeeded');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await closeAndRemove(uri);
    }
  });

  it('lists a refused run\'s errors once, and not after the fix', async () => {
    const uri = scratch('refused.weft.yaml', VALID);
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await waitFor('the language server to know the file', 20_000, async () => (await vscode.commands.executeCommand<unknown[]>('vscode.executeDocumentSymbolProvider', uri))?.length);
      // An error typed and run at once: the server has not published for it yet (as for a file run
      // from the explorer before the server analysed it), so the run shows the errors it found.
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), INVALID));
      const r = await vscode.commands.executeCommand<Started>('weft.run', uri);
      assert.equal((r as { reason?: string }).reason, 'invalid');
      await waitFor('the error listed once, by the language server', 20_000, () => {
        const d = vscode.languages.getDiagnostics(uri);
        return d.length === 1 && d[0].source === 'weft';
      });
      await editor.edit((b) => b.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), VALID));
      await editor.document.save();
      await waitFor('no error left after the fix', 20_000, () => vscode.languages.getDiagnostics(uri).length === 0);
    } finally {
      await closeAndRemove(uri);
    }
  });

  it('resumes a terminal run of a file outside the workspace folder from the records it is in', async function () {
    const a = await api();
    const cli = weftCli();
    if (!cli) this.skip();
    // A file beside the workspace folder (another root of a multi-root workspace, say), run with
    // `weft run` from the folder: its record is in the folder's .weft/runs, not beside the file.
    const outside = freshFolderBeside('outside');
    const file = path.join(outside, 'flaky.weft.yaml');
    fs.writeFileSync(file, 'name: outside-flaky\nsteps:\n  - id: first\n    shell: echo ran >> ../outside/first-runs.txt\n  - id: flaky\n    needs: first\n    shell: if [ -f ../outside/ok ]; then echo fine; else touch ../outside/ok; exit 3; fi\n');
    const child = weftRun(cli, file);
    assert.equal(await new Promise((resolve) => child.on('exit', resolve)), 1, 'the first run fails');
    const failed = await waitFor('the terminal run, failed, in the Runs view', 20_000, () => a.__test.tree().find((r) => r.label === 'outside-flaky' && r.status === 'failed'));
    const again = await vscode.commands.executeCommand<Started>('weft.rerunFailed', { runId: failed.runId });
    assert.ok(again.started, `the resume did not start: ${JSON.stringify(again)}`);
    assert.equal((await again.done).status, 'succeeded');
    assert.equal(fs.readFileSync(path.join(outside, 'first-runs.txt'), 'utf8'), 'ran\n', 'the succeeded step was reused');
    assert.ok(fs.existsSync(path.join(workspaceDir(), '.weft', 'runs', `${again.runId}.jsonl`)), 'recorded beside the run it resumed');
  });

  it('says a run\'s workflow file is gone when Re-run or Re-run Failed Steps is asked after it was deleted', async () => {
    const uri = scratch('deleted-later.weft.yaml', 'name: deleted-later\nsteps:\n  - id: a\n    shell: exit 3\n');
    const first = await vscode.commands.executeCommand<Started>('weft.run', uri);
    assert.ok(first.started);
    assert.equal((await first.done).status, 'failed');
    await closeAndRemove(uri);
    for (const command of ['weft.rerun', 'weft.rerunFailed']) {
      const again: { started: boolean; reason?: string; message?: string } = await vscode.commands.executeCommand(command, { runId: first.runId });
      assert.equal(again.started, false, `${command} started a run of a deleted file`);
      assert.equal(again.reason, 'no-file', command);
      assert.match(again.message ?? '', /deleted-later\.weft\.yaml no longer exists at .*deleted-later\.weft\.yaml \(deleted or moved\)/, command);
    }
  });

  it('resumes a failed run with the inputs it was given (Re-run Failed Steps)', async () => {
    const out = path.join(workspaceDir(), 'resume-inputs.out');
    const uri = scratch('resume-inputs.weft.yaml', 'name: resume-inputs\ninputs:\n  who: { type: string }\nsteps:\n  - id: greet\n    shell: if [ -f resume-inputs.out ]; then echo fine; else printf %s "${inputs.who}" > resume-inputs.out; exit 3; fi\n  - id: after\n    needs: greet\n    shell: printf %s "-${inputs.who}" >> resume-inputs.out\n');
    try {
      const first = await vscode.commands.executeCommand<Started>('weft.run', uri, { inputs: { who: 'ada' } });
      assert.ok(first.started);
      assert.equal((await first.done).status, 'failed');
      const again = await vscode.commands.executeCommand<Started>('weft.rerunFailed', { runId: first.runId });
      assert.ok(again.started, JSON.stringify(again));
      assert.equal((await again.done).status, 'succeeded');
      assert.equal(fs.readFileSync(out, 'utf8'), 'ada-ada', 'the resumed steps had the input');
    } finally {
      await closeAndRemove(uri);
      fs.rmSync(out, { force: true });
    }
  });

  it('asks again for an input the record masked (it held a secret) instead of re-running with ***', async () => {
    const secret = 'sk-ant-rerun-5c8e1f0a';
    assert.equal(await vscode.commands.executeCommand('weft.setApiKey', 'anthropic', secret), true);
    const used = path.join(workspaceDir(), 'masked-input.used');
    const uri = scratch('masked-input.weft.yaml', 'name: masked-input\ninputs:\n  token: { type: string }\nsteps:\n  - id: use\n    shell: printf %s "${inputs.token}" > masked-input.used; exit 3\n');
    try {
      const first = await vscode.commands.executeCommand<Started>('weft.run', uri, { inputs: { token: secret } });
      assert.ok(first.started);
      assert.equal((await first.done).status, 'failed');
      assert.equal(fs.readFileSync(used, 'utf8'), secret, 'the first run had the value');
      fs.rmSync(used);
      for (const command of ['weft.rerunFailed', 'weft.rerun']) {
        const again: { started: boolean; message?: string } = await vscode.commands.executeCommand(command, { runId: first.runId });
        assert.equal(again.started, false, `${command} ran again with the masked value: ${fs.existsSync(used) ? fs.readFileSync(used, 'utf8') : ''}`);
        assert.match(again.message ?? '', /input 'token' of run \S+ is masked in its record \(it holds a secret\): give it again\. Run Workflow with Inputs… asks for each input\./, command);
      }
      assert.equal(fs.existsSync(used), false, 'nothing ran');
    } finally {
      await vscode.commands.executeCommand('weft.setApiKey', 'anthropic', '');
      await closeAndRemove(uri);
      fs.rmSync(used, { force: true });
    }
  });

  it('follows the records beside a file outside the workspace once it ran there: a terminal run of it appears', async function () {
    const a = await api();
    const cli = weftCli();
    if (!cli) this.skip();
    // A file outside every workspace folder records its runs beside it (no folder to record into);
    // that folder was never watched, so runs of it from a terminal never showed.
    const outside = freshFolderBeside('outside-watch');
    const file = path.join(outside, 'lonely.weft.yaml');
    fs.writeFileSync(file, 'name: lonely\nsteps:\n  - { id: a, stub: true }\n');
    const first = await vscode.commands.executeCommand<Started>('weft.run', vscode.Uri.file(file));
    assert.ok(first.started);
    await first.done;
    assert.ok(fs.existsSync(path.join(outside, '.weft', 'runs', `${first.runId}.jsonl`)), 'recorded beside the file');
    const child = weftRun(cli, file, 'ignore', outside);
    assert.equal(await new Promise((resolve) => child.on('exit', resolve)), 0);
    const runs = fs.readdirSync(path.join(outside, '.weft', 'runs')).filter((f) => f.endsWith('.jsonl')).map((f) => f.slice(0, -'.jsonl'.length));
    const terminal = runs.find((id) => id !== first.runId);
    assert.ok(terminal, 'the terminal run was recorded');
    try {
      await waitFor('the terminal run in the Runs view', 10_000, () => runNode(a, terminal!));
    } finally {
      // Its records deleted, both runs leave the view (the suites after this one count its runs).
      fs.rmSync(outside, { recursive: true, force: true });
      await waitFor('the outside runs gone from the Runs view', 10_000, () => !runNode(a, terminal!) && !runNode(a, first.runId));
    }
  });

  it('resumes the active file\'s failed run from the palette, not the newest run', async () => {
    const a = await api();
    const uri = scratch('fails-once.weft.yaml', 'name: fails-once\nsteps:\n  - id: flaky\n    shell: if [ -f fails-once.ok ]; then echo fine; else touch fails-once.ok; exit 3; fi\n');
    try {
      const failed = await vscode.commands.executeCommand<Started>('weft.run', uri);
      assert.ok(failed.started);
      assert.equal((await failed.done).status, 'failed');
      const newer = await vscode.commands.executeCommand<Started>('weft.run', fixture('parallel.weft.yaml'));
      assert.ok(newer.started);
      await newer.done;
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const again = await vscode.commands.executeCommand<Started>('weft.rerunFailed');
      assert.ok(again.started, JSON.stringify(again));
      assert.equal((await again.done).status, 'succeeded');
      assert.equal(runNode(a, again.runId)?.label, 'fails-once', 'the failed run of the active file was resumed');
    } finally {
      await closeAndRemove(uri);
      fs.rmSync(path.join(workspaceDir(), 'fails-once.ok'), { force: true });
    }
  });

  it('asks to save an untitled workflow instead of running it in the extension host\'s folder', async () => {
    const a = await api();
    const doc = await vscode.workspace.openTextDocument({ language: 'weft', content: 'name: untitled-probe\nsteps:\n  - id: a\n    stub: true\n' });
    await vscode.window.showTextDocument(doc);
    const before = a.__test.tree().length;
    try {
      for (const arg of [doc.uri, undefined]) { // the editor title passes the Uri; the palette nothing
        const r = await vscode.commands.executeCommand<Started>('weft.run', arg);
        assert.equal(r.started, false, `an untitled workflow ran: ${JSON.stringify(r)}`);
        assert.match((r as { message?: string }).message ?? '', /^save Untitled-\d+ to a file first/);
      }
      assert.equal(a.__test.tree().length, before, 'no run appeared');
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('the editor title shows ■ on the running file and ▶ on another, while one runs', async () => {
    const a = await api();
    const action = (label: string) => ({ selector: `.editor-actions a.action-label[aria-label="${label}"]` });
    const gone = (label: string) => ({ ...action(label), min: 0, text: undefined });
    const long = await vscode.commands.executeCommand<Started>('weft.run', fixture('cancel.weft.yaml'));
    assert.ok(long.started);
    try {
      await waitFor('its file among the running files', 20_000, () => a.__test.runningFiles().includes(fixture('cancel.weft.yaml').fsPath));
      await open('cancel.weft.yaml');
      assertDom(await domShows('title-running-file', [action('Cancel Run')]));
      await open('parallel.weft.yaml');
      assertDom(await domShows('title-other-file', [action('Run Workflow')]));
      const seen = await domShows('title-other-file-no-cancel', [gone('Cancel Run')]);
      assert.ok(!seen || seen[0]!.count === 0, 'no ■ on a file with no live run');
    } finally {
      await vscode.commands.executeCommand('weft.cancel', fixture('cancel.weft.yaml'));
      await long.done;
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
