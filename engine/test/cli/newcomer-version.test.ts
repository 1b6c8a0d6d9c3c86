// Why this file exists: `weft --version` printed the environment variable WEFT_VERSION when it was
// set, else a '0.1.0' written into main.ts, so a CI job that names the release to install in
// WEFT_VERSION saw that name echoed back whatever was installed, and a release that bumps the
// package's version would still say 0.1.0. The version is the package's.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildDist } from './dist-cli.js';

const ROOT = path.resolve(__dirname, '../../..');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

before(buildDist);

describe('weft --version', () => {
  it("prints the package's version, whatever WEFT_VERSION holds", () => {
    for (const flag of ['--version', '-v']) {
      const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), flag], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, WEFT_VERSION: '9.9.9-not-installed' } });
      assert.equal(r.status, 0);
      assert.equal(r.stdout, `${VERSION}\n`);
    }
  });
});
