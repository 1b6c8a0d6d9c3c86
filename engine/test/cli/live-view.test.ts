// `weft run` on a terminal (render/live.ts): the live tree is redrawn in place until the run ends,
// then the summary, the timeline and the record path are printed below the final tree and stay
// there. The run is started under `script`, which gives it a pseudo-terminal, so it draws as it
// does for a user. A redraw that was still scheduled when the run ended used to move the cursor up
// over the summary and clear it, leaving a second copy of the tree where the summary had been.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { NEEDS_SCRIPT, runInTerminal } from './terminal.js';

test('the summary printed after the live tree is not drawn over', { skip: NEEDS_SCRIPT }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-live-'));
  try {
    const file = path.join(dir, 'wf.weft.yaml');
    fs.writeFileSync(file, 'name: live\nsteps:\n  - id: a\n    shell: echo one\n  - id: b\n    stub: { output: "${steps.a.output} two" }\n');
    const r = runInTerminal(['run', file, '--runs-dir', path.join(dir, 'runs')], dir, 100, 40);
    assert.equal(r.status, 0, `weft run exits 0: ${r.stdout}${r.stderr}`);
    const out = r.stdout;
    const summary = out.lastIndexOf('run succeeded in');
    const record = out.lastIndexOf('record: ');
    assert.ok(summary > 0 && record > summary, `the summary and the record path are printed: ${JSON.stringify(out)}`);
    // Nothing after the summary moves the cursor up (ESC [ n A) or clears the screen below it (ESC [ J).
    const after = out.slice(summary);
    assert.doesNotMatch(after, /\x1b\[\d*A|\x1b\[\d*J/, `nothing is drawn over the summary: ${JSON.stringify(after)}`);
    assert.match(after, /record: .*\.jsonl/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
