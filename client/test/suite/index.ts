// Entry of the in-VS Code suite (extensionTestsPath): runs the `*.vscode.js` suites with Mocha inside
// the extension host and writes the result to a file, because a browser-hosted VS Code (code-server)
// has no channel back to the runner. Which suites run depends on the window (suiteFiles).
import * as vscode from 'vscode';
import Mocha from 'mocha';
import fs from 'node:fs';
import path from 'node:path';

export function resultsDir(): string {
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  return process.env.WEFT_TEST_RESULTS ?? path.join(ws, '..', 'results');
}

/**
 * The suites of a window of their own kind, in the order they run; every other suite runs in the
 * ordinary window (trusted, one folder). Restricted Mode's first: trust-transitions grants trust at its end.
 * The reload window's one suite reloads its own window and starts twice.
 */
const WINDOW_SUITES: Record<string, string[]> = {
  untrusted: ['untrusted.vscode.js', 'trust-transitions.vscode.js'],
  reload: ['reload.vscode.js'],
  'multi-root': ['multi-root.vscode.js'],
  'no-folder': ['no-folder.vscode.js'],
};

/** The window's kind: its trust and folder count, or the runner's name for it (WEFT_SESSION) where they do not tell. */
function windowKind(trusted: boolean, folders: number, session?: string): string {
  if (session === 'reload') return 'reload';
  if (!trusted) return 'untrusted';
  return folders === 0 ? 'no-folder' : folders > 1 ? 'multi-root' : 'folder';
}

/** The suite files for this window: its own kind's, else the ordinary ones, sorted. */
export function suiteFiles(names: string[], trusted: boolean, folders: number, session?: string): string[] {
  const own = WINDOW_SUITES[windowKind(trusted, folders, session)];
  if (own) return own.filter((f) => names.includes(f));
  const others = new Set(Object.values(WINDOW_SUITES).flat());
  return names.filter((f) => f.endsWith('.vscode.js') && !others.has(f)).sort();
}

export async function run(): Promise<void> {
  const out = resultsDir();
  fs.mkdirSync(out, { recursive: true });
  // WEFT_SUITE_GREP (the runner's --grep): only the tests whose full title matches, for working on a few.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(process.env.WEFT_SUITE_GREP ? { grep: process.env.WEFT_SUITE_GREP } : {}) });
  const trusted = vscode.workspace.isTrusted;
  suiteFiles(fs.readdirSync(__dirname), trusted, vscode.workspace.workspaceFolders?.length ?? 0, process.env.WEFT_SESSION).forEach((f) => mocha.addFile(path.join(__dirname, f)));
  const tests: { title: string; state: string; ms?: number }[] = [];
  const failures: { title: string; error: string }[] = [];
  await new Promise<void>((resolve) => {
    try {
      const runner = mocha.run(() => resolve());
      runner.on('pass', (t) => tests.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
      runner.on('fail', (t, err: Error) => {
        tests.push({ title: t.fullTitle(), state: 'failed', ms: t.duration });
        failures.push({ title: t.fullTitle(), error: `${err?.stack ?? err}` });
      });
      runner.on('pending', (t) => tests.push({ title: t.fullTitle(), state: 'skipped' }));
    } catch (err) {
      failures.push({ title: 'suite setup', error: `${(err as Error)?.stack ?? err}` });
      resolve();
    }
  });
  const result = { passed: tests.filter((t) => t.state === 'passed').length, failed: failures.length, tests, failures, trusted, vscode: vscode.version };
  fs.writeFileSync(path.join(out, 'result.json.tmp'), JSON.stringify(result, null, 2));
  fs.renameSync(path.join(out, 'result.json.tmp'), path.join(out, 'result.json'));
}
