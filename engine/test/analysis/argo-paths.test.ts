// Argo Workflows' names inside a Weft template (`${inputs.parameters.msg}`, `${tasks.build.output}`,
// `${workflow.name}`) say what they are in Weft, and the quick fix (data.suggestion) writes that,
// after which the file is clean and the step waits for the step it reads.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { afterFixes, waitsFor } from '../helpers/apply-suggestions.js';

const analyse = (text: string) => analyseText(text, 'argo.weft.yaml');

describe("Argo's names in a template", () => {
  it('are fixed to the Weft names, after which the file is clean and the step waits for the task it read', () => {
    const text = 'inputs:\n  msg: hi\nsteps:\n  - id: build\n    shell: make\n  - id: use\n    shell: echo ${inputs.parameters.msg} ${tasks.build.output} ${workflow.name} ${workflow.uid} ${workflow.creationTimestamp} ${workflow.parameters.msg}\n';
    const before = analyse(text).diagnostics;
    assert.deepEqual(before.map((d) => [d.code, text.slice(d.range.start, d.range.end)]), [
      ['unknown-input', 'parameters.msg'],
      ['unknown-root', 'tasks'],
      ['unknown-root', 'workflow.name'],
      ['unknown-root', 'workflow.uid'],
      ['unknown-root', 'workflow.creationTimestamp'],
      ['unknown-root', 'workflow.parameters.msg'],
    ]);
    const { text: after, analysis: a } = afterFixes(text, 'argo.weft.yaml');
    assert.match(after, /echo \$\{inputs\.msg\} \$\{steps\.build\.output\} \$\{run\.workflow\} \$\{run\.id\} \$\{run\.startedAt\} \$\{inputs\.msg\}\n/);
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual(waitsFor(a, 'use'), ['build']);
  });

  it('offer no fix where the Weft name would name nothing, or the source is not the value as written', () => {
    const text = 'inputs:\n  msg: hi\nsteps:\n  - id: a\n    shell: "echo ${inputs.parameters.region} ${tasks.deploy.output} ${workflow.na\\u006de} ${inputs[\'parameters\'].msg}"\n';
    const ds = analyse(text).diagnostics;
    assert.deepEqual(ds.map((d) => d.code), ['unknown-input', 'unknown-root', 'unknown-root', 'unknown-input']);
    assert.deepEqual(ds.map((d) => d.data?.suggestion), [undefined, undefined, undefined, undefined]);
    assert.match(ds[2]!.message, /Argo's workflow\.name is run\.workflow in Weft/);
  });

  it('leave a declared input named parameters alone', () => {
    const text = 'inputs:\n  parameters: {type: object, default: {msg: hi}}\nsteps:\n  - id: a\n    shell: echo ${inputs.parameters.msg}\n';
    assert.deepEqual(analyse(text).diagnostics, []);
  });
});
