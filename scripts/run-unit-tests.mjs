// Runs every Node test file (`*.test.ts` under engine/, server/, client/test/unit/, test/) with Node's
// own test runner through tsx. A file list instead of a glob because Node 20's --test takes no globs.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['engine', 'server', 'client/test/unit', 'test'];
const files = [];
const walk = (dir) => {
  if (!fs.existsSync(dir)) return;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) walk(full);
    else if (e.name.endsWith('.test.ts')) files.push(full);
  }
};
for (const r of roots) walk(r);
files.sort();
if (!files.length) {
  console.error('no test files found under', roots.join(', '));
  process.exit(1);
}
const reporter = 'spec';
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', `--test-reporter=${reporter}`, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
