// GitHub Actions' contexts inside a Weft template (`${github.run_id}`, `${needs.build.outputs.v}`,
// `${matrix.os}`) say what they are in Weft; where Weft names the same thing, the quick fix
// (data.suggestion) writes it, after which the file is clean and the step waits for the step it reads.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { afterFixes, waitsFor } from '../helpers/apply-suggestions.js';

const analyse = (text: string) => analyseText(text, 'gha.weft.yaml');

describe("GitHub Actions' contexts in a template", () => {
  it('github.workflow, github.run_id and needs.ID(.outputs) are fixed to the Weft names, after which the file is clean and the step waits for the job it read', () => {
    const text = 'steps:\n  - id: build\n    shell: make\n  - id: use\n    shell: echo ${github.workflow} ${github.run_id} ${needs.build.outputs.version} ${needs.build.output}\n';
    const before = analyse(text).diagnostics;
    assert.deepEqual(before.map((d) => [d.code, text.slice(d.range.start, d.range.end)]), [
      ['unknown-root', 'github.workflow'],
      ['unknown-root', 'github.run_id'],
      ['unknown-root', 'needs.build.outputs'],
      ['unknown-root', 'needs'],
    ]);
    const { text: after, analysis: a } = afterFixes(text, 'gha.weft.yaml');
    assert.match(after, /echo \$\{run\.workflow\} \$\{run\.id\} \$\{steps\.build\.output\.version\} \$\{steps\.build\.output\}\n/);
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual(waitsFor(a, 'use'), ['build']);
  });

  it('offer no fix where Weft has no such name, the step is not visible, or the source is not the value as written', () => {
    const text = 'steps:\n  - id: a\n    shell: "echo ${github.sha} ${needs.deploy.outputs.url} ${matrix.os} ${job.status} ${runner.os} ${github.run\\u005fid} ${needs.a\\u002eoutputs.x}"\n';
    const ds = analyse(text).diagnostics;
    assert.deepEqual(ds.map((d) => d.code), Array(7).fill('unknown-root'));
    assert.deepEqual(ds.map((d) => d.data?.suggestion), Array(7).fill(undefined));
    assert.match(ds[0]!.message, /Weft has no github context; .*\$\{env\.GITHUB_SHA\}/);
    assert.match(ds[1]!.message, /no step 'deploy' is visible here/);
    assert.match(ds[2]!.message, /GitHub's matrix is a foreach in Weft/);
    assert.match(ds[5]!.message, /GitHub's github\.run_id is run\.id in Weft/);
  });

  it('leave a foreach item named like a context alone', () => {
    const text = 'steps:\n  - id: each\n    foreach:\n      items: [{os: linux}]\n      as: matrix\n      steps:\n        - id: s\n          shell: echo ${matrix.os}\n';
    assert.deepEqual(analyse(text).diagnostics, []);
  });
});
