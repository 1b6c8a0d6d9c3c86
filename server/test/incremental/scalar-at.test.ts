// The walk and block-scalar checks shared by the two incremental paths (server/src/scalar-at.ts), and
// what each path makes of them: free-text-edit.ts wants the key of the pair and refuses flow
// collections; scalar-edit.ts wants the place in the plain data and accepts flow collections (with
// stricter checks on the text). Each case asserts the path taken, so a change to the shared walk
// that one caller would not notice fails here.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Node } from 'yaml';
import { analyse } from '../../../engine/src/analysis/analyse.js';
import { parseWorkflow } from '../../../engine/src/model/parse.js';
import { parseYamlDocument } from '../../../engine/src/model/yaml-parse.js';
import { isScalar } from '../../../engine/src/model/yaml-nodes.js';
import type { Diagnostic } from '../../../engine/src/model/types.js';
import { freeTextEdit, shiftedDiagnostics } from '../../src/free-text-edit.js';
import { scalarEdit } from '../../src/scalar-edit.js';
import { blockHeaderEnd, inIndentation, scalarAt } from '../../src/scalar-at.js';
import { createLineIndex } from '../../../engine/src/model/line-index.js';
import { rng } from '../../../test/support/prng.js';

const FILE = '/tmp/scalar-at.weft.yaml';

const root = (text: string) => parseYamlDocument(text).value as Node | null;
/** The offset just after the first occurrence of `s` in `text`. */
const after = (text: string, s: string) => {
  const i = text.indexOf(s);
  assert.ok(i >= 0, `no ${s}`);
  return i + s.length;
};

describe('scalarAt', () => {
  const TEXT = 'a:\n  b: [x, {c: yy}]\n  d:\n    - one two\n    - k: v w\n~: null key\n? [p, q]\n: complex key\n';

  it('finds a mapping value with its key, the steps to it, and no flow flag', () => {
    const steps: (Node | null | number)[] = [];
    const hit = scalarAt(root(TEXT), after(TEXT, 'k: v'), after(TEXT, 'k: v'), 500, steps);
    assert.ok(hit);
    assert.equal(hit.scalar.value, 'v w');
    assert.equal(hit.flow, false);
    assert.ok(isScalar(hit.key) && hit.key.value === 'k');
    assert.deepEqual(steps.map((s) => (typeof s === 'number' ? s : isScalar(s) ? s.value : s)), ['a', 'd', 1, 'k']);
  });

  it('a sequence item has no key; the root scalar and keys are never hits', () => {
    const hit = scalarAt(root(TEXT), after(TEXT, '- one'), after(TEXT, '- one'), 500);
    assert.ok(hit);
    assert.equal(hit.scalar.value, 'one two');
    assert.equal(hit.key, undefined);
    assert.equal(scalarAt(root('just text\n'), 2, 2, 500), undefined);
    assert.equal(scalarAt(root(TEXT), after(TEXT, '  b'), after(TEXT, '  b'), 500), undefined, 'at the end of key b');
    assert.equal(scalarAt(root(TEXT), 1, 1, 500), undefined, 'inside key a');
  });

  it('inside a flow collection: found, with the flow flag', () => {
    const hit = scalarAt(root(TEXT), after(TEXT, '{c: y'), after(TEXT, '{c: y'), 500);
    assert.ok(hit?.flow);
    assert.equal(hit.scalar.value, 'yy');
    const item = scalarAt(root(TEXT), after(TEXT, '[x'), after(TEXT, '[x'), 500);
    assert.ok(item?.flow && item.key === undefined);
  });

  it('null and collection keys are handed back as they are', () => {
    const nul = scalarAt(root(TEXT), after(TEXT, 'null'), after(TEXT, 'null'), 500);
    assert.ok(nul && isScalar(nul.key) && nul.key.value === null);
    const steps: (Node | null | number)[] = [];
    const complex = scalarAt(root(TEXT), after(TEXT, 'complex'), after(TEXT, 'complex'), 500, steps);
    assert.ok(complex && !isScalar(complex.key) && complex.key !== null);
    assert.equal(steps.length, 1);
  });

  it('an alias on the way, an edit across two values, or too deep: no hit', () => {
    const alias = 'a: &x\n  b: c\nd: *x\n';
    assert.equal(scalarAt(root(alias), after(alias, '*'), after(alias, '*'), 500), undefined);
    assert.equal(scalarAt(root(TEXT), after(TEXT, '- o'), after(TEXT, 'k: v'), 500), undefined);
    const deep = `${'- '.repeat(5)}deep\n`;
    assert.ok(scalarAt(root(deep), after(deep, 'de'), after(deep, 'de'), 6));
    assert.equal(scalarAt(root(deep), after(deep, 'de'), after(deep, 'de'), 5), undefined);
  });
});

