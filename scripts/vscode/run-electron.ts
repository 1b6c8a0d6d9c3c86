// The same in-VS Code suite on desktop VS Code, through @vscode/test-electron (it downloads VS Code,
// so it needs internet: for laptops and hosted CI, not for the offline machines `npm run test:vscode`
// targets). The extension under test is this repository (extensionDevelopmentPath), built first.
// test-electron always passes --disable-workspace-trust, so the Restricted Mode suite runs only in
// the code-server runner. Run: npm run build && node --import tsx scripts/vscode/run-electron.ts
import { runTests } from '@vscode/test-electron';
import fs from 'node:fs';
import path from 'node:path';
import { buildSuite } from './build-suite.js';

const root = path.resolve(__dirname, '../..');
const work = path.join(root, '.vscode-test', 'run');

async function main(): Promise<number> {
  fs.rmSync(work, { recursive: true, force: true });
  const ws = path.join(work, 'workspace');
  const results = path.join(work, 'results');
  fs.mkdirSync(results, { recursive: true });
  fs.cpSync(path.join(root, 'client/test/fixtures'), ws, { recursive: true });
  await buildSuite(path.join(root, 'client/test/suite'), path.join(work, 'suite'));
  const version = process.env.WEFT_VSCODE_VERSION ?? '1.100.3';
  try {
    await runTests({
      version,
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(work, 'suite', 'index.js'),
      extensionTestsEnv: { WEFT_TEST_RESULTS: results },
      launchArgs: [ws, '--disable-extensions', '--user-data-dir', path.join(work, 'user-data')],
      timeout: 10 * 60_000,
    });
  } catch (err) {
    console.error(`test-electron: ${err}`);
  }
  const file = path.join(results, 'result.json');
  if (!fs.existsSync(file)) { console.log('0 passed, 1 failed'); return 1; }
  const r = JSON.parse(fs.readFileSync(file, 'utf8')) as { passed: number; failed: number; failures: { title: string; error: string }[] };
  for (const f of r.failures) console.log(`✖ ${f.title}\n${f.error}\n`);
  console.log(`${r.passed} passed, ${r.failed} failed`);
  return r.failed === 0 && r.passed > 0 ? 0 : 1;
}

main().then((code) => { process.exitCode = code; });
