// GitHub Actions writes a quote inside a text by doubling it ('it''s'); Weft with a backslash
// ('it\'s'). The doubled form is one template-syntax error that says so, with the backslash form as
// its fix, wherever the text stands (a comparison, a function's argument). Before, it read as two
// texts side by side: "unexpected ''s''", and inside a call "missing ')'" as well.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { parseTemplate } from '../../src/template/parse.js';
import { afterFixes } from '../helpers/apply-suggestions.js';

const errorsOf = (value: string) => parseTemplate(value).errors.map((e) => ({ message: e.message, at: value.slice(e.range.start, e.range.end), suggestion: e.suggestion }));

describe("GitHub's doubled quote in a text", () => {
  it('is one error on the whole text, with the backslash form as the fix', () => {
    for (const [value, at, fix] of [
      ["${ steps.a.output == 'it''s' }", "'it''s'", "'it\\'s'"],
      ["${ contains(inputs.x, 'it''s') }", "'it''s'", "'it\\'s'"],
      ['${ "say ""hi""" }', '"say ""hi"""', '"say \\"hi\\""'],
      ["${ 'a''b''c' == inputs.x }", "'a''b''c'", "'a\\'b\\'c'"],
    ]) {
      const errors = errorsOf(value!);
      assert.equal(errors.length, 1, `${value}: ${JSON.stringify(errors)}`);
      assert.equal(errors[0]!.at, at, value);
      assert.equal(errors[0]!.suggestion, fix, value);
      assert.match(errors[0]!.message, /backslash/, value);
    }
  });

  it('two texts with a space between them, or of different quotes, are still two texts', () => {
    assert.match(errorsOf("${ 'a' 'b' }")[0]!.message, /^unexpected/);
    assert.match(errorsOf(`\${ 'a'"b" }`)[0]!.message, /^unexpected/);
  });

  it('the fix leaves a file with no diagnostic', () => {
    const text = `inputs:
  x: "it's"
steps:
  - id: a
    if: "\${ inputs.x == 'it''s' }"
    stub: true
`;
    const a = analyseText(text, 'quotes.weft.yaml');
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['template-syntax']);
    const fixed = afterFixes(text, 'quotes.weft.yaml');
    assert.deepEqual(fixed.analysis.diagnostics, [], fixed.text);
    // In a double-quoted YAML scalar the backslash is written twice.
    assert.match(fixed.text, /inputs\.x == 'it\\\\'s'/);
    const plain = afterFixes(text.replace('"${ inputs.x == \'it\'\'s\' }"', "${ inputs.x == 'it''s' }"), 'quotes.weft.yaml');
    assert.deepEqual(plain.analysis.diagnostics, [], plain.text);
    assert.match(plain.text, /if: \$\{ inputs\.x == 'it\\'s' \}/, 'a plain scalar takes the backslash as it is');
  });
});
