// Text beyond ASCII on the command line: what `weft validate`'s `path:line:column` counts (UTF-16
// code units, as tsc and ESLint count and as VS Code's problem matchers and terminal links read a
// column; docs/engine.md), a byte order mark that no editor shows (not counted), and text the
// printers cut for one line (a step's output after `→`, an error), which is cut between characters,
// never inside an emoji's surrogate pair: the half left was printed as '�'.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { fitLine } from '../../src/cli/render/live.js';
import { oneLine } from '../../src/cli/render/tree.js';
import { weftIn } from '../run/helpers.js';

function inDir(files: Record<string, string>, fn: (dir: string) => void): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-non-ascii-'));
  try {
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    fn(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const BAD_REF = 'steps:\n  - id: a\n    stub: {output: "😀é ${steps.zz.output}"}\n';

test("validate's column counts UTF-16 code units, 1-based: an emoji before the position counts two", () => {
  // `    stub: {output: "` is 20 units, 😀 2, é 1, the space 1, `${steps.` 8: zz starts at unit 32.
  inDir({ 'wf.weft.yaml': BAD_REF }, (dir) => {
    const r = weftIn(dir, 'validate', 'wf.weft.yaml');
    assert.match(r.stdout, /^wf\.weft\.yaml:3:33: error unknown-step: /m);
    const json = JSON.parse(weftIn(dir, 'validate', '--json', 'wf.weft.yaml').stdout);
    assert.deepEqual(json[0].range, { start: { line: 2, character: 32 }, end: { line: 2, character: 34 } });
  });
});

test('a byte order mark is not counted in the first line\'s columns, as no editor shows it', () => {
  const flow = 'steps: [{id: a, stub: {output: "${steps.zz.output}"}}]\r\n';
  inDir({ 'bom.weft.yaml': '\uFEFF' + flow, 'plain.weft.yaml': flow }, (dir) => {
    assert.match(weftIn(dir, 'validate', 'plain.weft.yaml').stdout, /^plain\.weft\.yaml:1:41: error unknown-step: /m);
    assert.match(weftIn(dir, 'validate', 'bom.weft.yaml').stdout, /^bom\.weft\.yaml:1:41: error unknown-step: /m);
    const json = JSON.parse(weftIn(dir, 'validate', '--json', 'bom.weft.yaml').stdout);
    assert.deepEqual(json[0].range.start, { line: 0, character: 40 });
  });
});

test('oneLine cuts between characters, never inside a surrogate pair', () => {
  for (const pad of [0, 1]) {
    const cut = oneLine('a'.repeat(98 + pad) + '😀😀😀');
    assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(cut), JSON.stringify(cut.slice(-4)));
    assert.ok(cut.endsWith('…') && cut.length <= 100, JSON.stringify(cut));
  }
});

test("weft run's plain line shows a step's output cut after a whole emoji, without '�'", () => {
  for (const pad of [0, 1]) {
    inDir({ 'wf.weft.yaml': `steps:\n  - id: a\n    stub: {output: "${'a'.repeat(78 + pad)}😀😀😀"}\n` }, (dir) => {
      const r = weftIn(dir, 'run', 'wf.weft.yaml', '--runs-dir', 'runs');
      assert.equal(r.code, 0, r.stderr);
      const line = r.stdout.split('\n').find((l) => l.includes('a succeeded'))!;
      assert.ok(line.endsWith('…') && !line.includes('\ufffd'), JSON.stringify(line));
    });
  }
});

test('fitLine counts an emoji drawn as a picture by its variation selector (U+FE0F) as two columns', () => {
  // ❤ is text by default (one column); ❤️ asks for the picture, which terminals that honour the
  // selector draw in two. Counted as one, such a line took one column more than the terminal had
  // and wrapped, leaving a stale row on each redraw.
  assert.equal(fitLine('ab❤\uFE0Fc', 3), 'ab\x1b[0m');
  assert.equal(fitLine('ab❤\uFE0Fc', 4), 'ab❤\uFE0F\x1b[0m');
  assert.equal(fitLine('ab❤c', 3), 'ab❤\x1b[0m', 'without the selector, one column');
});
