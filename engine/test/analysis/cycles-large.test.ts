// Loops in large workflows: a ring of hundreds of steps is reported on every reference, but each
// diagnostic stays small (its loop spelled by its ends, a few steps linked), and a ring's one loop is
// not searched again from each of its edges; loops that share edges are still each reported.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { parseWorkflow } from '../../src/model/parse.js';

function ring(n: number, extra = ''): string {
  let text = 'name: ring\nsteps:\n';
  for (let i = 0; i < n; i++) text += `  - id: s${i}\n    shell: echo \${steps.s${(i + 1) % n}.output}${i === 2 ? extra : ''}\n`;
  return text;
}

describe('cycles in large workflows', () => {
  it('a ring of 500 steps: one diagnostic per reference, each small', () => {
    const cycles = analyse(parseWorkflow(ring(500), 'ring.weft.yaml')).diagnostics.filter((d) => d.code === 'cycle');
    assert.equal(cycles.length, 500);
    for (const d of cycles) {
      assert.equal(d.message, 'dependency cycle: s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> ... 490 more ... -> s496 -> s497 -> s498 -> s499 -> s0 (500 steps)');
      assert.deepEqual(d.related?.map((r) => r.message.split("'")[1]), ['s0', 's1', 's2', 's3', 's4', 's5', 's496', 's497', 's498', 's499']);
    }
    // Spelled and linked in full on every reference, this was 27 MB (2,000 steps: 431 MB).
    assert.ok(JSON.stringify(cycles).length < 1_000_000, `${JSON.stringify(cycles).length} characters`);
  });

  it('a ring with a chord: both loops through the chord and the ring are reported', () => {
    // s2 also waits for s0: loops s0 -> s1 -> s2 -> s0 and s0 -> s1 -> s2 -> s3 -> s0.
    const messages = new Set(analyse(parseWorkflow(ring(4, ' ${steps.s0.output}'), 'ring.weft.yaml')).diagnostics.filter((d) => d.code === 'cycle').map((d) => d.message));
    assert.deepEqual([...messages].sort(), ['dependency cycle: s0 -> s1 -> s2 -> s0', 'dependency cycle: s0 -> s1 -> s2 -> s3 -> s0']);
  });
});
