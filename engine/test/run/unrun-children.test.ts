// The steps of a block that never runs them (a skipped or stopped `workflow` step's child, a foreach
// body without iterations) get their skipped events, as a parallel block's branches do, so that the
// record has a step.finished for every step of the plan and run.finished counts them: the Runs view
// and `weft run`'s final tree no longer have to guess their status.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RunEvent } from '../../src/run/index.js';
import type { PlanNode } from '../../src/plan/types.js';
import { run, tempDir } from './helpers.js';

/** `path status` of every step.finished, in order. */
function finishes(events: RunEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'step.finished' ? [`${e.path} ${e.status}`] : []));
}

function started(events: RunEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'step.started' ? [e.path] : []));
}

/** Every step path of the run.started plan (branch nodes aside). */
function planPaths(events: RunEvent[]): string[] {
  const ev = events[0];
  assert.equal(ev.type, 'run.started');
  const out: string[] = [];
  const walk = (nodes: PlanNode[]) => {
    for (const n of nodes) {
      if (n.kind !== 'branch') out.push(n.path);
      walk(n.children ?? []);
    }
  };
  walk(ev.type === 'run.started' ? ev.plan : []);
  return out.sort();
}

function finishedPaths(events: RunEvent[]): string[] {
  return events.flatMap((e) => (e.type === 'step.finished' ? [e.path] : [])).sort();
}

/** A child with a required number input, a leaf and a foreach (whose body is planned as `each/s`). */
function childDir(): string {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'child.weft.yaml'),
    `inputs:
  n: { type: number, required: true }
steps:
  - id: a
    stub: { output: "\${inputs.n}" }
  - id: each
    needs: a
    foreach:
      items: [1, 2]
      steps:
        - { id: s, stub: true }
`,
  );
  return dir;
}

test('a workflow step whose if is false: its child steps are skipped with events, inputs not evaluated', async () => {
  const dir = childDir();
  const yaml = `steps:
  - id: call
    if: \${false}
    workflow:
      path: ./child.weft.yaml
      inputs: { n: "\${fromJson('not json')}" }
  - { id: after, stub: { output: done } }
`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  assert.deepEqual(finishes(events), ['call/a skipped', 'call/each/s skipped', 'call/each skipped', 'call skipped', 'after succeeded']);
  assert.deepEqual(started(events), ['after']);
  assert.deepEqual(fin.counts, { skipped: 2, succeeded: 1 });
  assert.deepEqual(finishedPaths(events), planPaths(events));
});

test('fail-fast: a workflow step after the failed step gets its child steps skipped, at the paths they run at', async () => {
  const dir = childDir();
  const yaml = `steps:
  - id: boom
    shell: exit 3
  - id: call
    workflow:
      path: ./child.weft.yaml
      inputs: { n: "\${steps.boom.output}" }
`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(fin.status, 'failed');
  assert.deepEqual(finishes(events), ['boom failed', 'call/a skipped', 'call/each/s skipped', 'call/each skipped', 'call skipped']);
  assert.deepEqual(fin.counts, { failed: 1, skipped: 2 });
  assert.deepEqual(finishedPaths(events), planPaths(events));

  // The same child run for real: the paths are the same (plus the foreach's iteration indexes).
  const ok = await run(`steps:\n  - id: call\n    workflow: { path: ./child.weft.yaml, inputs: { n: 4 } }\n`, { dir });
  assert.equal(ok.fin.status, 'succeeded');
  assert.deepEqual(finishes(ok.events), ['call/a succeeded', 'call/each/0/s succeeded', 'call/each/1/s succeeded', 'call/each succeeded', 'call succeeded']);
});

test('a workflow step whose input is rejected: its child steps are skipped, then it fails', async () => {
  const dir = childDir();
  const yaml = `steps:
  - id: call
    workflow: { path: ./child.weft.yaml, inputs: { n: "\${fromJson('{}')}" } }
`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(fin.status, 'failed');
  assert.deepEqual(finishes(events), ['call/a skipped', 'call/each/s skipped', 'call/each skipped', 'call failed']);
  assert.match(fin.error ?? '', /input 'n' must be a number, got an object/);
  // The workflow step failed by itself: it is the failed step counted (run-counts.test.ts).
  assert.deepEqual(fin.counts, { failed: 1, skipped: 2 });
});