describe('block scalar checks', () => {
  const TEXT = 'k: |-\n  line one\n    more\n';
  const start = TEXT.indexOf('|');

  it('blockHeaderEnd: the header line break, for an edit after it only', () => {
    assert.equal(blockHeaderEnd(TEXT, start, after(TEXT, '|-\n ')), TEXT.indexOf('\n'));
    assert.equal(blockHeaderEnd(TEXT, start, start + 1), -1);
    assert.equal(blockHeaderEnd(TEXT, start, TEXT.indexOf('\n')), -1, 'at the line break itself');
    assert.equal(blockHeaderEnd('k: |', 3, 4), -1, 'no line break');
  });

  it('inIndentation: only spaces before the offset on its line', () => {
    assert.equal(inIndentation(TEXT, after(TEXT, '|-\n ')), true);
    assert.equal(inIndentation(TEXT, after(TEXT, '    ')), true);
    assert.equal(inIndentation(TEXT, after(TEXT, 'line')), false);
    assert.equal(inIndentation(TEXT, 0), true);
  });
});

describe('the two callers', () => {
  const WF = `name: t
steps:
  - id: a
    llm:
      prompt: write a poem
      system: "be brief"
  - id: b
    llm: {prompt: flow prompt here}
  - id: c
    shell: |
      echo one
      echo two
  - id: d
    stub:
      output: [first, second]
  - id: e
    needs:
      - alpha
`;
  const analysis = analyse(parseWorkflow(WF, FILE));
  /** freeTextEdit's answer for typing `ins` after the first `at` (true: the diagnostics are shifted). */
  const free = (at: string, ins = 'x', del = 0) => {
    const o = after(WF, at);
    return freeTextEdit(analysis, WF, WF.slice(0, o) + ins + WF.slice(o + del)) !== undefined;
  };
  /** scalarEdit's route for the same edit ('scalar' or its reason). */
  const scalar = (at: string, ins = 'x', del = 0) => {
    const o = after(WF, at);
    const r = scalarEdit(parseWorkflow(WF, FILE), WF.slice(0, o) + ins + WF.slice(o + del));
    return 'doc' in r ? 'scalar' : r.reason;
  };

  it('free text: a plain or quoted value of a free-text key, and a block literal line', () => {
    assert.equal(free('prompt: write a'), true);
    assert.equal(free('"be br'), true);
    assert.equal(free('echo o'), true);
    assert.equal(free('echo two', ' three'), true);
  });

  it('free text: a space typed at the end of a plain value, and the word after it, with the diagnostics of a full analysis', () => {
    // YAML drops a plain value's trailing spaces: the space leaves the value as it was. Typing one at
    // the end of a command or prompt cost a full analysis, and the next letter, after the value's end
    // in that analysis, another.
    assert.equal(free('write a poem', ' '), true, 'a space');
    assert.equal(free('write a poem', '  more words'), true, 'spaces and words');
    assert.equal(free('write a poem', ' ', 0), true);
    const text = 'steps:\n  - id: a\n    shell: echo hi\n  - id: b\n    shell: echo ${steps.nope.output}\n';
    for (const ins of [' ', ' there', '  ']) {
      const o = after(text, 'echo hi');
      const next = text.slice(0, o) + ins + text.slice(o);
      const shifted = shiftedDiagnostics(analyse(parseWorkflow(text, FILE)), text, next);
      assert.ok(shifted, JSON.stringify(ins));
      const full = analyse(parseWorkflow(next, FILE)).diagnostics;
      assert.ok(full.length);
      assert.deepEqual(shifted.map((d) => [d.code, d.range, d.message]), full.map((d) => [d.code, d.range, d.message]));
    }
  });

  it('free text refuses a flow collection, a key, a sequence item, a block header or indentation', () => {
    assert.equal(free('{prompt: flow'), false, 'inside a flow mapping');
    assert.equal(free('[fir'), false, 'a sequence item has no key');
    assert.equal(free('prom'), false, 'a key');
    assert.equal(free('shell: |'), false, 'the block header');
    assert.equal(free('      echo one\n'), false, 'indentation of a block line');
    assert.equal(free('- id: a'), false, 'not a free-text key');
    assert.equal(free('- alph'), false, 'a block sequence item has no key');
  });

  it('scalar edit takes the same places, flow collections too, and refuses keys, headers, indentation', () => {
    assert.equal(scalar('prompt: write a'), 'scalar');
    assert.equal(scalar('"be br'), 'scalar');
    assert.equal(scalar('echo o'), 'scalar');
    assert.equal(scalar('{prompt: flow'), 'scalar');
    assert.equal(scalar('[fir'), 'scalar');
    assert.equal(scalar('- id: a'), 'scalar');
    assert.equal(scalar('prom'), 'not inside one scalar value');
    assert.equal(scalar('shell: |'), 'edit in the block scalar header or at its end');
    assert.equal(scalar('      echo one\n'), 'edit in the indentation of a block scalar line');
    assert.equal(scalar('[fir', ','), 'flow indicator in a plain scalar inside a flow collection');
  });

  it('scalar edit: the data path through null and collection keys', () => {
    const text = '~:\n  k: value\n? [p]\n: other\n';
    const model = parseWorkflow(text, FILE);
    const edit = (at: string) => {
      const o = after(text, at);
      const next = text.slice(0, o) + 'x' + text.slice(o);
      const r = scalarEdit(model, next);
      assert.ok('doc' in r, JSON.stringify(r));
      return { r, full: parseWorkflow(next, FILE).data };
    };
    const nul = edit('val');
    assert.ok(nul.r.data !== undefined, 'a null key is the path step ""');
    assert.deepEqual(nul.r.data, nul.full);
    assert.equal(edit('oth').r.data, undefined, 'no path through a collection key');
  });

  it('scalar edit: no data when the path leads to another value (a later key with the same name in the data)', () => {
    // `1` and `"1"` are two keys to YAML and one ('1', the last value) in the data: editing the
    // first must not write its value there. Such a file is a yaml-syntax error (one key written two
    // ways), so the shortcut is declined before the data guard is reached; either way the data the
    // server keeps must not take the edited value.
    const text = 'name: t\n1: first\n"1": second\nsteps:\n  - id: a\n    shell: echo\n';
    const o = after(text, 'firs');
    const next = text.slice(0, o) + 'x' + text.slice(o);
    const r = scalarEdit(parseWorkflow(text, FILE), next);
    assert.ok(!('doc' in r) || r.data === undefined, JSON.stringify(r));
    assert.equal((parseWorkflow(next, FILE).data as Record<string, unknown>)['1'], 'second');
  });
});

