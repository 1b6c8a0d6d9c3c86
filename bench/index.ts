// `npm run bench`: runs each benchmark in its own process (so one's heap does not skew another's
// memory figures), one after another. Figures are ratios against the alternatives a user would pick.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const suites = [
  { name: 'analyser (parse + analyse vs yaml-language-server)', dir: 'analyser' },
  { name: 'engine (scheduling overhead, makespan, fail-fast, shell throughput)', dir: 'engine' },
  { name: 'language server (diagnostics and completion latency vs yaml-language-server)', dir: 'lsp' },
];
const only = process.argv.slice(2);
let failed = 0;
for (const suite of suites) {
  if (only.length && !only.includes(suite.dir)) continue;
  const entry = path.join(__dirname, suite.dir, 'index.ts');
  if (!fs.existsSync(entry)) {
    console.log(`\n== ${suite.name}: not present (${path.relative(process.cwd(), entry)})`);
    continue;
  }
  console.log(`\n== ${suite.name}`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', entry], { stdio: 'inherit' });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
