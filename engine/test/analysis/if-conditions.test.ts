// `if-always-true`: the warning's claim is the run's truth (the flagged values are truthy to the
// run's isTruthy, the spared ones mean what they say), and its quick fix, written in the scalar's own
// quoting style, gives a file with no such warning and no error.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { isTruthy } from '../../src/template/evaluate.js';

function warnings(text: string) {
  return analyseText(text, 'if.weft.yaml').diagnostics.filter((d) => d.code === 'if-always-true');
}

function withIf(value: string): string {
  return `name: t\nsteps:\n  - id: check\n    shell: echo ready\n  - id: s\n    stub: true\n    if: ${value}\n`;
}

describe('if-always-true', () => {
  it('fixes each quoting style in that style, and the fixed file has no warning and no error', () => {
    const cases: [string, string][] = [
      ["steps.check.output == 'ready'", "${steps.check.output == 'ready'}"],
      [`"steps.check.output != 'ready'"`, `"\${steps.check.output != 'ready'}"`],
      ["'length(steps.check.output) > 0'", "'${length(steps.check.output) > 0}'"],
      ['no', 'false'],
      ['"off"', '"false"'],
      // Double quotes inside double quotes are escaped; a plain scalar over two lines becomes one.
      ['"steps.check.output == \\"a\\""', '"${steps.check.output == \\"a\\"}"'],
      ["steps.check.output\n      == 'a'", "${steps.check.output == 'a'}"],
    ];
    for (const [value, fixed] of cases) {
      const text = withIf(value);
      const [d, ...more] = warnings(text);
      assert.ok(d, value);
      assert.equal(more.length, 0, value);
      assert.equal(text.slice(d.range.start, d.range.end), value);
      assert.equal(d.data?.suggestion, fixed, value);
      const after = text.slice(0, d.range.start) + fixed + text.slice(d.range.end);
      assert.deepEqual(analyseText(after, 'if.weft.yaml').diagnostics, [], after);
    }
  });

  it('offers no fix for a block scalar or for a function Weft does not have', () => {
    for (const value of ['>-\n      steps.check.output', 'always()', "steps.check.output =="]) {
      const [d] = warnings(withIf(value));
      assert.ok(d, value);
      assert.equal(d.data?.suggestion, undefined, value);
    }
  });

  it('flags only values the run takes as true whatever the steps give', () => {
    const flagged = ["steps.check.output == 'x'", 'no', 'off', 'N', 'always()', "${steps.check.output} == 'x'", 'run ${steps.check.output}'];
    const spared = ['true', 'false', 'FALSE', 'yes', 'on', 'y', '""', "${steps.check.output == 'x'}", "' ${steps.check.output} '"];
    for (const v of flagged) {
      assert.equal(warnings(withIf(v)).length, 1, v);
      // Whatever the template gives (empty, 'false'), the run's value is true.
      for (const out of ['', 'false', 'x']) assert.equal(isTruthy(v.replace(/^'|'$/g, '').replace('${steps.check.output}', out)), true, `${v} with ${out}`);
    }
    for (const v of spared) assert.equal(warnings(withIf(v)).length, 0, v);
  });
});
