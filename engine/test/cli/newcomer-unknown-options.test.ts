// Why this file exists: a newcomer's mistyped or borrowed flag (`weft graph x --json`, `weft run x
// --inputs a=1`) got Node's parseArgs advice, "To specify a positional argument starting with a '-',
// place it at the end of the command after '--'", which for weft means passing the flag as a file
// name. The command line should say which options the command takes (its usage line) and the
// closest one instead, still exiting 2 (interfaces spec: wrong usage).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildDist } from './dist-cli.js';

const ROOT = path.resolve(__dirname, '../../..');
const FILE = 'engine/test/fixtures/seeds/002-mixed.weft.yaml';

function weft(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'dist/cli.js'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

before(buildDist);

describe('an unknown option', () => {
  it('shows the usage of the command instead of advising to pass the option as a file after --', () => {
    const r = weft('graph', FILE, '--json');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^weft graph: Unknown option '--json'/);
    assert.doesNotMatch(r.stderr, /after '--'|positional argument/);
    assert.match(r.stderr, /weft graph <file> \[--format mermaid\|dot\|json\]/);
    assert.doesNotMatch(r.stderr, /weft run <file>/, 'only the usage of the command that was given');
  });

  it('suggests the closest option of the command', () => {
    const r = weft('run', FILE, '--inputs', 'topic=x');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^weft run: Unknown option '--inputs'; did you mean '--input'\?/);
    assert.match(r.stderr, /weft run <file> \[--input name=value \.\.\.\]/);
    const v = weft('validate', '--jsno', FILE);
    assert.equal(v.code, 2);
    assert.match(v.stderr, /^weft validate: Unknown option '--jsno'; did you mean '--json'\?/);
  });

  it('keeps the other usage errors as they were', () => {
    const r = weft('graph', FILE, '--format');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /argument missing/);
  });
});
