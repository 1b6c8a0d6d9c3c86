// Why this file exists: `weft lsp --help` has its own text (what the command does, where its docs
// are), but main.ts answered every `--help` after a command with the general usage first, so that
// text was never shown: a newcomer asking how to use `weft lsp` got the run/validate/plan usage.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildDist } from './dist-cli.js';

const ROOT = path.resolve(__dirname, '../../..');

before(buildDist);

describe('weft lsp --help', () => {
  it("prints the language server's own help, not the general usage, and starts no server", () => {
    for (const flag of ['--help', '-h']) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), 'lsp', flag], { encoding: 'utf8', timeout: 20_000, input: '' });
      assert.equal(r.status, 0);
      assert.match(r.stdout, /^Usage: weft lsp \[--stdio\] \[--clientProcessId N\]\n/);
      assert.match(r.stdout, /language server on stdio/);
      assert.doesNotMatch(r.stdout, /weft run <file>/);
    }
  });
});
