// An error in `weft run`'s plain lines (CI logs, a pipe) and in its summary is printed whole, up to
// 1,000 characters: the plain lines cut errors at 100 and the summary at 200, so in a CI log the end
// of a long error was lost (an outside-root path's `--allow-outside-root` hint, the last of a tool's
// stderr lines) and only the record held it. The live tree still cuts each line to the terminal's
// width (live-view-width.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { weftIn } from '../run/helpers.js';

const weft = (dir: string, ...args: string[]) => weftIn(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs', ...args);

test('a long error reaches the plain lines and the summary whole; a very long one is cut at 1,000 characters', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-plain-errors-'));
  try {
    const long = `the tool could not read /data/${'segment/'.repeat(30)}input.csv: permission denied (run it as the owner)`;
    const huge = 'x'.repeat(3000);
    fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), [
      'steps:',
      '  - id: long',
      '    shell: |',
      `      echo '${long}' >&2; exit 3`,
      '  - id: huge',
      '    shell: |',
      `      echo '${huge}' >&2; exit 4`,
      '',
    ].join('\n'));
    const r = weft(dir, '--continue-on-error');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    const lines = r.stdout.split('\n');
    const wanted = `exit code 3: ${long}`;
    assert.ok(wanted.length > 200);
    assert.ok(lines.some((l) => l.startsWith('✗ long failed in ') && l.endsWith(`: ${wanted}`)), r.stdout);
    assert.ok(lines.includes(`  ✗ long: ${wanted}`), r.stdout);
    const hugeLine = lines.find((l) => l.startsWith('✗ huge failed in '))!;
    const error = hugeLine.slice(hugeLine.indexOf(': ') + 2);
    assert.equal(error.length, 1000);
    assert.ok(error.startsWith('exit code 4: xxx') && error.endsWith('x…'), error);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
