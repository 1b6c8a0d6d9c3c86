// The compiled dependency wiring (run/wiring.ts): siblings are released through integer rows built
// once per workflow, dependencies on steps of an enclosing list are wired per instance. Checked on
// the compiled arrays and on runs' event logs (order only, no timings).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { computePriorities } from '../../src/run/priority.js';
import { FACT_IF, FACT_TEMPLATED } from '../../src/run/wiring.js';
import { rng } from '../../../test/support/prng.js';
import { finished, indexOf, run } from './helpers.js';

const nested = (bIf = '') => `steps:
  - id: a
    stub: { output: [1, 2] }
  - id: slow
    stub: { delay: 150ms }
  - id: b
    needs: [a, slow]${bIf}
    stub: { output: from-b }
  - id: c
    needs: [a, b]
    stub: true
  - id: each
    foreach:
      items: \${steps.a.output}
      steps:
        - id: x
          stub: { output: "\${steps.b.output}" }
        - id: y
          needs: x
          stub: true
`;

test('compiled wiring: sibling dependents as index rows, dependency counts, outer dependencies apart', () => {
  const a = analyse(parseWorkflow(nested(), '/tmp/wiring.weft.yaml'));
  assert.deepEqual(a.diagnostics, []);
  const p = computePriorities(a, undefined);
  const paths = a.model.allSteps.map((s) => s.path);
  assert.deepEqual(paths, ['a', 'slow', 'b', 'c', 'each', 'each/x', 'each/y']);
  const w = p.wiring;
  const dependentsOf = (i: number) => [...w.depOn.subarray(w.depOff[i], w.depOff[i + 1])].map((j) => paths[j]);
  assert.deepEqual(dependentsOf(0), ['b', 'c', 'each']);
  assert.deepEqual(dependentsOf(1), ['b']);
  // The foreach's body reads b: b gates the foreach (foreach-gates.ts), and only gates it.
  assert.deepEqual(dependentsOf(2), ['c', 'each']);
  assert.deepEqual(dependentsOf(5), ['each/y']);
  assert.deepEqual([...w.localDeps], [0, 0, 2, 2, 2, 0, 1]);
  assert.deepEqual([...w.gateOnly!].map(([i, set]) => [paths[i], [...set].map((x) => x.path)]), [['each', ['b']]]);
  // each/x names b, outside its own list: wired per instance at run time, not in the rows.
  assert.deepEqual(w.outerDeps.map((d) => d?.map((s) => s.path)), [undefined, undefined, undefined, undefined, undefined, ['b'], undefined]);
  assert.deepEqual([...w.scopeIdx.values()].map((x) => [...x]), [[0, 1, 2, 3, 4], [5, 6]]);
});

test('compiled facts: if, templated config, the raw config of the others, timeouts', () => {
  const a = analyse(parseWorkflow(nested('\n    if: ${true}\n    timeout: 2s'), '/tmp/wiring.weft.yaml'));
  assert.deepEqual(a.diagnostics, []);
  const w = computePriorities(a, undefined).wiring;
  const b = 2;
  assert.equal(w.facts[b], FACT_IF | FACT_TEMPLATED, 'its if is a template too');
  assert.equal(w.timeoutMs[b], 2000);
  assert.ok(Number.isNaN(w.timeoutMs[0]));
  assert.deepEqual(w.config[0], { output: [1, 2] });
  // each/x's output is a template: evaluated per instance, no shared config.
  assert.equal(w.facts[5], FACT_TEMPLATED);
  assert.equal(w.config[5], undefined);
});

test('a foreach whose body reads an outer step starts after it finished (language spec 3.2)', async () => {
  const { events, fin } = await run(nested());
  assert.equal(fin.status, 'succeeded');
  const bDone = indexOf(events, 'step.finished', 'b');
  assert.ok(indexOf(events, 'step.started', 'each') > bDone, 'the foreach started before b finished');
  for (const i of [0, 1]) {
    assert.equal(finished(events, `each/${i}/x`).output, 'from-b');
    assert.ok(indexOf(events, 'step.started', `each/${i}/y`) > indexOf(events, 'step.finished', `each/${i}/x`));
  }
});

