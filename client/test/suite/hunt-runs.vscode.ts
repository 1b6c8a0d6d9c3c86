// The Runs view, the editor and the step commands as a user meets them, for bugs found in a bug hunt
// of the client (the workflows are written into the workspace by the tests themselves).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import fs from 'node:fs';
import { allSteps, api, assertDom, domShows, runNode, startRun, waitFor, weftCli, weftRun, writeWorkspaceFile } from './helpers.js';
import type { TreeSnapshot } from '../../src/test-api.js';

const TREE = `name: hunt-tree
steps:
  - id: fan
    parallel:
      branches:
        a:
          - id: a1
            shell: echo a1
          - id: inner
            parallel: [ {id: x, stub: true}, {id: y, shell: "echo y"} ]
        b:
          - id: child
            workflow:
              path: ./hunt-child.weft.yaml
  - id: each
    needs: [fan]
    foreach:
      items: [p, q, r]
      steps:
        - id: flaky
          retries: 1
          shell: "if [ -f /tmp/hunt-\${run.id}-\${index} ]; then echo ok \${item}; else touch /tmp/hunt-\${run.id}-\${index}; exit 3; fi"
`;
const CHILD = `name: hunt-child
steps:
  - id: c1
    shell: echo c1
  - id: c2
    shell: echo "\${steps.c1.output} c2"
`;

/** A tree's shape and statuses, without durations and times. */
function shape(n: TreeSnapshot): unknown {
  return { label: n.label, status: n.status, icon: n.icon, children: n.children.map(shape) };
}

