// "Did you mean": plausible typos get a suggestion, unrelated or very short names do not.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { closest } from '../../src/analysis/suggest.js';
import { editDistance } from '../../src/model/edit-distance.js';
import { parseWorkflow } from '../../src/model/parse.js';

describe('suggestions', () => {
  it('edit distance counts insertions, deletions, substitutions and swaps of two letters; case differences cost half', () => {
    assert.equal(editDistance('fetch', 'fetch'), 0);
    assert.equal(editDistance('fecth', 'fetch'), 1);
    assert.equal(editDistance('efcth', 'fetch'), 2);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('fetc', 'fetch'), 1);
    assert.equal(editDistance('Fetch', 'fetch'), 0.5);
  });

  it('a bounded edit distance is the exact distance up to the bound, and over the bound past it', () => {
    const words = ['fetch', 'fecth', 'Fetch', 'deploy', 'fetch_all', 'missing_step', 'step_12', 'stpe_12', 'a', ''];
    for (const a of words) {
      for (const b of words) {
        const exact = editDistance(a, b);
        for (const max of [0, 0.5, 1, 2, 3]) {
          const bounded = editDistance(a, b, max);
          if (exact <= max) assert.equal(bounded, exact, `${a} / ${b} within ${max}`);
          else assert.ok(bounded > max, `${a} / ${b}: ${bounded} should be over ${max}`);
        }
      }
    }
    assert.equal(editDistance('missing_step', 'step_12', 3) > 3, true);
  });

  it('suggests the closest id for a typo', () => {
    assert.equal(closest('fecth', ['fetch', 'combine', 'read_file']), 'fetch');
    assert.equal(closest('read_fle', ['fetch', 'read_file']), 'read_file');
    assert.equal(closest('maxConcurency', ['maxConcurrency', 'continueOnError']), 'maxConcurrency');
  });

  it('does not suggest for unrelated names, or for one- and two-character names', () => {
    assert.equal(closest('deploy', ['fetch', 'combine']), undefined);
    assert.equal(closest('7', ['a', 'b']), undefined);
    assert.equal(closest('ab', ['ac']), undefined);
    assert.equal(closest('abc', ['abd']), 'abd');
  });

  it('an id repeated across a workflow gets its suggestion at every use', () => {
    const steps = Array.from({ length: 300 }, (_, i) => `  - id: step_${i}\n    shell: echo \${steps.fecth.output}\n`).join('');
    const analysis = analyse(parseWorkflow(`steps:\n  - id: fetch\n    shell: echo hi\n${steps}`, 'w.weft.yaml'));
    const unknown = analysis.diagnostics.filter((d) => d.code === 'unknown-step');
    assert.equal(unknown.length, 300);
    for (const d of unknown) assert.equal(d.message, "unknown step 'fecth'; did you mean 'fetch'?");
  });

  it('searches for the first 100 different unknown ids of a workflow only, in document order', () => {
    // 5,000 different unknown ids among 5,000 steps took 13 s to search, each against every id.
    const steps = Array.from({ length: 150 }, (_, i) => `  - id: task_${i}\n    shell: echo \${steps.tsak_${i}.output}\n`).join('');
    const analysis = analyse(parseWorkflow(`steps:\n${steps}`, 'w.weft.yaml'));
    const unknown = analysis.diagnostics.filter((d) => d.code === 'unknown-step');
    assert.equal(unknown.length, 150);
    unknown.forEach((d, i) => {
      const id = `tsak_${i}`;
      assert.ok(d.message.startsWith(`unknown step '${id}'`), d.message);
      if (i < 100) assert.equal(d.message, `unknown step '${id}'; did you mean 'task_${i}'?`);
      else assert.equal(d.message, `unknown step '${id}'`);
    });
  });
});