// A parallel block starts at once, as its branches' steps that read nothing outside do: a step that
// reads an outer step still running when the block's steps are created is wired to it per instance.
const branches = (bIf = '') => `steps:
  - id: slow
    stub: { delay: 150ms }
  - id: b
    needs: [slow]${bIf}
    stub: { output: from-b }
  - id: par
    parallel:
      branches:
        one:
          - id: x
            stub: { output: "\${steps.b.output}" }
          - id: y
            needs: x
            stub: true
        two:
          - id: free
            stub: true
`;

test('a parallel block step waits for an outer step that is still running when the block starts', async () => {
  const { events, fin } = await run(branches());
  assert.equal(fin.status, 'succeeded');
  const bDone = indexOf(events, 'step.finished', 'b');
  assert.ok(indexOf(events, 'step.started', 'par') < bDone, 'the block waited for b');
  assert.ok(indexOf(events, 'step.finished', 'par/two/free') < bDone, 'a branch that reads nothing outside waited for b');
  assert.ok(indexOf(events, 'step.started', 'par/one/x') > bDone);
  assert.equal(finished(events, 'par/one/x').output, 'from-b');
  assert.ok(indexOf(events, 'step.started', 'par/one/y') > indexOf(events, 'step.finished', 'par/one/x'));
});

test('an outer dependency skipped after the block started skips the step reading it and the steps after it', async () => {
  const { events, fin } = await run(branches('\n    if: ${false}'));
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'b').status, 'skipped');
  assert.equal(finished(events, 'par/one/x').status, 'skipped');
  assert.equal(finished(events, 'par/one/y').status, 'skipped');
  assert.equal(finished(events, 'par/two/free').status, 'succeeded');
});

test('a foreach gated by an outer step that was skipped runs; the body steps reading it are skipped', async () => {
  const { events, fin } = await run(nested('\n    if: ${false}'));
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'b').status, 'skipped');
  assert.equal(finished(events, 'c').status, 'skipped');
  for (const i of [0, 1]) {
    assert.equal(finished(events, `each/${i}/x`).status, 'skipped');
    assert.equal(finished(events, `each/${i}/y`).status, 'skipped');
  }
  // It started (a step skipped by a dependency never does), and ended skipped as all its steps were (block-status.ts).
  assert.ok(indexOf(events, 'step.started', 'each') > indexOf(events, 'step.finished', 'b'));
  assert.equal(finished(events, 'each').status, 'skipped');
});

test('an outer dependency already skipped when the body is created skips the body step', async () => {
  const yaml = `steps:
  - id: a
    stub: { output: [1] }
  - id: b
    if: \${false}
    stub: true
  - id: each
    needs: b
    if: \${true}
    foreach:
      items: \${steps.a.output}
      steps:
        - id: x
          stub: { output: "\${steps.b.status}" }
        - id: z
          if: \${steps.b.status == 'skipped'}
          stub: { output: own-if }
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'each/0/x').status, 'skipped');
  assert.equal(finished(events, 'each/0/z').status, 'succeeded', 'a step with its own if decides for itself');
});

test('a 2,000-step graph with random sibling needs: every step starts after all of its needs finished', async () => {
  const rand = rng(7);
  const needs: number[][] = [];
  const lines = ['config:', '  maxConcurrency: 7', 'steps:'];
  for (let i = 0; i < 2000; i++) {
    const ps = new Set<number>();
    if (i >= 10) for (let k = 0; k < 3; k++) ps.add(Math.floor(rand() * i));
    needs.push([...ps]);
    lines.push(`  - id: s${i}`, ...(ps.size ? [`    needs: [${[...ps].map((p) => `s${p}`).join(', ')}]`] : []), '    stub: true');
  }
  const { events, fin } = await run(lines.join('\n') + '\n');
  assert.equal(fin.status, 'succeeded');
  assert.equal(fin.counts.succeeded, 2000);
  const startedAt = new Map<string, number>();
  const finishedAt = new Map<string, number>();
  events.forEach((e, k) => {
    if (e.type === 'step.started') startedAt.set(e.path, k);
    if (e.type === 'step.finished') finishedAt.set(e.path, k);
  });
  needs.forEach((ps, i) => {
    for (const p of ps) assert.ok(finishedAt.get(`s${p}`)! < startedAt.get(`s${i}`)!, `s${i} started after s${p} finished`);
  });
});
