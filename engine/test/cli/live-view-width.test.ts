// `weft run` on a terminal redraws its tree by moving the cursor up one row per line it drew
// (render/live.ts), so every line must take exactly one row. A step `name:` over two lines (a YAML
// block scalar), a name or foreach item in CJK text (two columns a character) or an error holding a
// tool's escape sequences took more rows than counted, and each redraw left stale rows of the tree
// behind it, scrolling the terminal. The run is started under `script`, which gives it a
// pseudo-terminal of 40 columns, as in live-view.test.ts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fitLine } from '../../src/cli/render/live.js';
import { RunState } from '../../src/cli/render/run-state.js';
import { renderTree } from '../../src/cli/render/tree.js';
import type { RunEvent } from '../../src/run/events.js';
import { NEEDS_SCRIPT, runInTerminal } from './terminal.js';

/** Columns of text as a terminal draws it, colour codes removed: CJK ideographs and kana take two. */
const columns = (s: string) => [...s.replace(/\x1b\[[0-9;]*m/g, '')].reduce((n, c) => n + (/[\u3000-\u9fff\uff00-\uff60]/.test(c) ? 2 : 1), 0);

test('fitLine counts the columns a character takes and shows control characters without acting on them', () => {
  assert.equal(fitLine('データ分析', 5), 'デー\x1b[0m', 'two columns per CJK character');
  assert.equal(fitLine('データ', 6), 'データ');
  assert.equal(fitLine('ab🚀c', 3), 'ab\x1b[0m', 'an emoji takes two columns and is never cut in half');
  assert.equal(fitLine('e\u0301x', 2), 'e\u0301x', 'a combining mark takes none');
  assert.equal(fitLine('one\ntwo\tthree\r', 20), 'one two three ');
  assert.equal(fitLine('a\x1b[2Kb\x07', 10), 'a\ufffd[2Kb\ufffd', 'an escape sequence that is not a colour is shown, not run');
  assert.equal(fitLine('\x1b[32mhello\x1b[0m world', 3), '\x1b[32mhel\x1b[0m', 'colour codes stay whole');
});

test("a colour code in a step's name or error is shown, not run: it would colour the rest of the tree", () => {
  // fitLine keeps colour codes whole, the tree's own and any inside the text it is given; a `name:`
  // or a tool's stderr quoted in an error that held one coloured what followed it.
  const R = { runId: 'r', ts: 0 };
  const plan = [{ id: 'a', path: 'a', kind: 'shell' as const, name: '\x1b[31mred name', stage: 1, needs: [] }];
  const evs: RunEvent[] = [
    { ...R, type: 'run.started', workflow: 'w', file: 'w.weft.yaml', inputs: {}, plan },
    { ...R, ts: 1, type: 'step.started', path: 'a', attempt: 1, kind: 'shell' },
    { ...R, ts: 2, type: 'step.finished', path: 'a', status: 'failed', durationMs: 1, attempts: 1, kind: 'shell', error: 'exit code 1: \x1b[1;33mwarning\x1b[0m' },
  ];
  const state = new RunState();
  for (const e of evs) state.apply(e);
  const lines = renderTree(state, { now: 3, frame: 0, style: { color: true } }).map((l) => fitLine(l, 200));
  const step = lines.find((l) => l.includes('red name'))!;
  assert.ok(step.includes('\ufffd[31mred name'), JSON.stringify(step));
  assert.ok(step.includes('exit code 1: \ufffd[1;33mwarning\ufffd[0m'), JSON.stringify(step));
  assert.equal(step.includes('\x1b[31mred'), false);
});

test('a multi-line or CJK step name and a CJK item keep each line of the live tree on one row', { skip: NEEDS_SCRIPT }, () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-live-width-'));
  try {
    const file = path.join(dir, 'wf.weft.yaml');
    fs.writeFileSync(
      file,
      [
        'name: wide',
        'steps:',
        '  - id: a',
        '    name: |',
        '      first line',
        '      second line',
        '    shell: sleep 0.4',
        '  - id: b',
        '    name: データ分析レポートの最終版ファイル名',
        '    shell: sleep 0.4',
        '  - id: each',
        '    foreach:',
        '      items: ["第二のファイル名も同じく長いものにしておきます.csv"]',
        '      steps:',
        '        - id: s',
        '          shell: sleep 0.4',
        '',
      ].join('\n'),
    );
    const r = runInTerminal(['run', file, '--runs-dir', path.join(dir, 'runs')], dir, 40, 30);
    assert.equal(r.status, 0, `weft run exits 0: ${r.stdout}${r.stderr}`);
    const out = r.stdout.replace(/\r\n/g, '\n');
    const end = out.lastIndexOf('run succeeded in');
    assert.ok(end > 0, `the run ends and its summary is printed: ${JSON.stringify(out)}`);
    // The drawings of the tree: each redraw starts with ESC [ n A (up n rows), CR, ESC [ 0 J.
    const redraws = [...out.slice(0, end).matchAll(/\x1b\[(\d+)A\r\x1b\[0J/g)];
    assert.ok(redraws.length > 0, `the tree was redrawn: ${JSON.stringify(out)}`);
    let from = out.indexOf('\x1b[?25l') + '\x1b[?25l'.length;
    for (const m of redraws) {
      const frame = out.slice(from, m.index!);
      const rows = frame.replace(/\n$/, '').split('\n');
      assert.equal(rows.length, Number(m[1]), `a redraw moves up as many rows as the drawing before it took: ${JSON.stringify(frame)}`);
      for (const row of rows) assert.ok(columns(row) <= 40, `a line fits in 40 columns: ${JSON.stringify(row)}`);
      from = m.index! + m[0].length;
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
