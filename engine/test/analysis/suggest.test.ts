// "Did you mean": plausible typos get a suggestion, unrelated or very short names do not.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closest, editDistance } from '../../src/analysis/suggest.js';

describe('suggestions', () => {
  it('edit distance counts insertions, deletions and substitutions; case differences cost half', () => {
    assert.equal(editDistance('fetch', 'fetch'), 0);
    assert.equal(editDistance('fecth', 'fetch'), 2);
    assert.equal(editDistance('fetc', 'fetch'), 1);
    assert.equal(editDistance('Fetch', 'fetch'), 0.5);
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
});
