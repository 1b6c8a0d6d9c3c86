// `weft validate <file ...>` with a file that cannot be read among others (interfaces spec, "Command
// line": several files in one call, exit 2 for a missing file): the others are still validated and
// their diagnostics printed, the unreadable one is named on stderr, and the exit code is 2.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ROOT, weftIn } from '../run/helpers.js';

const FIX = 'engine/test/fixtures/diagnostics';

/** `weft <args>` from its source (nothing here needs the bundle), in the repository's root. */
const weft = (...args: string[]) => weftIn(ROOT, ...args);

describe('weft validate with a missing file among others', () => {
  const bad = `${FIX}/unknown-step/typo.weft.yaml`;
  const good = `${FIX}/valid/functions.weft.yaml`;

  it('prints the diagnostics of the files it can read, names the missing one, and exits 2', () => {
    const r = weft('validate', bad, 'no/such/file.weft.yaml', good);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, `${bad}:8:56: error unknown-step: unknown step 'fecth'; did you mean 'fetch'?\n`);
    assert.equal(r.stderr, "weft validate: cannot read 'no/such/file.weft.yaml': no such file\n2 files: 1 error, 0 warnings; 1 file not read\n");
  });

  it('exits 2, not 0, when the files it read are clean', () => {
    const r = weft('validate', good, 'no/such/file.weft.yaml');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "weft validate: cannot read 'no/such/file.weft.yaml': no such file\n1 file: no problems; 1 file not read\n");
  });

  it('with --json, still prints one array with the other files\' diagnostics', () => {
    const r = weft('validate', '--json', 'no/such/file.weft.yaml', bad);
    assert.equal(r.code, 2);
    const all = JSON.parse(r.stdout) as { file: string; code: string }[];
    assert.deepEqual(all.map((d) => [d.file, d.code]), [[bad, 'unknown-step']]);
    assert.equal(r.stderr, "weft validate: cannot read 'no/such/file.weft.yaml': no such file\n");
  });

  it('a single missing file: only the error, nothing on stdout', () => {
    const r = weft('validate', 'no/such/file.weft.yaml');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "weft validate: cannot read 'no/such/file.weft.yaml': no such file\n");
  });
});
