// Backs `weft plan`'s text (engine/src/cli/plan-text.ts): a parallel block with one named branch
// was "1 branches in parallel"; it is "1 branch" now, and two or more keep "N branches in parallel".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { buildPlan } from '../../src/plan/build-plan.js';
import { loadAnalysis } from '../../src/cli/load.js';
import { planText, serialBlockPaths } from '../../src/cli/plan-text.js';

test('weft plan: a parallel block with one branch says "1 branch"', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-plan-text-'));
  const file = path.join(dir, 'p.weft.yaml');
  fs.writeFileSync(
    file,
    [
      'steps:',
      '  - id: one',
      '    parallel:',
      '      branches:',
      '        a: [{ id: s, stub: true }]',
      '  - id: two',
      '    parallel:',
      '      branches:',
      '        a: [{ id: s, stub: true }]',
      '        b: [{ id: t, stub: true }]',
      '',
    ].join('\n'),
  );
  const text = planText(buildPlan(loadAnalysis(file)));
  assert.ok(text.includes('     one: 1 branch\n'), text);
  assert.ok(text.includes('     two: 2 branches in parallel\n'), text);
});

// Under maxConcurrency: 1 the plan said "up to 1 at once", then "a, b, blk run in parallel"; a
// parallel block with maxConcurrency: 1 said "2 branches in parallel". They run one at a time.
test('weft plan: steps under maxConcurrency: 1 (the run\'s or a block\'s) run one at a time', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-plan-text-'));
  const serialRun = path.join(dir, 'serial.weft.yaml');
  fs.writeFileSync(serialRun, 'config: { maxConcurrency: 1 }\nsteps:\n  - { id: a, stub: true }\n  - { id: b, stub: true }\n  - { id: c, needs: [a, b], stub: true }\n  - { id: d, needs: [a, b], stub: true }\n');
  const runText = planText(buildPlan(loadAnalysis(serialRun)));
  assert.ok(runText.includes('  1. a, b run first, one at a time\n'), runText);
  assert.ok(runText.includes('  2. c, d run one at a time (all depend on a, b)\n'), runText);
  assert.doesNotMatch(runText, /parallel/, runText);

  const serialBlock = path.join(dir, 'block.weft.yaml');
  fs.writeFileSync(
    serialBlock,
    [
      'steps:',
      '  - { id: a, stub: true }',
      '  - id: blk',
      '    parallel:',
      '      maxConcurrency: 1',
      '      branches:',
      '        x: [{ id: x1, stub: true }, { id: x2, stub: true }]',
      '        y: [{ id: y1, stub: true }]',
      '  - id: each',
      '    foreach:',
      '      items: [1, 2]',
      '      maxConcurrency: 1',
      '      steps: [{ id: s, stub: true }, { id: t, stub: true }]',
      '',
    ].join('\n'),
  );
  const analysis = loadAnalysis(serialBlock);
  const blockText = planText(buildPlan(analysis), serialBlockPaths(analysis));
  assert.ok(blockText.includes('  a, blk, each run in parallel\n'), blockText);
  assert.ok(blockText.includes('     blk: 2 branches, one step at a time\n'), blockText);
  assert.ok(blockText.includes('         x1, x2 run one at a time\n'), blockText);
  assert.ok(blockText.includes('       s, t run one at a time\n'), blockText);
});
