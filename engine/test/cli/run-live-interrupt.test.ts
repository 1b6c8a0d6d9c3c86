// Ctrl-C while `weft run` draws its live tree on a terminal: the notice `weft: cancelling the run on
// SIGINT (...)` stays on the screen and the tree is not doubled. The notice goes to stderr, the same
// terminal; written below the tree, it was cleared by the next redraw (80 ms later at most), which
// moved the cursor up by the tree's height from the rows below the notice, so the user never saw
// why the run stopped and the tree's first rows stayed on the screen twice. The run is started under
// `script` (a pseudo-terminal), its step sends the SIGINT to weft itself once the tree is drawn, and
// the bytes the terminal got are replayed on a small screen model to see what the user saw.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { NEEDS_SCRIPT, runInTerminal } from './terminal.js';

/**
 * The screen after `bytes` (no scrolling: rows grow as needed): printable text, CR, LF, and the
 * escape sequences the live view writes (cursor up, clear to the end of the screen, colours, cursor
 * shown or hidden).
 */
function screen(bytes: string): string[] {
  const rows: string[][] = [[]];
  let row = 0;
  let col = 0;
  for (let i = 0; i < bytes.length; ) {
    const csi = /^\x1b\[([?0-9;]*)([A-Za-z])/.exec(bytes.slice(i, i + 16));
    if (csi) {
      i += csi[0].length;
      if (csi[2] === 'A') row = Math.max(0, row - Number(csi[1] || 1));
      else if (csi[2] === 'J') {
        rows[row].length = col;
        rows.length = row + 1;
      }
      continue;
    }
    const ch = String.fromCodePoint(bytes.codePointAt(i)!);
    i += ch.length;
    if (ch === '\r') col = 0;
    else if (ch === '\n') {
      row++;
      rows[row] ??= [];
    } else if (ch >= ' ') {
      rows[row][col++] = ch;
    }
  }
  return rows.map((r) => Array.from(r, (c) => c ?? ' ').join('').trimEnd());
}

test('the cancel notice after Ctrl-C stays above the live tree, which is not doubled', { skip: NEEDS_SCRIPT }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-live-int-'));
  try {
    const file = path.join(dir, 'wf.weft.yaml');
    // The step's shell is weft's child: $PPID is weft. The pause lets the tree be drawn first.
    fs.writeFileSync(
      file,
      `name: interrupted
steps:
  - id: first
    shell: 'sleep 0.5; kill -INT $PPID; sleep 20'
  - id: second
    stub: { output: two, delay: 20s }
  - id: third
    needs: first
    stub: true
`,
    );
    const r = runInTerminal(['run', file, '--runs-dir', path.join(dir, 'runs')], dir, 100, 40);
    assert.equal(r.status, 1, `a cancelled run exits 1: ${r.stdout}${r.stderr}`);
    const lines = screen(r.stdout);
    const shown = lines.join('\n');
    assert.match(shown, /weft: cancelling the run on SIGINT \(Ctrl-C again to exit at once\)/, `the notice is on the screen:\n${shown}`);
    for (const step of ['first', 'second', 'third']) {
      const rows = lines.filter((l) => new RegExp(`\\b${step}\\b`).test(l) && !/│/.test(l));
      assert.equal(rows.length, 1, `one row of the tree for ${step}, not a stale copy too:\n${shown}`);
    }
    assert.match(shown, /run cancelled/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
