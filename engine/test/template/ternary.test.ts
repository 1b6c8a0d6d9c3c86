// `${a ? b : c}` (JavaScript's and GitHub's habit): Weft's grammar has no conditional operator, and
// `&&` / `||` give an operand's value, so `a && b || c` is the Weft form. The parser says so in one
// error, with that text as the fix when it means the same (b is a literal the run takes as true),
// and keeps the three parts in the tree, so names in them are still checked and waited for.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { evaluateTemplate, isTruthy, type EvalScope } from '../../src/template/evaluate.js';
import { parseTemplate } from '../../src/template/parse.js';
import { scopeWith } from './evaluate-with.js';

const scope = (output: unknown): EvalScope => scopeWith({}, (id) => (id === 'a' ? { output } : undefined));

const one = (value: string) => {
  const t = parseTemplate(value);
  assert.equal(t.errors.length, 1, JSON.stringify(t.errors));
  const e = t.errors[0]!;
  return { message: e.message, written: value.slice(e.range.start, e.range.end), suggestion: e.suggestion };
};

describe('a ? b : c', () => {
  it("is one error on the whole conditional, whose fix is a && b || c", () => {
    const value = "echo ${steps.a.output == 'x' ? 'y' : 'z'}";
    const e = one(value);
    assert.equal(e.written, "steps.a.output == 'x' ? 'y' : 'z'");
    assert.equal(e.suggestion, "steps.a.output == 'x' && 'y' || 'z'");
    assert.match(e.message, /Weft has no '\? :' conditional/);
    assert.match(e.message, /steps\.a\.output == 'x' && 'y' \|\| 'z'/);
  });

  it('the fix evaluates as the conditional would, for a literal the run takes as true', () => {
    for (const [cond, yes, no] of [["steps.a.output == 'x'", "'y'", "'z'"], ['steps.a.output', 'true', 'false'], ["steps.a.output != ''", '1', "'none'"]] as const) {
      const e = one(`\${${cond} ? ${yes} : ${no}}`);
      assert.ok(e.suggestion, cond);
      const fixed = parseTemplate(`\${${e.suggestion}}`);
      assert.deepEqual(fixed.errors, []);
      for (const output of ['x', '', 'other', 'false', 0, 1, null]) {
        const holds = isTruthy(evaluateTemplate(parseTemplate(`\${${cond}}`), scope(output)));
        const expected = evaluateTemplate(parseTemplate(`\${${holds ? yes : no}}`), scope(output));
        assert.deepEqual(evaluateTemplate(fixed, scope(output)), expected, `${e.suggestion} with output ${JSON.stringify(output)}`);
      }
    }
  });

  it('puts parentheses where && and || would bind otherwise', () => {
    assert.equal(one("${steps.a.output || steps.b.output ? 'y' : steps.c.output ?? 'z'}").suggestion, "(steps.a.output || steps.b.output) && 'y' || (steps.c.output ?? 'z')");
    assert.equal(one("${(steps.a.output || steps.b.output) ? 'y' : 'z'}").suggestion, "(steps.a.output || steps.b.output) && 'y' || 'z'");
  });

  it('offers no fix when b may be false to the run (a && b || c would give c), and says why', () => {
    for (const value of ["${steps.a.output ? steps.b.output : 'z'}", "${steps.a.output ? '' : 'z'}", "${steps.a.output ? 'false' : 'z'}", '${steps.a.output ? 0 : 1}']) {
      const e = one(value);
      assert.equal(e.suggestion, undefined, value);
      assert.match(e.message, /&& .* \|\| /, value);
      assert.match(e.message, /empty, 0, false or null/, value);
    }
  });

  it('keeps the names of all three parts in the tree', () => {
    const t = parseTemplate('${steps.a.output ? steps.b.output : steps.c.output}');
    const names: string[] = [];
    const walk = (e: unknown): void => {
      if (!e || typeof e !== 'object') return;
      const x = e as { type?: string; segments?: { name?: string }[] };
      if (x.type === 'path') names.push(x.segments![0]!.name!);
      for (const v of Object.values(e)) if (v && typeof v === 'object') walk(v);
    };
    walk(t.parts[0]);
    assert.deepEqual(names, ['a', 'b', 'c']);
    const text = "steps:\n  - id: a\n    shell: echo\n  - id: b\n    shell: \"echo ${steps.a.output ? steps.chek.output : 'none'}\"\n";
    const a = analyseText(text, 'c.weft.yaml');
    assert.deepEqual(a.diagnostics.map((d) => [d.code, text.slice(d.range.start, d.range.end)]), [
      ['template-syntax', "steps.a.output ? steps.chek.output : 'none'"],
      ['unknown-step', 'chek'],
    ]);
    assert.deepEqual(a.deps.get(a.model.allSteps.find((s) => s.id === 'b')!)!.map((s) => s.id), ['a']);
  });

  it('is one error, on the ?, inside parentheses and arguments, chained, or without its :', () => {
    for (const [value, at] of [
      ["${length(steps.a.output ? 'y' : 'zz')}", "steps.a.output ? 'y' : 'zz'"],
      ["${(steps.a.output ? 'y' : 'z') == 'y'}", "steps.a.output ? 'y' : 'z'"],
      ["${steps.a.output ? 'y' : steps.b.output ? 'z' : 'w'}", '?'],
      ["${steps.a.output ? 'y'}", '?'],
      ['${steps.a.output ?}', '?'],
    ] as const) {
      const e = one(value);
      assert.equal(e.written, at, value);
      assert.match(e.message, /Weft has no '\? :' conditional/, value);
    }
  });

  it('a part nested too deep keeps its own error (no error at all was left)', () => {
    const deep = `${'('.repeat(120)}'x'${')'.repeat(120)}`;
    const e = one(`echo \${inputs.flag ? ${deep} : 'no'}`);
    assert.match(e.message, /nested more than 100 levels deep/);
  });
});