describe('line breaks other than a line feed', () => {
  // The model reads a lone CR as a line break (engine/src/model/yaml-parse.ts, withLineFeeds), and
  // so does an editor; the checks must too. Typing `x` at the start of a line that a lone CR begins
  // (or between the CR and LF of a CRLF) puts it at column 0, which ends the scalar: a YAML error
  // that the free-text path must not hide by shifting the previous (clean) diagnostics.
  const ins = (text: string, at: number, s: string) => text.slice(0, at) + s + text.slice(at);
  const head = 'name: t\nsteps:\n  - id: a\n';
  const CASES: Record<string, [string, (t: string) => number]> = {
    'block literal lines split by a lone CR': [`${head}    shell: |\n      echo a\r      echo b\n`, (t) => t.indexOf('      echo b')],
    'block literal, all lone CRs': [`${head}    shell: |\r      echo a\r      echo b\r`, (t) => t.indexOf('      echo b')],
    'block literal, between CR and LF': ['name: t\r\nsteps:\r\n  - id: a\r\n    shell: |\r\n      echo a\r\n      echo b\r\n', (t) => t.indexOf('\n      echo b')],
    'multi-line plain scalar with a lone CR': [`${head}    shell: echo a\r      echo b\n`, (t) => t.indexOf('      echo b')],
    'multi-line double-quoted scalar with a lone CR': [`${head}    shell: "echo a\r      echo b"\n`, (t) => t.indexOf('      echo b')],
    'multi-line single-quoted scalar with a lone CR': [`${head}    shell: 'echo a\r      echo b'\n`, (t) => t.indexOf('      echo b')],
  };
  for (const [name, [text, at]] of Object.entries(CASES)) {
    it(`free text and scalar edit refuse column 0 after a CR: ${name}`, () => {
      const next = ins(text, at(text), 'x');
      assert.ok(analyse(parseWorkflow(next, FILE)).diagnostics.some((d) => d.code === 'yaml-syntax'), 'the full analysis reports the broken YAML');
      assert.equal(freeTextEdit(analyse(parseWorkflow(text, FILE)), text, next), undefined);
      assert.ok('reason' in scalarEdit(parseWorkflow(text, FILE), next));
    });
  }

  it('the block scalar checks count CR and CRLF as line breaks', () => {
    assert.equal(blockHeaderEnd('k: |\r  a\n', 3, 6), 4, 'a lone CR ends the header');
    assert.equal(blockHeaderEnd('k: |\r\n  a\r\n', 3, 7), 4, 'CRLF: the CR ends the header');
    assert.equal(inIndentation('k: |\n  a\r  b\n', 11), true, 'after a lone CR and spaces');
    assert.equal(inIndentation('k: |\r\n  a\r\n  b\r\n', 10), true, 'between CR and LF');
    assert.equal(inIndentation('k: |\r\n  a\r\n  b\r\n', 9), false, 'after `a`, before its CRLF');
  });

  it('inIndentation: typing there puts the text after only white space on its line, by the line index of the new text (random LF/CR/CRLF texts)', () => {
    // The question both paths ask: does an insertion at `at` land in a line's indentation? Asked of
    // the text after the insertion with the engine's line index, which is what the parse sees. Right
    // after the CR of a CRLF the line index of the OLD text puts `at` on the line the CRLF ends (so a
    // scan from that line's start sees its text), but the insertion makes the CR a line break of its
    // own and starts a line: `inIndentation` must say true there, which a plain line-start scan does not.
    const next = rng(20260518);
    const pieces = ['a', ' ', '\t', '\n', '\r', '\r\n'];
    for (let round = 0; round < 400; round++) {
      let text = '';
      const len = Math.floor(next() * 10);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(next() * pieces.length)];
      for (let at = 0; at <= text.length; at++) {
        const typed = ins(text, at, 'x');
        const p = createLineIndex(typed).positionAt(at);
        const expected = /^\s*$/.test(typed.slice(at - p.character, at));
        assert.equal(inIndentation(text, at), expected, `${JSON.stringify(text)} at ${at}`);
      }
      // blockHeaderEnd: the end of the line the header starts, for `from` past it.
      for (let start = 0; start < text.length; start++) {
        const lines = createLineIndex(text);
        const line = lines.positionAt(start).line;
        const end = line + 1 < lines.lineCount ? lines.offsetAt({ line, character: 1e9 }) : -1;
        for (let from = start; from <= text.length; from++) {
          if (text[start - 1] === '\r' && text[start] === '\n') continue; // a header never starts inside a CRLF
          assert.equal(blockHeaderEnd(text, start, from), end >= 0 && from > end ? end : -1, `${JSON.stringify(text)} ${start} ${from}`);
        }
      }
    }
  });

  it('CRLF files keep both shortcuts for typing inside a line', () => {
    const text = 'name: t\r\nsteps:\r\n  - id: a\r\n    shell: |\r\n      echo a\r\n      echo b\r\n  - id: b\r\n    shell: echo c\r\n';
    for (const at of [after(text, 'echo a'), after(text, 'echo b'), after(text, 'echo c'), after(text, 'ec')]) {
      const next = ins(text, at, 'x');
      assert.ok(freeTextEdit(analyse(parseWorkflow(text, FILE)), text, next), JSON.stringify(next));
      assert.ok('doc' in scalarEdit(parseWorkflow(text, FILE), next), JSON.stringify(next));
    }
  });
});

