// Characters beyond ASCII inside `${...}`. Names are ASCII (the step-id rule), so a word with an
// accent or an emoji is one mistake, reported once on the whole word: before, the lexer cut `café`
// into the name `caf` and a stray `é` (two errors, one of them "unknown step 'caf'; did you mean
// 'café'?", an id the schema refuses), and an emoji into its two UTF-16 halves, each its own
// "unexpected '\ud83d'" (half a character in a message breaks strict JSON readers of LSP).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { parseTemplate } from '../../src/template/parse.js';

const errorsOf = (value: string) => parseTemplate(value).errors.map((e) => [e.message, value.slice(e.range.start, e.range.end)]);
const hasLoneSurrogate = (s: string) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

describe('non-ASCII text inside a template', () => {
  it('an emoji is one unexpected character, never two halves', () => {
    const errors = errorsOf('${ 😀 }');
    assert.equal(errors.length, 1, JSON.stringify(errors));
    assert.equal(errors[0]![1], '😀');
    assert.ok(!hasLoneSurrogate(errors[0]![0]!), errors[0]![0]);
  });

  it('a name with an accent is one error on the whole word, saying names are ASCII', () => {
    for (const [value, word] of [
      ['${steps.café.output}', 'café'],
      ['${inputs.tópico}', 'tópico'],
      ['${ étape.x }', 'étape'],
      ['${inputs.a😀b}', 'a😀b'],
    ]) {
      const errors = errorsOf(value!);
      assert.equal(errors.length, 1, `${value}: ${JSON.stringify(errors)}`);
      assert.equal(errors[0]![1], word, value);
      assert.match(errors[0]![0]!, /ASCII/, value);
    }
  });

  it('the analyser reports one template-syntax error and no unknown step or input for such a word', () => {
    const a = analyseText(`inputs:
  tópico: x
steps:
  - id: cafe
    stub: { output: "\${steps.café.output} \${inputs.tópico}" }
`, 'accents.weft.yaml');
    const ds = a.diagnostics.filter((d) => d.code !== 'schema');
    assert.deepEqual(ds.map((d) => d.code), ['template-syntax', 'template-syntax'], JSON.stringify(ds));
  });

  it('text around templates, strings and literal text may hold anything', () => {
    assert.deepEqual(errorsOf("héllo ${inputs.x == 'café 😀'} 中文"), []);
  });
});