describe('Hunt: runs as a user meets them', function () {
  this.timeout(60_000);

  it('Hunt: Reveal Step on a run whose workflow file was deleted says so, and does not fail', async function () {
    const a = await api();
    const cli = weftCli();
    if (!cli) this.skip();
    // A terminal run of a file this window never opened: VS Code holds no text of it.
    const uri = writeWorkspaceFile('hunt-gone.weft.yaml', 'name: hunt-gone\nsteps:\n  - id: only\n    stub: true\n');
    const child = weftRun(cli, 'hunt-gone.weft.yaml');
    assert.equal(await new Promise<number | null>((resolve) => child.on('exit', resolve)), 0);
    const run = await waitFor('the terminal run, finished', 10_000, () => a.__test.tree().find((n) => n.label === 'hunt-gone' && n.status === 'succeeded'));
    fs.rmSync(uri.fsPath);
    let error: unknown;
    // What a click on the step's row in the Runs view runs.
    const editor = await Promise.resolve(vscode.commands.executeCommand<vscode.TextEditor | undefined>('weft.revealStep', { runId: run.runId, path: 'only' })).catch((e: unknown) => { error = e; return undefined; });
    assert.equal(error, undefined, `Reveal Step failed: ${error}`);
    assert.equal(editor, undefined, 'Reveal Step opened the deleted file');
    assertDom(await domShows('hunt-reveal-gone', [{ selector: '.notifications-toasts', text: 'hunt-gone.weft.yaml no longer exists' }]));
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('Hunt: Reveal Step on a run of this window whose file was deleted does not show its old text', async () => {
    const uri = writeWorkspaceFile('hunt-gone2.weft.yaml', 'name: hunt-gone2\nsteps:\n  - id: only\n    stub: true\n');
    const r = await startRun(uri);
    assert.equal((await r.done).status, 'succeeded');
    fs.rmSync(uri.fsPath);
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('weft.revealStep', { runId: r.runId, path: 'only' });
    assert.equal(editor, undefined, 'Reveal Step opened the deleted file');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('Hunt: Show Step Output of a step whose output holds a NUL byte opens it', async () => {
    const uri = writeWorkspaceFile('hunt-binary.weft.yaml', "name: hunt-binary\nsteps:\n  - id: bin\n    shell: printf 'head\\000tail'\n");
    const r = await startRun(uri);
    assert.equal((await r.done).status, 'succeeded');
    let error: unknown;
    const editor = await Promise.resolve(vscode.commands.executeCommand<vscode.TextEditor>('weft.showStepOutput', { runId: r.runId, path: 'bin' })).catch((e: unknown) => { error = e; return undefined; });
    assert.equal(error, undefined, `Show Step Output failed: ${error}`);
    const text = editor!.document.getText();
    assert.match(text, /head.+tail/, text);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Hunt: a cancelled run of nested blocks over many items leaves nothing spinning', async () => {
    const a = await api();
    const items = Array.from({ length: 40 }, (_, i) => i).join(', ');
    const uri = writeWorkspaceFile('hunt-cancel.weft.yaml', `name: hunt-cancel
steps:
  - id: prep
    stub: true
  - id: each
    needs: [prep]
    foreach:
      items: [${items}]
      maxConcurrency: 3
      steps:
        - id: par
          parallel:
            branches:
              left:
                - id: l
                  shell: sleep 30.71
              right:
                - id: r
                  shell: sleep 30.71
        - id: after
          needs: [par]
          shell: echo done
  - id: tail
    needs: [each]
    shell: echo tail
`);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const r = await startRun(uri);
    await waitFor('three iterations running', 20_000, () => {
      const run = runNode(a, r.runId);
      return run && allSteps([run]).filter((s) => s.path?.endsWith('/l') && s.status === 'running').length === 3;
    });
    await vscode.commands.executeCommand('weft.cancel', { runId: r.runId });
    assert.equal((await r.done).status, 'cancelled');
    const run = await waitFor('the run shown cancelled', 5000, () => { const n = runNode(a, r.runId); return n?.status === 'cancelled' ? n : undefined; });
    const open: string[] = [];
    const walk = (n: TreeSnapshot, where: string) => {
      if (n.status === 'running' || n.status === 'retrying' || n.status === 'pending' || n.icon === 'sync~spin') open.push(`${where}/${n.label}: ${n.status} ${n.icon}`);
      n.children.forEach((c) => walk(c, `${where}/${n.label}`));
    };
    walk(run, '');
    assert.deepEqual(open, []);
    await waitFor('the status bar hidden', 5000, () => a.__test.statusBarText() === undefined);
    const decorations = await waitFor('the decorations settled', 5000, () => {
      const d = Object.values(a.__test.decorations(uri.fsPath));
      return d.length > 0 && !d.some((t) => t.startsWith('⟳')) ? d : undefined;
    });
    assert.ok(!decorations.some((t) => t.startsWith('⟳') || t.startsWith('…')), decorations.join('\n'));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Hunt: a terminal run shows the same tree as the same workflow run in the editor (branches, sub-workflow, foreach, retries)', async function () {
    const a = await api();
    const cli = weftCli();
    if (!cli) this.skip();
    writeWorkspaceFile('hunt-child.weft.yaml', CHILD);
    const uri = writeWorkspaceFile('hunt-tree.weft.yaml', TREE);
    const local = await startRun(uri);
    assert.equal((await local.done).status, 'succeeded');
    const child = weftRun(cli, 'hunt-tree.weft.yaml');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    assert.equal(code, 0);
    const terminal = await waitFor('the terminal run, finished', 10_000, () => a.__test.tree().find((n) => n.label === 'hunt-tree' && n.runId !== local.runId && n.status === 'succeeded'));
    const mine = runNode(a, local.runId)!;
    assert.deepEqual(shape(terminal), shape(mine));
    const flaky = allSteps([terminal]).filter((s) => s.path?.endsWith('/flaky'));
    assert.equal(flaky.length, 3);
    for (const s of flaky) assert.match(s.description ?? '', /attempt 2/);
  });
  it('Hunt: the editor line of a foreach body step does not give the iterations started so far as the total', async () => {
    const a = await api();
    const items = Array.from({ length: 12 }, (_, i) => i).join(', ');
    const uri = writeWorkspaceFile('hunt-items.weft.yaml', `name: hunt-items
steps:
  - id: each
    foreach:
      items: [${items}]
      maxConcurrency: 2
      steps:
        - id: work
          shell: sleep 0.3 && echo \${item}
`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const r = await startRun(uri);
    const seen = new Set<string>();
    let finished = false;
    void r.done.then(() => { finished = true; });
    while (!finished) {
      for (const t of Object.values(a.__test.decorations(uri.fsPath))) seen.add(t);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const line = await waitFor('the finished body line', 5000, () => Object.values(a.__test.decorations(uri.fsPath)).find((t) => t.includes('iterations') && t.startsWith('✓')));
    seen.add(line);
    // 12 items: a fraction of iterations must not have fewer than 12 below the bar.
    const wrong = [...seen].filter((t) => /\/(\d+) iterations/.test(t) && Number(/\/(\d+) iterations/.exec(t)![1]) !== 12);
    assert.deepEqual(wrong, []);
    assert.ok([...seen].some((t) => t.startsWith('⟳') && t.includes('iterations')), [...seen].join('\n'));
    assert.match(line, /12 iterations/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
  it('Hunt: editing the workflow during its run moves the step decorations with the lines; deleting it lets the run end', async () => {
    const a = await api();
    const uri = writeWorkspaceFile('hunt-edit.weft.yaml', 'name: hunt-edit\nsteps:\n  - id: slow\n    shell: sleep 2 && echo slow\n  - id: fast\n    shell: echo fast\n');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const r = await startRun(uri);
    await waitFor('slow running on its line', 10_000, () => a.__test.decorations(uri.fsPath)[2]?.startsWith('⟳'));
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# one\n# two\n'));
    await waitFor('the decorations moved two lines down', 5000, () => a.__test.decorations(uri.fsPath)[4]?.startsWith('⟳') && a.__test.decorations(uri.fsPath)[6]?.startsWith('✓'));
    fs.rmSync(uri.fsPath);
    assert.equal((await r.done).status, 'succeeded');
    await waitFor('slow succeeded on its moved line', 5000, () => a.__test.decorations(uri.fsPath)[4]?.startsWith('✓'));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
