// Running in a real VS Code: the Run command streams into the Runs view (watched through the test
// accessor) with independent steps overlapping; files with errors do not run; cancel leaves no
// process; step output opens read-only; secrets are redacted; the graph lays out; screenshots.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { allSteps, api, assertDom, domShows, fixture, metric, open, processesWith, runNode, screenshot, sleep, waitFor, weftCli, weftRun, workspaceDir, type Started } from './helpers.js';
import type { TreeSnapshot } from '../../src/test-api.js';

/** Whether the graph webview is visible in some editor group. */
const GraphVisible = () => vscode.window.tabGroups.all.some((g) => g.activeTab?.input instanceof vscode.TabInputWebview && g.activeTab.label === 'Weft Graph');

/** `weft run terminal.weft.yaml` in the workspace folder, as a terminal starts it; undefined when dist/cli.js is not built. */
function terminalRun(): ChildProcess | undefined {
  const cli = weftCli();
  return cli ? weftRun(cli, 'terminal.weft.yaml', ['ignore', 'ignore', 'pipe']) : undefined;
}

async function runFile(name: string, inputs?: Record<string, unknown>): Promise<Extract<Started, { started: true }>> {
  const r = await vscode.commands.executeCommand<Started>('weft.run', fixture(name), inputs ? { inputs } : undefined);
  assert.ok(r.started, `run did not start: ${JSON.stringify(r)}`);
  return r;
}

