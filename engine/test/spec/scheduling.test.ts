// Spec conformance, language.md 1 and 3.2 (scheduling): "maxConcurrency: 10 # leaf steps running at
// once in the whole run; default 10"; "A step starts as soon as all its dependencies have finished and
// a slot is free (`config.maxConcurrency` for the run, and the `maxConcurrency` of every enclosing
// block)"; "Steps are not started in waves: a step never waits for an unrelated step of the same
// depth"; "When more steps are ready than slots, the one with the longest remaining path to the end
// of the graph starts first (using durations recorded in earlier runs where there are any, otherwise
// one unit per step), ties broken by file order." Parallelism is read from the event log.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RunEvent } from '../../src/run/events.js';
import { indexOf, peak, run, tempDir } from '../run/helpers.js';

const starts = (events: RunEvent[]) => events.flatMap((e) => (e.type === 'step.started' ? [e.path] : []));

test('without config.maxConcurrency, at most 10 leaf steps run at once, and 10 do', async () => {
  const steps = Array.from({ length: 14 }, (_, i) => `  - { id: s${i}, shell: "sleep 0.3" }`).join('\n');
  const { events, fin } = await run(`steps:\n${steps}\n`);
  assert.equal(fin.status, 'succeeded');
  assert.equal(peak(events), 10);
});

test('the limit of every enclosing block applies: a block inside a limited block, a called file inside a limited foreach', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), 'config: { maxConcurrency: 5 }\nsteps:\n  - { id: a, stub: { delay: 60ms } }\n  - { id: b, stub: { delay: 60ms } }\n  - { id: c, stub: { delay: 60ms } }\n');
  const three = (pre: string) => [0, 1, 2].map((i) => `{ id: ${pre}${i}, stub: { delay: 60ms } }`).join(', ');
  const { events, fin } = await run(
    `steps:
  - id: outer
    parallel:
      maxConcurrency: 2
      branches:
        x:
          - id: inner
            parallel: [ ${three('a')} ]
        y: [ ${three('b')} ]
  - id: each
    foreach:
      items: [1, 2, 3]
      maxConcurrency: 2
      steps:
        - { id: call, workflow: { path: child.weft.yaml } }
`,
    { dir },
  );
  assert.equal(fin.status, 'succeeded');
  assert.equal(peak(events, (p) => p.startsWith('outer/')), 2, 'outer/x/inner has no limit of its own; outer\'s applies');
  assert.equal(peak(events, (p) => p.startsWith('each/')), 2, 'the called file allows 5; the foreach 2');
});

test('durations recorded in an earlier run order the ready steps: the step that took longest starts first', async () => {
  const yaml = `config: { maxConcurrency: 1 }\nsteps:\n  - { id: quick, stub: { delay: 10ms } }\n  - { id: slow, shell: "sleep 0.4" }\n`;
  const first = await run(yaml);
  assert.deepEqual(starts(first.events), ['quick', 'slow'], 'no record: one unit each, file order');
  const second = await run(yaml, { dir: first.dir });
  assert.equal(second.fin.status, 'succeeded');
  assert.deepEqual(starts(second.events), ['slow', 'quick'], 'slow weighs its recorded duration');
  const elsewhere = await run(yaml, { dir: first.dir, runsDir: path.join(first.dir, 'other-runs') });
  assert.deepEqual(starts(elsewhere.events), ['quick', 'slow'], 'only the records of the runs folder count');
});

test('no waves inside blocks: a foreach iteration or a called file goes on while a sibling of the same depth still runs', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), 'inputs: { d: { type: string } }\nsteps:\n  - { id: a, stub: { delay: "${inputs.d}" } }\n  - { id: b, needs: a, stub: true }\n');
  const { events, fin } = await run(
    `steps:
  - id: e
    foreach:
      items: [400ms, 10ms]
      steps:
        - { id: a, stub: { delay: "\${item}" } }
        - { id: b, needs: a, stub: true }
  - { id: slowcall, workflow: { path: child.weft.yaml, inputs: { d: 400ms } } }
  - { id: fastcall, workflow: { path: child.weft.yaml, inputs: { d: 10ms } } }
`,
    { dir },
  );
  assert.equal(fin.status, 'succeeded');
  assert.ok(indexOf(events, 'step.finished', 'e/1/b') < indexOf(events, 'step.finished', 'e/0/a'), 'item 1 goes on while item 0 runs');
  assert.ok(indexOf(events, 'step.finished', 'fastcall/b') < indexOf(events, 'step.finished', 'slowcall/a'), 'one call goes on while the other runs');
});
