// GitHub Actions' `${{ ... }}` in a Weft file: one template-syntax error whose fix (data.suggestion)
// leaves a file with no diagnostic, the step still waits for the step named inside, and no fix is
// offered where the source spells the template differently from its value (an escape inside quotes).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { afterFixes, waitsFor } from '../helpers/apply-suggestions.js';

const text = (template: string) => `name: t\nsteps:\n  - id: build\n    shell: echo built\n  - id: report\n    shell: ${template}\n`;

describe('${{ ... }} (GitHub Actions form)', () => {
  it('has a fix that leaves no diagnostic, and keeps the dependency meanwhile', () => {
    for (const shell of ['echo ${{ steps.build.output }}', '"echo ${{ steps.build.output }}"', "'echo ${{steps.build.output}} done'"]) {
      const source = text(shell);
      const a = analyseText(source, 't.weft.yaml');
      assert.equal(a.diagnostics.length, 1, shell);
      const [d] = a.diagnostics;
      assert.equal(d!.code, 'template-syntax');
      assert.equal(source.slice(d!.range.start, d!.range.end).replace(/\s/g, ''), '${{steps.build.output}}');
      assert.equal(d!.data?.suggestion, '${steps.build.output}');
      assert.deepEqual(waitsFor(a, 'report'), ['build']);
      const fixed = afterFixes(source, 't.weft.yaml');
      assert.deepEqual(fixed.analysis.diagnostics, [], fixed.text);
    }
  });

  it("writes GitHub's steps.ID.outputs.NAME as Weft's steps.ID.output.NAME in the same fix, which then leaves no diagnostic", () => {
    const source = text('echo ${{ steps.build.outputs.version }} ${{ steps.build.outputs }}');
    const ds = analyseText(source, 't.weft.yaml').diagnostics.filter((d) => d.code === 'template-syntax');
    assert.deepEqual(ds.map((d) => d.data?.suggestion), ['${steps.build.output.version}', '${steps.build.output}']);
    assert.match(ds[0]!.message, /write \$\{steps\.build\.output\.version\}$/);
    const fixed = afterFixes(source, 't.weft.yaml');
    assert.deepEqual(fixed.analysis.diagnostics, [], fixed.text);
  });

  it('offers no fix where the source spells the template with an escape', () => {
    const [d] = analyseText(text('"echo ${{ steps.build.output == \\"x\\" }}"'), 't.weft.yaml').diagnostics;
    assert.equal(d!.code, 'template-syntax');
    assert.equal(d!.data, undefined);
  });
});
