// versus (bench/versus.ts), the benches' figures against their targets: a value past its limit must
// never be printed rounded back within it (a run printed "0.50x <= 0.5x" next to MISS, for 0.5036).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { versus } from '../../bench/versus.js';

test('a value just past its limit gets the decimals that show it past', () => {
  assert.equal(versus(0.5036, 0.5, 2), '0.504');
  assert.equal(versus(12.04, 12, 1), '12.04');
  assert.equal(versus(50.04, 50, 1), '50.04');
});

test('a value on the same side either way keeps its decimals', () => {
  assert.equal(versus(0.32, 0.5, 2), '0.32');
  assert.equal(versus(13.84, 12, 1), '13.8');
  assert.equal(versus(0.5, 0.5, 2), '0.50');
  assert.equal(versus(11.96, 12, 1), '12.0');
});

test('a target to reach: a value just short of it gets the decimals that show it short', () => {
  assert.equal(versus(94.96, 95, 1, false), '94.96');
  assert.equal(versus(95.04, 95, 1, false), '95.0');
  assert.equal(versus(80.04, 95, 1, false), '80.0');
});
