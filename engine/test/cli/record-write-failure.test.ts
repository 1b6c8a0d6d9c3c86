// A run whose record cannot be written to its end (a full disk; here a file size limit, `ulimit -f`,
// which fails writes past it with EFBIG as a full disk fails them with ENOSPC): the write threw out
// of a timer and crashed `weft run` mid-run (in the editor, the extension host), its steps cancelled
// by the exit hook and the record ending in half a line. Now the run goes on to its end, the record
// is cut back to whole events, and `weft run` says it is incomplete and why.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { tempDir, WEFT_SOURCE_ARGS } from '../run/helpers.js';

// 3,000 lines of 70 bytes: about 250 KB of step.log events, past a 100 KB limit.
const YAML = `steps:
  - id: talk
    shell: 'for i in $(seq 3000); do echo "line $i xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"; done'
  - id: after
    needs: talk
    shell: 'touch after-ran; echo after'
`;

test('weft run goes on when its record cannot be written, and says the record is incomplete', { skip: process.platform === 'win32' && 'ulimit', timeout: 90_000 }, () => {
  const dir = tempDir('weft-record-limit-');
  fs.writeFileSync(path.join(dir, 'w.weft.yaml'), YAML);
  const cmd = ['ulimit -f 100;', 'exec', ...[process.execPath, ...WEFT_SOURCE_ARGS, 'run', 'w.weft.yaml', '--runs-dir', 'runs'].map((a) => JSON.stringify(a))].join(' ');
  const r = spawnSync('bash', ['-c', cmd], { cwd: dir, encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(fs.existsSync(path.join(dir, 'after-ran')), 'the run went on to its last step');
  const [record] = fs.readdirSync(path.join(dir, 'runs')).filter((f) => f.endsWith('.jsonl'));
  assert.match(r.stderr, new RegExp(`^weft: the run's record is incomplete: writing .*${record} failed: file too large \\(EFBIG\\)\\n$`));
  assert.match(r.stdout, /record \(incomplete\): /);
  const text = fs.readFileSync(path.join(dir, 'runs', record), 'utf8');
  assert.ok(text.endsWith('\n'), 'cut back to whole lines');
  for (const line of text.split('\n').filter(Boolean)) JSON.parse(line);
});
