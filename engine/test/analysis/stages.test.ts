// Stages (depth in the graph of each scope) and the critical path (unit weights or recorded durations),
// on the seed-002 "Mixed" example and on blocks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import type { Analysis } from '../../src/analysis/types.js';
import { parseWorkflow } from '../../src/model/parse.js';

const MIXED = path.resolve(__dirname, '../fixtures/seeds/002-mixed.weft.yaml');
const mixed = (durations?: Record<string, number>): Analysis =>
  analyse(parseWorkflow(fs.readFileSync(MIXED, 'utf8'), MIXED), { durations: durations && new Map(Object.entries(durations)) });

const stagesOf = (a: Analysis, steps = a.model.root.steps) => steps.map((s) => [s.id, a.stages.get(s)]);
const critical = (a: Analysis) => a.criticalPath.map((s) => s.path);

describe('seed 002 "Mixed"', () => {
  it('stages are 1, 2, 2, 2, 3', () => {
    const a = mixed();
    assert.deepEqual(stagesOf(a), [['read_file', 1], ['process1', 2], ['process2', 2], ['process3', 2], ['combine', 3]]);
    assert.equal(a.stageCount.get(a.model.root), 3);
  });

  it('with unit weights the critical path is read_file -> process1 -> combine (ties by file order)', () => {
    assert.deepEqual(critical(mixed()), ['read_file', 'process1', 'combine']);
  });

  it('recorded durations change it', () => {
    assert.deepEqual(critical(mixed({ process3: 9000, process1: 100, process2: 100, read_file: 50, combine: 10 })), ['read_file', 'process3', 'combine']);
    assert.deepEqual(critical(mixed({ process2: 5 })), ['read_file', 'process2', 'combine']);
  });

  it('deps hold direct dependencies only; dependents are their reverse', () => {
    const a = mixed();
    const [read, p1, p2, p3, combine] = a.model.root.steps;
    assert.deepEqual([...a.deps.get(combine)!].map((s) => s.id), ['process1', 'process2', 'process3']);
    assert.deepEqual([...a.deps.get(read)!], []);
    assert.deepEqual([...a.dependents.get(read)!].map((s) => s.id), ['process1', 'process2', 'process3']);
    void p1; void p2; void p3;
  });
});

describe('stages with blocks', () => {
  const a = analyse(parseWorkflow(`steps:
  - id: prep
    stub: true
  - id: fan
    parallel:
      branches:
        one:
          - id: a
            shell: echo "\${steps.prep.output}"
          - id: b
            shell: echo "\${steps.a.output}"
          - id: c
            shell: echo "\${steps.b.output}"
        two:
          - id: d
            stub: true
  - id: side
    stub: true
  - id: join
    shell: echo "\${steps.fan.output.one}"
  - id: each
    foreach:
      items: [1, 2]
      steps:
        - id: e1
          stub: true
        - id: e2
          needs: e1
          stub: true
        - id: e3
          shell: echo \${steps.side.output}
`, '/w/blocks.weft.yaml'));

  it('a step inside a block that references outside makes its block wait at the scope above', () => {
    assert.deepEqual(stagesOf(a), [['prep', 1], ['fan', 2], ['side', 1], ['join', 3], ['each', 2]]);
    assert.equal(a.stageCount.get(a.model.root), 3);
  });

  it('stages inside a branch count within the branch only', () => {
    const [one, two] = a.model.root.steps[1].branches!;
    assert.deepEqual(stagesOf(a, one.scope.steps), [['a', 1], ['b', 2], ['c', 3]]);
    assert.deepEqual(stagesOf(a, two.scope.steps), [['d', 1]]);
    assert.deepEqual(stagesOf(a, a.model.root.steps[4].body!.steps), [['e1', 1], ['e2', 2], ['e3', 1]]);
  });

  it('the critical path runs through leaves, into and out of blocks', () => {
    assert.deepEqual(critical(a), ['prep', 'fan/one/a', 'fan/one/b', 'fan/one/c', 'join']);
  });

  it('a slow leaf in another branch takes the critical path over', () => {
    const slow = analyse(a.model, { durations: new Map([['fan/two/d', 60_000]]) });
    assert.deepEqual(critical(slow), ['fan/two/d', 'join']);
  });
});
