// Every example of the three seed documents (../shared/seeds/), written as Weft, validates with zero
// diagnostics, and so does every workflow in examples/ (enumerated at run time: another engineer adds
// them). The seed-002 "Mixed" example plans in the seed's order.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { fsHost } from '../../src/analysis/fs-host.js';
import type { Analysis } from '../../src/analysis/types.js';
import { planText } from '../../src/cli/plan-text.js';
import { goldenLine } from '../../src/cli/format-diagnostics.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { buildPlan } from '../../src/plan/build-plan.js';
import { WORKFLOW_FILE, workflowFiles } from '../../../test/support/workflow-corpus.js';

const SEEDS = path.resolve(__dirname, '../fixtures/seeds');
const EXAMPLES = path.resolve(__dirname, '../../../examples');
function load(file: string): Analysis {
  return analyse(parseWorkflow(fs.readFileSync(file, 'utf8'), file), { host: fsHost });
}

function problems(a: Analysis): string[] {
  return a.diagnostics.map((d) => goldenLine(a.model.lines, d));
}

// One file per example of the seeds; a missing file fails instead of shrinking the test.
const SEED_FILES = [
  '002-automatic-parallelization',
  '002-sequential-dependencies',
  '002-mixed',
  '002-concurrency-limits',
  '003-parallel',
  '003-nesting',
  '004-basic-parallel',
  '004-complete-example',
  '004-fan-out-fan-in',
  '004-independent-operations',
  '004-multi-source-fetch',
  '004-chained-parallel-groups',
  '004-default-fail-fast',
  '004-continue-on-error',
  '004-different-timeouts',
  '004-timeouts-and-retries',
  '004-balancing-work',
];

describe('seed examples written as Weft', () => {
  it('every seed example has its file, and there is no other file', () => {
    const present = workflowFiles([SEEDS]).map((f) => path.basename(f).replace(WORKFLOW_FILE, ''));
    assert.deepEqual(present.sort(), [...SEED_FILES].sort());
  });

  for (const name of SEED_FILES) {
    it(`${name} validates with zero diagnostics`, () => {
      const file = path.join(SEEDS, `${name}.weft.yaml`);
      const a = load(file);
      assert.deepEqual(problems(a), []);
      assert.ok(a.model.allSteps.length > 0, 'the example has steps');
    });
  }

  it('002 "Mixed": read_file first; process1, process2, process3 in parallel; combine last', () => {
    const a = load(path.join(SEEDS, '002-mixed.weft.yaml'));
    const plan = buildPlan(a);
    assert.deepEqual(
      plan.steps.map((s) => [s.id, s.stage]),
      [['read_file', 1], ['process1', 2], ['process2', 2], ['process3', 2], ['combine', 3]],
    );
    const text = planText(plan);
    const stageLines = text.split('\n').filter((l) => /^\s+\d\. /.test(l)).map((l) => l.trim());
    assert.deepEqual(stageLines, [
      '1. read_file runs first',
      '2. process1, process2, process3 run in parallel (all depend on read_file)',
      '3. combine runs last (depends on process1, process2, process3)',
    ]);
  });

  it('003 "same workflow in each branch": both branches hold the four steps, in order, and nothing is a duplicate', () => {
    const a = load(path.join(SEEDS, '003-parallel.weft.yaml'));
    const block = a.model.root.steps[0];
    assert.deepEqual(block.branches?.map((b) => [b.name, b.scope.steps.map((s) => s.id)]), [
      ['branch1', ['hello_stub', 'hello_python', 'hello_shell', 'hello_notebook']],
      ['branch2', ['hello_stub', 'hello_python', 'hello_shell', 'hello_notebook']],
    ]);
    const stages = block.branches!.map((b) => b.scope.steps.map((s) => a.stages.get(s)));
    assert.deepEqual(stages, [[1, 2, 3, 4], [1, 2, 3, 4]]);
    assert.equal(a.stages.get(a.model.root.steps[1]), 2, 'continue_processing waits for the parallel step');
  });

  it('004 "Chaining Parallel Blocks": five stages, the typo fixed to group2StepA/B/C', () => {
    const a = load(path.join(SEEDS, '004-chained-parallel-groups.weft.yaml'));
    assert.deepEqual(a.model.root.steps.map((s) => [s.id, a.stages.get(s)]), [
      ['prepare', 1], ['group1', 2], ['intermediate', 3], ['group2', 4], ['finalize', 5],
    ]);
    const group2 = a.model.root.steps[3];
    assert.deepEqual(group2.branches?.map((b) => b.name), ['group2StepA', 'group2StepB', 'group2StepC']);
  });
});

describe('examples/ (every workflow validates)', () => {
  const examples = workflowFiles([EXAMPLES]);
  it('examples/ holds workflows', () => assert.ok(examples.length > 0, `no workflow files under ${EXAMPLES}`));
  for (const file of examples) {
    it(path.relative(EXAMPLES, file), () => assert.deepEqual(problems(load(file)), []));
  }
});