describe('Running', function () {
  this.timeout(90_000);

  it('runs a workflow: the tree goes running -> succeeded, independent steps overlap', async () => {
    const a = await api();
    await open('parallel.weft.yaml');
    // The count is the window's since it started: the suites before this one ran workflows too.
    const refreshesBefore = a.__test.refreshCount();
    const r = await runFile('parallel.weft.yaml');
    const seen = new Map<string, Set<string>>();
    let maxRunning = 0;
    let statusBar: string | undefined;
    let decorated = false;
    let finished = false;
    void r.done.then(() => (finished = true));
    while (!finished) {
      const run = runNode(a, r.runId);
      if (run) {
        const steps = allSteps([run]);
        for (const s of steps) { if (!seen.has(s.path!)) seen.set(s.path!, new Set()); seen.get(s.path!)!.add(s.status!); }
        maxRunning = Math.max(maxRunning, steps.filter((s) => s.status === 'running').length);
        statusBar ??= a.__test.statusBarText();
        decorated ||= Object.values(a.__test.decorations(fixture('parallel.weft.yaml').fsPath)).some((t) => t.includes('running'));
      }
      await sleep(40);
    }
    assert.equal((await r.done).status, 'succeeded');
    const final = await waitFor('the finished tree', 5000, () => { const n = runNode(a, r.runId); return n?.status === 'succeeded' && allSteps([n]).every((s) => s.status === 'succeeded') ? n : undefined; });
    for (const id of ['north', 'south', 'west']) {
      assert.ok(seen.get(id)?.has('running'), `${id} was seen running (saw ${[...(seen.get(id) ?? [])]})`);
    }
    assert.ok(seen.get('combine')?.has('pending'), 'combine waited (pending) while the three ran');
    assert.equal(maxRunning, 3, 'north, south and west were running at the same time');
    const [n, s, w] = ['north', 'south', 'west'].map((id) => allSteps([final]).find((x) => x.path === id)!);
    assert.ok(Math.max(n.startedAt!, s.startedAt!, w.startedAt!) < Math.min(n.finishedAt!, s.finishedAt!, w.finishedAt!), 'the three intervals overlap');
    const combine = allSteps([final]).find((x) => x.path === 'combine')!;
    assert.ok(combine.startedAt! >= Math.max(n.finishedAt!, s.finishedAt!, w.finishedAt!), 'combine waited for all three');
    assert.equal(final.icon, 'pass');
    assert.match(statusBar ?? '', /^\$\(sync~spin\) Weft: \d+\/4 running$/);
    assert.ok(decorated, 'step lines were decorated while running');
    assert.ok(final.children.some((c) => c.label === 'Stage 1' && c.description === '3 in parallel'), JSON.stringify(final.children.map((c) => [c.label, c.description])));
    assert.ok(fs.existsSync(path.join(workspaceDir(), '.weft', 'runs', `${r.runId}.jsonl`)), 'the run record is written');
    const refreshes = a.__test.refreshCount() - refreshesBefore;
    assert.ok(refreshes < 60, `tree refreshes are throttled (${refreshes})`);
  });

  it('lays out the dependency graph in its webview, again only when the plan changes', async () => {
    const a = await api();
    await open('parallel.weft.yaml');
    await vscode.commands.executeCommand('weft.showGraph', fixture('parallel.weft.yaml'));
    // The page lays out (dagre runs there, not here) and reports what its SVG shows.
    const first = await waitFor('the graph drawn in the webview', 30_000, () => { const d = a.__test.graphDrawn(); return d?.nodes.length ? d : undefined; }, 200);
    assert.deepEqual([...first.nodes].sort(), ['combine', 'north', 'south', 'west']);
    assert.equal(first.edges, 3);
    assert.equal(first.layouts, 1, 'one layout for the one plan');
    // An edit that leaves the plan as it was (a comment) is posted, drawn, but not laid out again.
    const editor = await open('parallel.weft.yaml');
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), '# a comment changes no step\n'));
    const same = await waitFor('the page to receive the unchanged plan', 15_000, () => { const d = a.__test.graphDrawn(); return d && d.plans > first.plans ? d : undefined; }, 100);
    assert.equal(same.layouts, first.layouts, 'the same plan is not laid out again');
    assert.deepEqual([...same.nodes].sort(), ['combine', 'north', 'south', 'west']);
    // It follows the text: a new step appears without re-opening the graph.
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    await editor.edit((b) => b.insert(end, '\n  - id: extra\n    needs: [combine]\n    stub: true\n'));
    const grown = await waitFor('the graph to follow the edit', 15_000, () => {
      const d = a.__test.graphDrawn();
      return d && d.nodes.includes('extra') ? d : undefined;
    }, 200);
    assert.equal(grown.nodes.length, 5);
    assert.equal(grown.edges, 4);
    assert.ok(grown.layouts > same.layouts, 'a changed plan is laid out again');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the reverted plan drawn', 15_000, () => { const d = a.__test.graphDrawn(); return d && d.plans > grown.plans && d.nodes.length === 4 ? d : undefined; }, 100);
    // Covered by another editor, the page is dropped (retainContextWhenHidden: false); shown again, the
    // new page starts from the layout the last one saved and does not lay the same plan out again.
    const group = vscode.window.tabGroups.all.find((g) => g.activeTab?.label === 'Weft Graph')!;
    const cover = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ content: 'covers the graph' }), { viewColumn: group.viewColumn, preview: false });
    await waitFor('the graph to be covered', 5000, () => !GraphVisible());
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === cover.document.uri.toString()));
    const reshown = await waitFor('the graph drawn again by a new page', 15_000, () => { const d = a.__test.graphDrawn(); return d?.restored && d.nodes.length ? d : undefined; }, 100);
    assert.deepEqual([...reshown.nodes].sort(), ['combine', 'north', 'south', 'west']);
    assert.equal(reshown.layouts, 0, 'the new page drew the saved layout without laying out');
    const webview = ['iframe.webview', 'iframe#active-frame'];
    const drawn = [
      { frames: webview, selector: 'svg g.node', min: 4, text: 'combine' },
      { frames: webview, selector: 'svg g.node.s-succeeded', min: 4 },
      { frames: webview, selector: 'svg path.edge', min: 3 },
    ];
    assertDom(await domShows('graph-drawn', drawn));
    assertDom(await screenshot('graph', { checks: drawn }));
    // Clicking a box in the webview reveals the step in the YAML.
    assertDom(await screenshot('graph-click', { save: false, click: { frames: webview, selector: 'svg g.node', text: 'south' } }));
    await waitFor('the click to reveal south', 10_000, () => {
      const ed = vscode.window.activeTextEditor;
      return ed && ed.document.getText(ed.selection) === 'south';
    }, 100);
    assert.ok(GraphVisible(), 'revealing the step did not cover the graph');
    a.__test.graphTab('time');
    const bars = [{ frames: webview, selector: 'svg g.bar', min: 4, text: 'north' }];
    assertDom(await domShows('timeline-drawn', bars));
    assertDom(await screenshot('timeline', { checks: bars }));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('lays out a 500-step graph in the webview, recording the extension host\'s longest stall meanwhile', async () => {
    const a = await api();
    const file = path.join(workspaceDir(), 'five-hundred.weft.yaml');
    // A binary tree of 500 steps: s1 and s2 need s0, s3 and s4 need s1, ...
    fs.writeFileSync(file, 'steps:\n' + Array.from({ length: 500 }, (_, i) => `  - id: s${i}\n${i ? `    needs: [s${(i - 1) >> 1}]\n` : ''}    stub: true\n`).join(''));
    a.__test.graphTab('graph');
    // The host's longest stall (the gap between 5 ms ticks), from opening the file until the page has
    // drawn it: dagre took about this long here when it ran in the host.
    let longest = 0;
    let last = performance.now();
    const tick = setInterval(() => { const now = performance.now(); longest = Math.max(longest, now - last); last = now; }, 5);
    let drawn;
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file), { viewColumn: vscode.ViewColumn.One, preview: false });
      await vscode.commands.executeCommand('weft.showGraph', vscode.Uri.file(file));
      drawn = await waitFor('500 boxes drawn', 60_000, () => { const d = a.__test.graphDrawn(); return d?.nodes.length === 500 ? d : undefined; }, 50);
    } finally {
      clearInterval(tick);
    }
    metric('500-step graph: layout in the webview, ms', drawn.layoutMs ?? -1);
    metric('500-step graph: longest extension host stall meanwhile, ms', Math.round(longest));
    assert.equal(drawn.edges, 499);
    assert.equal(drawn.clusters, 0);
    await vscode.window.tabGroups.close(vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.label === 'Weft Graph' || (t.input instanceof vscode.TabInputText && t.input.uri.fsPath === file)));
    fs.rmSync(file);
  });

  it('applies the weft.maxConcurrency setting', async () => {
    const a = await api();
    const cfg = vscode.workspace.getConfiguration('weft');
    await cfg.update('maxConcurrency', 1, vscode.ConfigurationTarget.Workspace);
    try {
      const r = await runFile('parallel.weft.yaml');
      let maxRunning = 0;
      let finished = false;
      void r.done.then(() => (finished = true));
      while (!finished) {
        const run = runNode(a, r.runId);
        if (run) maxRunning = Math.max(maxRunning, allSteps([run]).filter((s) => s.status === 'running').length);
        await sleep(40);
      }
      assert.equal((await r.done).status, 'succeeded');
      assert.equal(maxRunning, 1, 'one step at a time');
    } finally {
      await cfg.update('maxConcurrency', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('asks for each input with its default filled in (Run with Inputs)', async () => {
    const a = await api();
    const pending = vscode.commands.executeCommand<Started>('weft.runWithInputs', fixture('inputs.weft.yaml'));
    for (let i = 0; i < 2; i++) {
      await sleep(700);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const r = await Promise.race([pending, sleep(10_000).then(() => undefined)]);
    assert.ok(r && r.started, `run with inputs did not start: ${JSON.stringify(r)}`);
    assert.equal((await r.done).status, 'succeeded');
    const run = await waitFor('the inputs run', 5000, () => runNode(a, r.runId));
    const entry = await vscode.commands.executeCommand<vscode.TextEditor>('weft.showStepOutput', { runId: r.runId, path: 'say' });
    assert.match(entry.document.getText(), /parallel computing x2/);
    assert.equal(run.status, 'succeeded');
  });

  it('shows a step output in a read-only editor', async () => {
    const a = await api();
    const runId = a.__test.tree().find((r) => r.label === 'parallel')!.runId!;
    const before = a.__test.outputBytes().builds;
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('weft.showStepOutput', { runId, path: 'combine' });
    assert.equal(editor.document.uri.scheme, 'weft-output');
    // VS Code reads and stats the document (at once, then stats again): its text is built once (a
    // stat's changed mtime made VS Code read it again), and not kept once the open is over (output-bytes.ts).
    await waitFor('the output text dropped', 10_000, () => a.__test.outputBytes().held === 0, 100);
    assert.equal(a.__test.outputBytes().builds - before, 1, 'opening the output built its text once');
    assert.match(editor.document.getText(), /north south west/);
    assert.equal(vscode.workspace.fs.isWritableFileSystem('weft-output'), false, 'the output document is read-only');
    await assert.rejects(Promise.resolve(vscode.workspace.fs.writeFile(editor.document.uri, Buffer.from('x'))));
    const reveal = await vscode.commands.executeCommand<vscode.TextEditor>('weft.revealStep', { runId, path: 'west' });
    assert.equal(reveal.document.getText(reveal.selection), 'west');
  });

  it('retries a parallel block: the tree shows its second attempt, and inside it only that attempt', async () => {
    const a = await api();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-block-retries-'));
    try {
      const r = await runFile('block-retries.weft.yaml', { marker: path.join(dir, 'marker') });
      assert.equal((await r.done).status, 'succeeded');
      // The first attempt really failed (the record says so), and the block was retried.
      const events = fs.readFileSync(path.join(workspaceDir(), '.weft', 'runs', `${r.runId}.jsonl`), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; path?: string; status?: string });
      assert.ok(events.some((e) => e.type === 'step.finished' && e.path === 'fan/left/flaky' && e.status === 'failed'), 'flaky failed in the first attempt');
      assert.ok(events.some((e) => e.type === 'step.retrying' && e.path === 'fan'), 'the block was retried');
      const run = await waitFor('the finished tree', 5000, () => { const n = runNode(a, r.runId); return n?.status === 'succeeded' && allSteps([n]).every((s) => s.status === 'succeeded') ? n : undefined; });
      const steps = allSteps([run]);
      const fan = steps.find((s) => s.path === 'fan')!;
      assert.equal(fan.status, 'succeeded');
      assert.match(fan.description ?? '', /attempt 2/, `the block shows its second attempt (${fan.description})`);
      // Every row of the tree, at any depth: the inner steps once each, from the last attempt.
      const rows: TreeSnapshot[] = [];
      const walk = (n: TreeSnapshot) => { rows.push(n); n.children.forEach(walk); };
      walk(run);
      assert.deepEqual(rows.filter((n) => n.label === 'flaky' || n.label === 'steady').map((n) => [n.path, n.status]), [['fan/left/flaky', 'succeeded'], ['fan/right/steady', 'succeeded']]);
      const flaky = steps.find((s) => s.path === 'fan/left/flaky')!;
      assert.doesNotMatch(flaky.description ?? '', /attempt/, 'the inner step ran once in the attempt shown');
      const editor = await vscode.commands.executeCommand<vscode.TextEditor>('weft.showStepOutput', { runId: r.runId, path: 'fan/left/flaky' });
      assert.match(editor.document.getText(), /— succeeded\n\nsecond\n/, 'its output is the second attempt\'s');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('does not run a file with errors', async () => {
    await open('invalid.weft.yaml');
    await waitFor('diagnostics', 30_000, () => vscode.languages.getDiagnostics(fixture('invalid.weft.yaml')).length > 0);
    const r = await vscode.commands.executeCommand<Started>('weft.run', fixture('invalid.weft.yaml'));
    assert.equal(r.started, false);
    assert.equal((r as { reason: string }).reason, 'invalid');
  });

  it('Run with Inputs on a file with errors refuses it before asking anything', async () => {
    const file = fixture('invalid-with-inputs.weft.yaml');
    const pending = vscode.commands.executeCommand<Started>('weft.runWithInputs', file);
    // Asked for its inputs first, it would wait for them: the answer would not come in time.
    const r = await Promise.race([pending, sleep(5_000).then(() => undefined)]);
    if (!r) {
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await pending;
    }
    assert.ok(r, 'the command asked for the inputs of a file the run refuses');
    assert.equal(r.started, false);
    assert.equal((r as { reason: string }).reason, 'invalid');
  });

  it('cancels a run and leaves no process behind', async () => {
    const a = await api();
    const r = await runFile('cancel.weft.yaml');
    await waitFor('both long steps running', 20_000, () => {
      const run = runNode(a, r.runId);
      return run && allSteps([run]).filter((s) => s.status === 'running').length === 2;
    });
    await waitFor('the sleep processes', 10_000, () => processesWith('sleep 47.31').length >= 2);
    assert.equal(await vscode.commands.executeCommand('weft.cancel', { runId: r.runId }), true);
    assert.equal((await r.done).status, 'cancelled');
    await waitFor('no sleep process left', 10_000, () => processesWith('sleep 47.31').length === 0, 100);
    const run = await waitFor('cancelled tree', 5000, () => { const n = runNode(a, r.runId); return n?.status === 'cancelled' ? n : undefined; });
    const byPath = Object.fromEntries(allSteps([run]).map((s) => [s.path, s.status]));
    assert.deepEqual(byPath, { long_a: 'cancelled', long_b: 'cancelled', after: 'skipped' });
    assert.equal(a.__test.liveRunIds().length, 0);
  });

  it('keeps the API key in secret storage and out of run records', async () => {
    const secret = 'sk-weft-test-7f3a9c1d2e';
    assert.equal(await vscode.commands.executeCommand('weft.setApiKey', 'openai', secret), true);
    const r = await runFile('secret.weft.yaml');
    assert.equal((await r.done).status, 'succeeded');
    const record = fs.readFileSync(path.join(workspaceDir(), '.weft', 'runs', `${r.runId}.jsonl`), 'utf8');
    assert.ok(record.includes('key='), 'the step ran and printed');
    assert.ok(!record.includes(secret), 'the key is not in the run record');
    const outputs = path.join(workspaceDir(), '.weft', 'runs', r.runId);
    if (fs.existsSync(outputs)) for (const f of fs.readdirSync(outputs, { recursive: true }) as string[]) {
      const full = path.join(outputs, f);
      if (fs.statSync(full).isFile()) assert.ok(!fs.readFileSync(full, 'utf8').includes(secret), `not in ${f}`);
    }
    const a = await api();
    const tree = JSON.stringify(a.__test.tree());
    assert.ok(!tree.includes(secret), 'not in the Runs view');
    assert.ok(!JSON.stringify(vscode.workspace.getConfiguration('weft')).includes(secret), 'not in settings');
    // The Weft log (a LogOutputChannel under the extension's log folder) mentions the key, never its value.
    const logs = await waitFor('the Weft log file', 10_000, () => {
      const dir = a.__test.logDir();
      if (!fs.existsSync(dir)) return undefined;
      const texts = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile()).map((f) => fs.readFileSync(f, 'utf8'));
      return texts.some((t) => t.includes('API key for openai stored')) ? texts : undefined;
    }, 250);
    assert.ok(logs.every((t) => !t.includes(secret)), 'not in the Weft log');
  });

  it('re-runs only what failed (resume)', async () => {
    const a = await api();
    await vscode.commands.executeCommand('notifications.clearAll');
    const r = await runFile('resume.weft.yaml');
    assert.equal((await r.done).status, 'failed');
    const failed = await waitFor('failed tree', 5000, () => { const n = runNode(a, r.runId); return n?.status === 'failed' ? n : undefined; });
    assert.equal(allSteps([failed]).find((s) => s.path === 'flaky')!.status, 'failed');
    // The end-of-run notification's "Show Failed Step" reveals the step and opens its output.
    // (In the notification center, where it stays whatever toasts came and went.)
    await sleep(300);
    await vscode.commands.executeCommand('notifications.showList');
    const button = { selector: '.notifications-center .monaco-button', text: 'Show Failed Step' };
    assertDom(await domShows('failed-notification-shown', [button]));
    const clicked = await screenshot('failed-notification', { save: false, clearNotifications: false, click: button });
    await vscode.commands.executeCommand('notifications.hideList');
    if (clicked) {
      assertDom(clicked);
      await waitFor('the failed step revealed and its output open', 10_000, () => vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'weft-output' && e.document.uri.path.endsWith('/flaky.txt')), 100);
    }
    const again = await vscode.commands.executeCommand<Started>('weft.rerunFailed', { runId: r.runId });
    assert.ok(again.started);
    assert.equal((await again.done).status, 'succeeded');
    assert.equal(fs.readFileSync(path.join(workspaceDir(), 'first-runs.txt'), 'utf8'), 'ran\n', 'the succeeded step was reused, not run again');
  });

  it('shows a run started by `weft run` in a terminal, live', async function () {
    const a = await api();
    const child = terminalRun();
    if (!child) this.skip();
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const seenRunning = await waitFor('the terminal run in the tree, running', 20_000, () => {
        if (child.exitCode !== null && child.exitCode !== 0) throw new Error(`weft run exited ${child.exitCode}: ${stderr}`);
        const run = a.__test.tree().find((r) => r.label === 'terminal' && r.status === 'running' && !a.__test.liveRunIds().includes(r.runId!));
        return run && allSteps([run]).filter((s) => s.status === 'running').length === 2 ? run : undefined;
      });
      assert.equal(await exited, 0, stderr);
      await waitFor('the terminal run succeeded in the tree', 20_000, () => runNode(a, seenRunning.runId!)?.status === 'succeeded', 100);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('ends a terminal run whose weft process was killed (kill -9): cancelled, not running forever', async function () {
    const a = await api();
    const child = terminalRun();
    if (!child) this.skip();
    try {
      const seen = await waitFor('the terminal run in the tree, running', 20_000, () => {
        const run = a.__test.tree().find((r) => r.label === 'terminal' && r.status === 'running' && !a.__test.liveRunIds().includes(r.runId!));
        return run && allSteps([run]).some((s) => s.status === 'running') ? run : undefined;
      });
      child.kill('SIGKILL');
      await waitFor('the killed run cancelled in the tree', 15_000, () => runNode(a, seen.runId!)?.status === 'cancelled', 200);
      const steps = allSteps([runNode(a, seen.runId!)!]);
      assert.ok(steps.every((st) => st.status === 'cancelled' || st.status === 'skipped'), JSON.stringify(steps.map((st) => st.status)));
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('stays smooth with 1,000 steps: updates are throttled per node', async () => {
    const a = await api();
    const runId = 'synthetic-1000';
    const plan = Array.from({ length: 1000 }, (_, i) => ({ id: `s${i}`, path: `s${i}`, kind: 'stub', name: `s${i}`, stage: 1 + (i % 4), needs: [] }));
    const t = Date.now();
    const before = a.__test.refreshCount();
    const started = performance.now();
    a.__test.injectEvents([{ type: 'run.started', runId, ts: t, workflow: 'synthetic', file: '/nowhere/synthetic.weft.yaml', inputs: {}, plan } as never], '/nowhere');
    for (const p of plan) a.__test.injectEvents([{ type: 'step.started', runId, ts: t + 1, path: p.path, attempt: 1 } as never], '/nowhere');
    for (const p of plan) for (let k = 0; k < 5; k++) a.__test.injectEvents([{ type: 'step.log', runId, ts: t + 2, path: p.path, stream: 'stdout', text: `line ${k}\n` } as never], '/nowhere');
    for (const p of plan) a.__test.injectEvents([{ type: 'step.finished', runId, ts: t + 3, path: p.path, status: 'succeeded', durationMs: 2, attempts: 1 } as never], '/nowhere');
    a.__test.injectEvents([{ type: 'run.finished', runId, ts: t + 4, status: 'succeeded', durationMs: 4, counts: { succeeded: 1000 }, outputs: {} } as never], '/nowhere');
    const applyMs = performance.now() - started;
    await sleep(600);
    const refreshes = a.__test.refreshCount() - before;
    metric('1,000-step run: ms to apply 8,002 events', Math.round(applyMs));
    metric('1,000-step run: tree refreshes', refreshes);
    assert.ok(refreshes <= 3, `8,002 events caused ${refreshes} tree refreshes`);
    const run = runNode(a, runId)!;
    assert.equal(allSteps([run]).filter((s) => s.status === 'succeeded').length, 1000);
    assert.deepEqual(run.children.map((c) => c.description), ['250 in parallel', '250 in parallel', '250 in parallel', '250 in parallel']);
    assert.ok(applyMs < 2000, `applying 8,002 events took ${applyMs.toFixed(0)} ms`);
    await vscode.commands.executeCommand('weft.clearRuns');
  });

  it('keeps only weft.runs.keep finished run records', async () => {
    const a = await api();
    const runsDir = path.join(workspaceDir(), '.weft', 'runs');
    for (let i = 0; i < 3; i++) await (await runFile('secret.weft.yaml')).done;
    const before = fs.readdirSync(runsDir).filter((f) => f.endsWith('.jsonl')).length;
    assert.ok(before >= 3, `several records to prune (${before})`);
    const cfg = vscode.workspace.getConfiguration('weft');
    await cfg.update('runs.keep', 2, vscode.ConfigurationTarget.Workspace);
    try {
      const r = await runFile('secret.weft.yaml');
      await r.done;
      const left = await waitFor('old records pruned', 5000, () => { const f = fs.readdirSync(runsDir).filter((x) => x.endsWith('.jsonl')); return f.length === 2 ? f : undefined; });
      assert.ok(left.includes(`${r.runId}.jsonl`), 'the newest run is kept');
      assert.equal(a.__test.tree().filter((n) => n.runId !== 'synthetic-1000').length, 2);
    } finally {
      await cfg.update('runs.keep', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('shows parallel steps spinning in the Runs view (screenshot), then clears runs', async () => {
    const a = await api();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await open('showcase.weft.yaml');
    const r = await runFile('showcase.weft.yaml');
    await vscode.commands.executeCommand('weft.runs.focus');
    await waitFor('five steps running', 20_000, () => {
      const run = runNode(a, r.runId);
      return run && allSteps([run]).filter((s: TreeSnapshot) => s.status === 'running').length >= 5;
    });
    // The foreach's iterations are named by their items, as they start.
    await waitFor('iterations named by their items', 10_000, () => {
      const run = runNode(a, r.runId);
      const iterations: TreeSnapshot[] = [];
      const walk = (n: TreeSnapshot) => { if (n.contextValue === 'iteration') iterations.push(n); n.children.forEach(walk); };
      if (run) walk(run);
      const shown = iterations.map((n) => `${n.label} ${n.description}`).sort().join(', ');
      return shown === '#0 arxiv, #1 acm, #2 ieee' || undefined;
    });
    await a.__test.revealRun(r.runId);
    const shown = [
      { selector: '.part.sidebar .monaco-list-row .codicon-modifier-spin', min: 5 },
      { selector: '.part.sidebar .monaco-list-row', text: '3 in parallel' },
      { selector: '.part.statusbar .statusbar-item', text: 'Weft: ' },
      { selector: '.part.sidebar .monaco-list-row', text: 'per_source' },
    ];
    assertDom(await domShows('runs-view-drawn', shown, 5_000));
    assertDom(await screenshot('runs-view', { checks: shown }));
    await vscode.commands.executeCommand('weft.cancel', { runId: r.runId });
    await r.done;
    const cleared = await vscode.commands.executeCommand<number>('weft.clearRuns');
    assert.ok(cleared >= 1);
    assert.equal(a.__test.tree().length, 0);
  });
});
