// The finished runs that keep their tree: newest first within a budget of step nodes, the newest
// always. Ordinary runs all stay (an expanded row does not collapse because others finished); big
// ones are bounded.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KEEP_STEPS, keptTrees } from '../../src/runs/kept-trees.js';

const runs = (...steps: number[]) => steps.map((n, i) => ({ id: `r${i}`, steps: n }));

test('fifty ordinary runs all keep their trees', () => {
  assert.equal(keptTrees(runs(...Array.from({ length: 50 }, () => 40))).size, 50);
});

test('big runs: the newest always, then as many as fit', () => {
  assert.deepEqual([...keptTrees(runs(46_007, 46_007, 46_007))], ['r0']);
  assert.deepEqual([...keptTrees(runs(8_000, 8_000, 8_000, 10))], ['r0', 'r1', 'r3']);
  assert.deepEqual([...keptTrees(runs(10, 46_007, 10), KEEP_STEPS)], ['r0', 'r2'], 'a big run that does not fit leaves room for older small ones');
  assert.deepEqual([...keptTrees([])], []);
});
