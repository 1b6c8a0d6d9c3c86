// Entry of the in-VS Code suite (extensionTestsPath): runs the `*.vscode.js` suites with Mocha inside
// the extension host and writes the result to a file, because a browser-hosted VS Code (code-server)
// has no channel back to the runner. In an untrusted window only the trust suite runs.
import * as vscode from 'vscode';
import Mocha from 'mocha';
import fs from 'node:fs';
import path from 'node:path';

export function resultsDir(): string {
  const ws = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
  return process.env.WEFT_TEST_RESULTS ?? path.join(ws, '..', 'results');
}

export async function run(): Promise<void> {
  const out = resultsDir();
  fs.mkdirSync(out, { recursive: true });
  // WEFT_SUITE_GREP (the runner's --grep): only the tests whose full title matches, for working on a few.
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', ...(process.env.WEFT_SUITE_GREP ? { grep: process.env.WEFT_SUITE_GREP } : {}) });
  const trusted = vscode.workspace.isTrusted;
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.vscode.js')).filter((f) => (f === 'untrusted.vscode.js') === !trusted).sort();
  files.forEach((f) => mocha.addFile(path.join(__dirname, f)));
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
