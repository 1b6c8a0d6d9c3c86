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

  it('a bounded edit distance agrees with the textbook table on random words, for every bound', () => {
    // The full table, by the definition: insert, delete, substitute (case alone half), swap two letters.
    const reference = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          const cost = a[i - 1] === b[j - 1] ? 0 : a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0.5 : 1;
          d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const word = () => Array.from({ length: Math.floor(random() * 12) }, () => 'abAB_c'[Math.floor(random() * 6)]).join('');
    for (let k = 0; k < 2000; k++) {
      const a = word();
      const b = random() < 0.5 ? word() : a.slice(0, 3) + word().slice(0, 2) + a.slice(4);
      const exact = reference(a, b);
      assert.equal(editDistance(a, b), exact, `${a} / ${b}`);
      for (const max of [0, 0.5, 1, 2, 3, 5]) {
        const bounded = editDistance(a, b, max);
        if (exact <= max) assert.equal(bounded, exact, `${a} / ${b} within ${max}`);
        else assert.ok(bounded > max, `${a} / ${b}: ${bounded} should be over ${max}`);
      }
    }
  });

  // The whole table, with a limit of a third of the length, took 46 s here (100,000 letters: two
  // minutes); near the diagonal, milliseconds. The test's timeout is a guard against that hang, not a
  // speed target (those are in bench/).
  it('suggests for a typo in an id of 50,000 letters, measuring only near the diagonal', { timeout: 30_000 }, () => {
    const id = 'a'.repeat(50_000);
    const typo = `${'a'.repeat(49_999)}b`;
    const analysis = analyse(parseWorkflow(`steps:\n  - id: ${id}\n    shell: echo\n  - id: b\n    shell: echo \${steps.${typo}.output}\n`, 'w.weft.yaml'));
    const unknown = analysis.diagnostics.filter((d) => d.code === 'unknown-step');
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0]!.data?.suggestion, id);
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
