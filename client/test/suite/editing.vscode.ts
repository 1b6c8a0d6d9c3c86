// Editing in a real VS Code: lazy activation (measured), the language and grammar, exact diagnostics
// from the language server, completions inside `${steps.`, hover, folding and selection ranges, and a
// server restart after a crash.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, assertDom, domShows, metric, open, screenshot, sleep, waitFor, workspaceDir } from './helpers.js';

interface Expected { code: string; message: string; range: [number, number, number, number] }
const simplify = (d: vscode.Diagnostic): Expected => ({
  code: String(typeof d.code === 'object' ? d.code.value : d.code),
  message: d.message,
  range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
});

async function diagnosticsOf(uri: vscode.Uri, count: number): Promise<Expected[]> {
  return waitFor(`${count} diagnostic(s) on ${uri.fsPath}`, 30_000, () => {
    const d = vscode.languages.getDiagnostics(uri).filter((x) => x.source !== 'weft-run');
    return d.length === count ? d.map(simplify) : undefined;
  });
}

describe('Editing', () => {
  it('activates on a weft file, with the weft language', async () => {
    const editor = await open('diagnostics.weft.yaml');
    assert.equal(editor.document.languageId, 'weft');
    const a = await api();
    // Reported, not asserted: a timing target belongs in a benchmark, not in a test a busy machine fails.
    metric('activate() ms', Math.round(a.activationMs * 10) / 10);
    const ext = vscode.extensions.getExtension('weft.weft')!;
    assert.equal(ext.packageJSON.capabilities.untrustedWorkspaces.supported, 'limited');
  });

  it('shows the exact diagnostics of a fixture', async () => {
    const editor = await open('diagnostics.weft.yaml');
    const diags = await diagnosticsOf(editor.document.uri, 3);
    assert.deepEqual(diags.sort((a, b) => a.range[0] - b.range[0]), [
      { code: 'unknown-step', message: "unknown step 'fecth'; did you mean 'fetch'?", range: [5, 25, 5, 30] },
      { code: 'duplicate-id', message: "duplicate step id 'report' (also at line 9); ids must be unique within a steps list", range: [6, 8, 6, 14] },
      { code: 'duplicate-id', message: "duplicate step id 'report' (also at line 7); ids must be unique within a steps list", range: [8, 8, 8, 14] },
    ]);
    assert.ok(vscode.languages.getDiagnostics(editor.document.uri).every((d) => d.severity === vscode.DiagnosticSeverity.Error));
  });

  it('hovers the squiggle (screenshot)', async () => {
    const editor = await open('diagnostics.weft.yaml');
    await diagnosticsOf(editor.document.uri, 3);
    const pos = new vscode.Position(5, 27);
    editor.selection = new vscode.Selection(pos, pos);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, pos);
    assert.ok(Array.isArray(hovers));
    // The workbench draws the markers a moment after the extension host has them, and a hover shown
    // before then has only the provider's part: wait for the squiggles, then for the marker's hover.
    assertDom(await domShows('squiggles', [{ selector: '.monaco-editor .squiggly-error', min: 3 }]));
    const message = "unknown step 'fecth'; did you mean 'fetch'?";
    await vscode.commands.executeCommand('editor.action.showHover');
    assertDom(await domShows('marker-hover', [{ selector: '.monaco-hover:visible', text: message }], 10_000, async () => {
      // Hidden first: showHover on a shown hover focuses it as it stands, without computing it again.
      await vscode.commands.executeCommand('editor.action.hideHover');
      await sleep(200);
      await vscode.commands.executeCommand('editor.action.showHover');
      await sleep(500);
    }));
    assertDom(await screenshot('squiggle-hover', { checks: [
      { selector: '.monaco-editor .squiggly-error', min: 3 },
      { selector: '.monaco-hover:visible', text: message },
    ] }));
  });

  it('completes step ids inside ${steps.', async () => {
    const editor = await open('completion.weft.yaml');
    const line = editor.document.lineAt(7).text;
    const pos = new vscode.Position(7, line.indexOf('${steps.') + '${steps.'.length);
    const list = await waitFor('completions', 30_000, async () => {
      const r = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos, '.');
      const labels = r.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      return labels.includes('fetch') ? labels : undefined;
    }, 250);
    assert.ok(list.includes('fetch') && list.includes('count'), `got ${list.join(', ')}`);
    assert.ok(!list.includes('use'), 'a step cannot reference itself');
    editor.selection = new vscode.Selection(pos, pos);
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    const rows = [
      { selector: '.suggest-widget.visible .monaco-list-row', min: 2, text: 'fetch' },
      { selector: '.suggest-widget.visible .monaco-list-row', text: 'count' },
    ];
    assertDom(await domShows('suggest-widget', rows));
    assertDom(await screenshot('completion-steps', { checks: rows }));
    await vscode.commands.executeCommand('hideSuggestWidget');
  });

  it('completes a workflow path a folder at a time: accepting a folder lists what it holds', async () => {
    const dir = path.join(workspaceDir(), 'path-completion');
    fs.mkdirSync(path.join(dir, 'lib'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'lib', 'child.weft.yaml'), 'steps:\n  - id: a\n    stub: true\n');
    fs.writeFileSync(path.join(dir, 'call.weft.yaml'), 'steps:\n  - id: call\n    workflow:\n      path: \n');
    try {
      const editor = await open('path-completion/call.weft.yaml');
      const pos = new vscode.Position(3, '      path: '.length);
      await waitFor('lib/ offered', 30_000, async () => {
        const r = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, pos);
        return r.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'lib/') || undefined;
      }, 250);
      editor.selection = new vscode.Selection(pos, pos);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      const row = (text: string) => [{ selector: '.suggest-widget.visible .monaco-list-row', text }];
      assertDom(await domShows('suggest-widget', row('lib/')));
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      await waitFor('./lib/ written', 10_000, () => editor.document.lineAt(3).text === '      path: ./lib/' || undefined);
      // The folder item ran editor.action.triggerSuggest (the extension names it to the server).
      assertDom(await domShows('suggest-widget', row('child.weft.yaml')));
      await vscode.commands.executeCommand('hideSuggestWidget');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('analyses a caller again when a file it calls changes on disk, whatever that file is named', async () => {
    // Only `*.weft.yaml`/`*.workflow.yaml` were watched, so a called `shared.yaml` changed outside the
    // editor left its callers' diagnostics as they were.
    const dir = path.join(workspaceDir(), 'callee-on-disk');
    const shared = path.join(dir, 'shared.yaml');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(shared, 'inputs:\n  n: { type: number }\nsteps:\n  - id: a\n    stub: true\n');
    fs.writeFileSync(path.join(dir, 'caller.weft.yaml'), 'steps:\n  - id: call\n    workflow: { path: ./shared.yaml }\n');
    try {
      const editor = await open('callee-on-disk/caller.weft.yaml');
      const [missing] = await diagnosticsOf(editor.document.uri, 1);
      assert.match(missing.message, /\bn\b/);
      fs.writeFileSync(shared, 'steps:\n  - id: a\n    stub: true\n');
      await diagnosticsOf(editor.document.uri, 0);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("folds and expands the selection by the server's ranges (comments, a region, steps, a script; a template's parts)", async () => {
    const editor = await open('folding.weft.yaml');
    const uri = editor.document.uri;
    const lines = editor.document.getText().split('\n');
    const at = (start: string) => lines.findIndex((l) => l.trim().startsWith(start));
    // Until the language client has registered the server's provider, VS Code answers with its
    // indentation ranges, which have no comment block: wait for the server's.
    const folds = await waitFor('folding ranges from the server', 30_000, async () => {
      const r = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
      return r?.some((f) => f.kind === vscode.FoldingRangeKind.Comment) ? r : undefined;
    }, 250);
    const shown = folds.map((f) => [f.start, f.end, f.kind ?? 0]);
    assert.deepEqual(shown.filter((f) => f[2] !== 0), [[0, 1, vscode.FoldingRangeKind.Comment], [at('# region'), at('# endregion'), vscode.FoldingRangeKind.Region]]);
    for (const [from, to] of [['steps:', "shell: echo ${steps.fetch"], ['- id: build', 'make'], ['shell: |', 'make']]) {
      assert.ok(shown.some((f) => f[0] === at(from) && f[1] === at(to)), `${from} folds to ${to}: ${JSON.stringify(shown)}`);
    }
    const line = at("shell: echo ${steps.fetch");
    const pos = new vscode.Position(line, lines[line]!.indexOf('fetch.output') + 2);
    const [sel] = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', uri, [pos]);
    const texts: string[] = [];
    for (let r: vscode.SelectionRange | undefined = sel; r; r = r.parent) texts.push(editor.document.getText(r.range));
    for (const t of ['fetch', 'steps.fetch.output.items[0]', "${steps.fetch.output.items[0] == 'x'}", "shell: echo ${steps.fetch.output.items[0] == 'x'}"]) {
      assert.ok(texts.includes(t), `expands through ${t}: ${JSON.stringify(texts)}`);
    }
  });

  it('restarts the language server when it dies', async () => {
    const a = await api();
    const pid = await waitFor('server pid', 20_000, () => a.__test.serverPid());
    process.kill(pid, 'SIGKILL');
    const next = await waitFor('a new server', 30_000, () => { const p = a.__test.serverPid(); return p && p !== pid && a.__test.serverRunning() ? p : undefined; }, 200);
    assert.notEqual(next, pid);
    // It still answers: an edit produces fresh diagnostics.
    const editor = await open('invalid.weft.yaml');
    await diagnosticsOf(editor.document.uri, 1);
  });
});