describe('free text around templates, with any line break', () => {
  // The free-text path keeps edits outside every `${...}` by the template's source offsets, which
  // the model maps from value offsets (engine/src/model/template-strings.ts offsetMapper). Where
  // that mapping is wrong, an edit inside `${steps.a.outptu}` looks like free text and keeps the old
  // message: the path checks that each mapped range holds the expression's text.
  const WF = (br: string, pad = ' '.repeat(8)) => `name: t${br}steps:${br}  - id: a${br}    shell: echo${br}  - id: b${br}    llm:${br}      prompt: |${br}${pad}uses \${steps.a.outptu} here${br}${pad}more${br}`;
  const typeAt = (text: string, at: string, ins: string) => {
    const o = after(text, at);
    const next = text.slice(0, o) + ins + text.slice(o);
    const shifted = shiftedDiagnostics(analyse(parseWorkflow(text, FILE)), text, next);
    const full = analyse(parseWorkflow(next, FILE)).diagnostics;
    return { shifted, full };
  };
  const same = (a: Diagnostic[], b: Diagnostic[]) => assert.deepEqual(a.map((d) => [d.code, d.range, d.message]), b.map((d) => [d.code, d.range, d.message]));
  /** Typing inside `${steps.a.outptu}` is not free text; typing before it is, and equals a full analysis. */
  const insideAndOutside = (text: string) => {
    const inside = typeAt(text, '.outp', 'x');
    assert.ok(inside.full.some((d) => d.message.includes('outpxtu')), 'the full analysis names the new property');
    assert.equal(inside.shifted, undefined);
    const outside = typeAt(text, 'uses', 'x');
    assert.ok(outside.shifted, 'the shortcut is taken');
    same(outside.shifted, outside.full);
  };

  for (const [name, br] of [['LF', '\n'], ['CRLF', '\r\n'], ['lone CR', '\r']]) {
    it(`${name}: an edit inside \${...} is not free text; one outside it equals a full analysis`, () => {
      insideAndOutside(WF(br));
    });
  }

  it('a block scalar indented 300 spaces: an edit inside ${...} is not free text; one outside it equals a full analysis', () => {
    // offsetMapper once looked for each value character at most 256 source characters ahead: past
    // deeper indentation every expression mapped to its line's start, outside the edit.
    insideAndOutside(WF('\n', ' '.repeat(300)));
  });
});
