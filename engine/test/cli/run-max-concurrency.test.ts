// `weft run --max-concurrency N` (-j N) takes a whole number written in decimal, as `--input` takes
// numbers and as GNU make's -j does. It was read with Number(), so `0x10` ran 16 steps at once and
// `1e1` ten, and a typo that JavaScript reads as a number was never caught.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { tempDir, weftIn as weft } from '../run/helpers.js';

test('--max-concurrency takes decimal whole numbers only', () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), 'steps:\n  - { id: a, stub: { output: x } }\n');
  for (const bad of ['0x10', '1e1', ' 2', '2.0', '0', '-1', '']) {
    const r = weft(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs', `--max-concurrency=${bad}`);
    assert.equal(r.code, 2, `${JSON.stringify(bad)}: ${r.stderr}`);
    assert.equal(r.stderr, `weft run: --max-concurrency expects an integer >= 1, got '${bad}'\n`);
  }
  assert.equal(fs.existsSync(path.join(dir, 'runs')), false, 'nothing ran');
  const ok = weft(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs', '-j', '3');
  assert.equal(ok.code, 0, ok.stderr);
});
