// `foreign-template`: Argo's `{{...}}` names in a Weft value are a warning whose fix (data.suggestion)
// is the Weft template, which leaves the file clean and makes the dependency the text only seemed to
// make; other `{{` (Go, Helm, docker's format strings) are left alone.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { afterFixes, waitsFor } from '../helpers/apply-suggestions.js';

const analyse = (text: string) => analyseText(text, 'argo.weft.yaml');

describe('foreign-template (Argo {{...}})', () => {
  it("is fixed to the Weft template, after which the step waits for the step it named", () => {
    const text = 'name: t\ninputs:\n  msg: {type: string, default: hi}\nsteps:\n  - id: gen\n    shell: echo 42\n  - id: use\n    shell: "echo {{ steps.gen.outputs.result }} {{inputs.parameters.msg}} {{workflow.uid}}"\n';
    const before = analyse(text);
    assert.deepEqual(before.diagnostics.map((d) => [d.code, d.severity]), [['foreign-template', 'warning'], ['foreign-template', 'warning'], ['foreign-template', 'warning']]);
    assert.deepEqual(waitsFor(before, 'use'), [], 'the braces made no dependency');
    const { text: after, analysis: a } = afterFixes(text, 'argo.weft.yaml');
    assert.match(after, /echo \$\{steps\.gen\.output\} \$\{inputs\.msg\} \$\{run\.id\}"/);
    assert.deepEqual(a.diagnostics, [], after);
    assert.deepEqual(waitsFor(a, 'use'), ['gen']);
  });

  it('is found in any string value (http, outputs, block scalars), on the braces only', () => {
    const text = 'name: t\nsteps:\n  - id: a\n    http:\n      url: "http://127.0.0.1:1/{{item}}"\n  - id: b\n    shell: |\n      echo one\n      echo {{workflow.name}}\noutputs:\n  r: "{{steps.a.outputs.result}}"\n';
    const ds = analyse(text).diagnostics.filter((d) => d.code === 'foreign-template');
    assert.deepEqual(ds.map((d) => text.slice(d.range.start, d.range.end)), ['{{item}}', '{{workflow.name}}', '{{steps.a.outputs.result}}']);
  });

  it('leaves other braces alone: Go, Helm and docker formats, keys, GitHub ${{ }}', () => {
    const text = "name: t\nsteps:\n  - id: a\n    shell: docker inspect -f '{{.Id}}' x; helm template {{ .Values.y }}; echo '{{ inputs }}' '{{itemCount}}'\n  - id: b\n    stub:\n      output: {'{{item}}': 1}\n";
    assert.deepEqual(analyse(text).diagnostics, []);
    const github = analyse('name: t\nsteps:\n  - id: a\n    shell: echo ${{ steps.x.output }}\n  - id: x\n    stub: true\n').diagnostics;
    assert.deepEqual(github.map((d) => d.code), ['template-syntax']);
  });

  it('offers no fix that would name nothing: an undeclared input, a step not visible, an item outside a foreach; the item of a foreach with as: is its name', () => {
    const none = analyse('name: t\nsteps:\n  - id: a\n    shell: "echo {{inputs.parameters.nope}} {{steps.zz.outputs.result}} {{item}}"\n').diagnostics;
    assert.deepEqual(none.map((d) => [d.code, d.data]), [['foreign-template', undefined], ['foreign-template', undefined], ['foreign-template', undefined]]);
    const named = 'name: t\nsteps:\n  - id: f\n    foreach:\n      items: [1]\n      as: x\n      steps:\n        - id: a\n          shell: "echo {{item}}"\n';
    const [d] = analyse(named).diagnostics;
    assert.equal(d!.data?.suggestion, '${x}');
    const { text: after, analysis: a } = afterFixes(named, 'argo.weft.yaml');
    assert.match(after, /echo \$\{x\}"/);
    assert.deepEqual(a.diagnostics, [], after);
  });

  it("names Argo's output parameters without a fix (Weft has one output per step)", () => {
    const [d, ...rest] = analyse('name: t\nsteps:\n  - id: a\n    shell: echo 1\n  - id: b\n    shell: echo {{tasks.a.outputs.parameters.n}}\n').diagnostics;
    assert.equal(rest.length, 0);
    assert.equal(d!.code, 'foreign-template');
    assert.equal(d!.data, undefined);
    assert.match(d!.message, /does not wait for 'a'; Weft has one output per step: \$\{steps\.a\.output\}/);
  });
});
