// `${steps}` and `${steps['a']}` name no step: the engine refuses them when it evaluates the template
// ("steps must be followed by a step id"), so the analyser reports them before anything runs, as the
// language spec promises (section 4: malformed templates are errors found before the run).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';

const diags = (text: string) => analyseText(text, '/tmp/step-index.weft.yaml').diagnostics.map((d) => ({ code: d.code, message: d.message, at: text.slice(d.range.start, d.range.end) }));
const flow = (expr: string) => `steps:\n  - id: a\n    stub:\n      output: hi\n  - id: b\n    shell: echo \${${expr}}\n`;

describe('steps without a dotted step id', () => {
  it("steps['a'] is an error that says to write steps.a", () => {
    assert.deepEqual(diags(flow("steps['a'].output")), [
      { code: 'template-syntax', message: "a step is named with '.', not '[...]': write steps.a", at: "['a']" },
    ]);
  });

  it('the hint writes steps.X only when the lexer reads X as one identifier', () => {
    const general = "a step is named with '.', not '[...]': write steps.ID, so that what the step waits for is known before the run";
    for (const index of ["'1a'", "'-a'", "'a b'", "''", "'a.b'"]) {
      assert.deepEqual(diags(flow(`steps[${index}].output`)), [{ code: 'template-syntax', message: general, at: `[${index}]` }], index);
    }
    assert.deepEqual(diags(flow("steps['my-step_2'].output")).map((d) => d.message), ["a step is named with '.', not '[...]': write steps.my-step_2"]);
    // An id may end in '-' (spec section 2), and steps.a- reads as that id.
    assert.deepEqual(diags(flow("steps['a-'].output")).map((d) => d.message), ["a step is named with '.', not '[...]': write steps.a-"]);
  });

  it('steps[expression] is an error', () => {
    const d = diags(flow('steps[inputs.which].output'));
    assert.equal(d.length, 2); // and the unknown input
    assert.deepEqual(d.find((x) => x.code === 'template-syntax'), {
      code: 'template-syntax', message: "a step is named with '.', not '[...]': write steps.ID, so that what the step waits for is known before the run", at: '[inputs.which]',
    });
  });

  it('a bare ${steps} is an error', () => {
    assert.deepEqual(diags(flow('steps')), [{ code: 'template-syntax', message: 'steps must be followed by a step id: write steps.ID.output', at: 'steps' }]);
  });

  it('a half-typed ${steps is reported once, as unclosed', () => {
    const text = 'steps:\n  - id: a\n    stub: true\n  - id: b\n    shell: echo ${steps\n';
    assert.deepEqual(diags(text).map((d) => d.code), ['template-syntax']);
    assert.match(diags(text)[0].message, /unclosed/);
  });

  it("indexes after the step id stay valid (steps.a.output['x'], steps.a['status'])", () => {
    assert.deepEqual(diags(flow("steps.a.output['x'] ?? steps.a['status']")), []);
  });
});
