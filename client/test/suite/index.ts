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

/** Suites that need a window of their own kind; every other suite runs in a trusted single-folder window. */
const WINDOW_SUITES: Record<string, (trusted: boolean, folders: number, session?: string) => boolean> = {
  'untrusted.vscode.js': (trusted) => !trusted,
  // Reloads its own window: a session of its own, where it is the only suite (it starts twice).
  'reload.vscode.js': (trusted, folders, session) => session === 'reload',
  // Grants trust at its end: it runs after untrusted.vscode.js (order below), in the same window.
  'trust-transitions.vscode.js': (trusted) => !trusted,
  'multi-root.vscode.js': (trusted, folders) => trusted && folders > 1,
  'no-folder.vscode.js': (trusted, folders) => trusted && folders === 0,
};
const LAST = ['trust-transitions.vscode.js'];

/**
 * The suite files for this window: its own kind's, else the ordinary ones (trusted, one folder), sorted.
 * `session` is the runner's name for a window whose kind its folders and trust do not tell (WEFT_SESSION).
 */
export function suiteFiles(names: string[], trusted: boolean, folders: number, session?: string): string[] {
  const ordinary = trusted && folders === 1 && session !== 'reload';
  return names.filter((f) => f.endsWith('.vscode.js'))
    .filter((f) => (WINDOW_SUITES[f] ? WINDOW_SUITES[f](trusted, folders, session) : ordinary))
    .sort((a, b) => Number(LAST.includes(a)) - Number(LAST.includes(b)) || a.localeCompare(b));
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