const BODY = `      steps:
        - { id: s, stub: true }
        - id: inner
          needs: s
          foreach:
            items: [x]
            steps:
              - { id: t, stub: true }`;

test('a foreach over an empty list: its body is skipped once, the foreach succeeds with []', async () => {
  const yaml = `steps:
  - id: each
    foreach:
      items: []
${BODY}
  - { id: after, stub: { output: "\${steps.each.output}" } }
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  assert.deepEqual(finishes(events), ['each/s skipped', 'each/inner/t skipped', 'each/inner skipped', 'each succeeded', 'after succeeded']);
  const each = events.find((e) => e.type === 'step.finished' && e.path === 'each');
  assert.equal(each?.type === 'step.finished' ? each.output : undefined, '[]');
  assert.deepEqual(fin.counts, { skipped: 2, succeeded: 1 });
  assert.deepEqual(finishedPaths(events), planPaths(events));
});

test('a skipped foreach, and one stopped by fail-fast: the body steps are skipped with events', async () => {
  const skipped = await run(`steps:
  - id: each
    if: \${false}
    foreach:
      items: [1, 2]
${BODY}
`);
  assert.equal(skipped.fin.status, 'succeeded');
  assert.deepEqual(finishes(skipped.events), ['each/s skipped', 'each/inner/t skipped', 'each/inner skipped', 'each skipped']);
  assert.deepEqual(skipped.fin.counts, { skipped: 2 });

  const stopped = await run(`steps:
  - { id: boom, shell: exit 1 }
  - id: each
    needs: boom
    foreach:
      items: [1, 2]
${BODY}
`);
  assert.equal(stopped.fin.status, 'failed');
  assert.deepEqual(finishes(stopped.events), ['boom failed', 'each/s skipped', 'each/inner/t skipped', 'each/inner skipped', 'each skipped']);
  assert.deepEqual(stopped.fin.counts, { failed: 1, skipped: 2 });
  assert.deepEqual(finishedPaths(stopped.events), planPaths(stopped.events));
});

/** A hang guard, not a timing assertion: a regression here once left the run's `done` unresolved. */
const HANG_GUARD = { timeout: 20_000 };

const LIMITED = `      steps:
        - id: par
          parallel:
            maxConcurrency: 2
            branches:
              a: [ { id: s, stub: true } ]
              b: [ { id: t, stub: true } ]`;

test('a block with its own maxConcurrency inside a body that never runs is skipped too (it threw: the body had no slot groups)', HANG_GUARD, async () => {
  const skipped = await run(`steps:
  - id: each
    if: \${false}
    foreach:
      items: [1, 2]
${LIMITED}
`);
  assert.equal(skipped.fin.status, 'succeeded', JSON.stringify(skipped.fin));
  assert.deepEqual(finishes(skipped.events), ['each/par/a/s skipped', 'each/par/b/t skipped', 'each/par skipped', 'each skipped']);

  const stopped = await run(`steps:
  - { id: boom, shell: "exit 1" }
  - id: each
    needs: boom
    foreach:
      items: [1, 2]
${LIMITED}
`);
  assert.equal(stopped.fin.status, 'failed', JSON.stringify(stopped.fin));
  assert.deepEqual(finishes(stopped.events), ['boom failed', 'each/par/a/s skipped', 'each/par/b/t skipped', 'each/par skipped', 'each skipped']);

  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), `steps:
  - id: par
    parallel:
      maxConcurrency: 1
      branches:
        a: [ { id: s, stub: true } ]
`);
  const call = await run(`steps:
  - id: call
    if: \${false}
    workflow: { path: child.weft.yaml }
`, { dir });
  assert.equal(call.fin.status, 'succeeded', JSON.stringify(call.fin));
  assert.deepEqual(finishes(call.events), ['call/par/a/s skipped', 'call/par skipped', 'call skipped']);
});

test('a foreach that fails on its items (not a list) has its body skipped with events before it fails', HANG_GUARD, async () => {
  const { events, fin } = await run(`steps:
  - { id: obj, stub: { output: { a: 1 } } }
  - id: bad
    foreach:
      items: \${steps.obj.output}
${BODY}
`);
  assert.equal(fin.status, 'failed', JSON.stringify(fin));
  assert.deepEqual(finishes(events), ['obj succeeded', 'bad/s skipped', 'bad/inner/t skipped', 'bad/inner skipped', 'bad failed']);
  assert.deepEqual(finishedPaths(events), planPaths(events));
});
