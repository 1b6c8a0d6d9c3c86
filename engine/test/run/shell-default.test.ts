// The default shell, as GitHub Actions users expect of `run:` scripts: bash features work, and the
// first failing command fails the step (`bash -e`); an explicit `shell:` is used as given.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { finished, run } from './helpers.js';

describe('shell: the default shell', { skip: !fs.existsSync('/bin/bash') && 'no bash here' }, () => {
  it('runs bash: here-strings and [[ ]] work', async () => {
    const r = await run(`steps:\n  - id: b\n    shell: 'if [[ "a" == a ]]; then wc -w <<< "one two three"; fi'\n`);
    assert.equal(r.fin.status, 'succeeded');
    assert.equal(finished(r.events, 'b').output?.trim(), '3');
  });

  it('stops at the first failing command (bash -e)', async () => {
    const r = await run(`steps:\n  - id: b\n    shell: |\n      false\n      echo after\n`);
    assert.equal(r.fin.status, 'failed');
    const b = finished(r.events, 'b');
    assert.equal(b.status, 'failed');
    assert.ok(!r.events.some((e) => e.type === 'step.log' && e.text.includes('after')), 'the command after the failure did not run');
  });

  it('uses an explicit shell as given, without -e', async () => {
    const r = await run(`steps:\n  - id: s\n    shell:\n      shell: /bin/sh\n      run: |\n        false\n        echo after\n`);
    assert.equal(r.fin.status, 'succeeded');
    assert.equal(finished(r.events, 's').output, 'after');
  });
});
