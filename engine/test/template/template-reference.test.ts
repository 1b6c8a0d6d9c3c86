// Differential property test: the engine's template parser and evaluator against the independent
// reference of reference-evaluator.ts, on random expressions and contexts (odd numbers, quotes,
// escapes, surrogates, nested values, missing fields); and the analyser against the parser (a
// template that does not parse gets a template-syntax error inside it, one that parses gets none).
// Bounded runs: a few seconds.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyseText } from '../../src/analysis/analyse.js';
import { parseTemplate } from '../../src/template/parse.js';
import { refParse } from './reference-evaluator.js';
import { checkAgainstReference, context, mutatedValue, templateValue } from './reference-arbitraries.js';

const RUNS = 1500;

/** Values a YAML single-quoted scalar holds as written (quotes doubled): printable, no line breaks. */
const yamlSafe = (v: string) => /^[\x20-\x7e\u00a0-\ud7ff\ue000-\ufffd]*$/.test(v);

/**
 * The analyser's template-syntax diagnostics on `value` (in a shell step, the steps it names
 * declared), each as a range of the value: the scalar is single-quoted, so an offset moves by one
 * for each `'` before it.
 */
function templateSyntaxRanges(value: string): { start: number; end: number; message: string }[] {
  const head = 'inputs:\n  x: 1\nsteps:\n  - {id: a, stub: 1}\n  - {id: b-, stub: 1}\n  - {id: c_1, stub: 1}\n  - id: t\n    shell: ';
  const text = `${head}'${value.replace(/'/g, "''")}'\n`;
  const toValue = (offset: number) => {
    let src = head.length + 1;
    let i = 0;
    while (src < offset) src += value[i++] === "'" ? 2 : 1;
    return i;
  };
  return analyseText(text, 'ref.weft.yaml').diagnostics
    .filter((d) => d.code === 'template-syntax')
    .map((d) => ({ start: toValue(d.range.start), end: toValue(d.range.end), message: d.message }));
}

describe('templates against the reference evaluator', () => {
  it('parse the same values as the reference', () => {
    fc.assert(
      fc.property(fc.oneof(templateValue, mutatedValue), (value) => {
        const accepted = parseTemplate(value).errors.length === 0;
        assert.equal(accepted, refParse(value).ok, `${JSON.stringify(value)}: engine ${accepted ? 'accepts' : 'rejects'} it`);
      }),
      { numRuns: RUNS },
    );
  });

  it('evaluate to the same value or both fail, and the engine fails only with its own error', () => {
    fc.assert(fc.property(fc.oneof(templateValue, templateValue, mutatedValue), context, (value, ctx) => checkAgainstReference(value, ctx)), { numRuns: RUNS });
  });

  it('nesting far past the limit is one error of the template, not a stack overflow or a hang', () => {
    const ctx = { steps: {}, inputs: {}, env: {}, run: {}, vars: {} };
    for (const value of [
      '${' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + '}',
      '${' + '!'.repeat(10_000) + 'true}',
      '${' + 'length('.repeat(10_000) + "'x'" + ')'.repeat(10_000) + '}',
      '${inputs' + '[inputs'.repeat(10_000) + ']'.repeat(10_000) + '}',
      '${' + Array(50_000).fill('null').join(' ?? ') + '}',
      '${' + '('.repeat(100_000),
    ]) {
      checkAgainstReference(value, ctx); // the reference refuses past 100 levels too
      assert.equal(parseTemplate(value).errors.length, 1, value.slice(0, 30));
    }
  });

  it('the analyser reports a template the parser rejects inside it, and nothing on one it accepts', () => {
    fc.assert(
      fc.property(fc.oneof(templateValue, mutatedValue).filter(yamlSafe), (value) => {
        const ranges = templateSyntaxRanges(value);
        const templates = refParse(value).templates;
        for (const r of ranges) {
          // The analyser's own template-syntax errors on what parses (language-choices.md: a call
          // with the wrong number of arguments, `steps` not followed by `.id`) are inside a template too.
          const own = /takes \d+( to \d+)? arguments?, not \d+$|^steps must be followed|write steps\./.test(r.message);
          // GitHub's `${{ x }}` is reported on all of it, the `}` after the template's own included.
          const past = /is GitHub Actions' form/.test(r.message) ? 1 : 0;
          const host = templates.find((t) => (own || !t.ok) && t.start <= r.start && r.end <= t.end + past);
          assert.ok(host, `${JSON.stringify(value)}: template-syntax at ${r.start}-${r.end} is in no rejected template`);
        }
        for (const t of templates.filter((t) => !t.ok)) {
          assert.ok(ranges.some((r) => t.start <= r.start && r.end <= t.end), `${JSON.stringify(value)}: nothing reported on ${value.slice(t.start, t.end)}`);
        }
      }),
      { numRuns: 500 },
    );
  });
});
