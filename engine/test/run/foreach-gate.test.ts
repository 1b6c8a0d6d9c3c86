// Language spec 3.2: "A `foreach` starts when its `items` and its body's outside references are
// available". A foreach whose body reads a step outside it started at once (its step.started, and
// its body's steps that read nothing outside, ran before that step finished), while the plan put it
// at stage 2. It is gated on those steps finishing; a skip of one still skips only the body steps
// that read it (the foreach itself depends only on what its own fields name).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { finished, indexOf, run } from './helpers.js';

/**
 * Runs `rest` (steps, as YAML list items) after a step `slow` that takes 200 ms; the run must
 * succeed. The events, and the index of slow's step.finished.
 */
async function afterSlow(rest: string) {
  const { events, fin } = await run(`steps:
  - id: slow
    stub: { delay: 200ms, output: s }
${rest}`);
  assert.equal(fin.status, 'succeeded');
  return { events, slowDone: indexOf(events, 'step.finished', 'slow') };
}

describe('a foreach waits for the steps its body reads outside it', () => {
  it('starts, and so do its independent body steps, only after such a step finished', async () => {
    const { events, slowDone } = await afterSlow(`  - id: each
    foreach:
      items: [1, 2]
      steps:
        - id: x
          stub: { output: x }
        - id: y
          stub: { output: "\${steps.slow.output}-\${item}" }
`);
    assert.ok(indexOf(events, 'step.started', 'each') > slowDone, 'the foreach started before slow finished');
    for (const p of ['each/0/x', 'each/1/x']) assert.ok(indexOf(events, 'step.started', p) > slowDone, `${p} started before slow finished`);
    assert.equal(finished(events, 'each')?.output, '["s-1","s-2"]');
  });

  it('inside a parallel branch, reading a step of the top level, and from a nested foreach', async () => {
    const { events, slowDone } = await afterSlow(`  - id: par
    parallel:
      branches:
        a:
          - id: outer
            foreach:
              items: [1]
              steps:
                - id: inner
                  foreach:
                    items: [2]
                    steps:
                      - id: z
                        stub: { output: "\${steps.slow.output}" }
        b:
          - id: free
            stub: { output: f }
`);
    assert.ok(indexOf(events, 'step.started', 'par/a/outer') > slowDone, 'the outer foreach started before slow finished');
    assert.ok(indexOf(events, 'step.started', 'par') < slowDone, 'the parallel block waited, though only a foreach in it reads slow');
    assert.ok(indexOf(events, 'step.finished', 'par/b/free') < slowDone, 'an unrelated branch waited for slow');
  });

  it('is not skipped when such a step is skipped: only the body steps reading it are', async () => {
    const { events, fin } = await run(`steps:
  - id: off
    if: \${false}
    stub: { delay: 100ms, output: o }
  - id: each
    foreach:
      items: [1]
      steps:
        - id: x
          stub: { output: x }
        - id: y
          stub: { output: "\${steps.off.output}" }
`);
    assert.equal(fin.status, 'succeeded');
    assert.equal(finished(events, 'each')?.status, 'succeeded');
    assert.equal(finished(events, 'each/0/x')?.status, 'succeeded');
    assert.equal(finished(events, 'each/0/y')?.status, 'skipped');
  });
});
