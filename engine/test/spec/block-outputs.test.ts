// Spec conformance, language.md 2.2 (block outputs): "`parallel`: an object: branch name -> the
// output of that branch's last listed step"; the shorthand list makes "each step its own branch";
// "`foreach`: an array, in item order: each iteration's last listed step's output"; "`workflow`:
// the child workflow's `outputs` object (or its last step's output when it declares none)". Each
// case has its last listed step finish before another step of its list, so "last finished" and
// "last listed" differ.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, indexOf, run, tempDir } from '../run/helpers.js';

test('parallel: each branch gives its last listed step, not its last finished one; the shorthand names branches by step id', async () => {
  const { events, fin } = await run(`steps:
  - id: p
    parallel:
      branches:
        one:
          - { id: slow, stub: { output: SLOW, delay: 150ms } }
          - { id: quick, stub: { output: { v: QUICK } } }
        two:
          - { id: only, stub: { output: 2 } }
  - id: q
    parallel: [ { id: a, stub: { output: A } }, { id: b, stub: { output: [B] } } ]
outputs: { p: "\${steps.p.output}", q: "\${steps.q.output}" }
`);
  assert.equal(fin.status, 'succeeded');
  assert.ok(indexOf(events, 'step.finished', 'p/one/quick') < indexOf(events, 'step.finished', 'p/one/slow'), 'quick, listed last, finished first');
  assert.deepEqual(fin.outputs.p, { one: { v: 'QUICK' }, two: 2 });
  assert.deepEqual(fin.outputs.q, { a: 'A', b: ['B'] });
});

test('foreach: iteration outputs in item order, whatever order the iterations finish in', async () => {
  const { events, fin } = await run(`steps:
  - id: e
    foreach:
      items: [{ v: 3, d: 300ms }, { v: 2, d: 150ms }, { v: 1, d: 10ms }]
      steps:
        - { id: w, stub: { output: "v\${item.v}-\${index}", delay: "\${item.d}" } }
        - { id: last, stub: { output: "\${steps.w.output}!" } }
        - { id: lagging, stub: { delay: 200ms } }
outputs: { e: "\${steps.e.output}" }
`);
  assert.equal(fin.status, 'succeeded');
  assert.ok(indexOf(events, 'step.finished', 'e/2/w') < indexOf(events, 'step.finished', 'e/0/w'), 'the last item finished first');
  assert.deepEqual(fin.outputs.e, [null, null, null], 'the last listed step (a stub without output) gives null');
  const again = await run(`steps:
  - id: e
    foreach:
      items: [{ v: 3, d: 300ms }, { v: 2, d: 150ms }, { v: 1, d: 10ms }]
      steps:
        - { id: lagging, stub: { delay: 400ms } }
        - { id: w, stub: { output: "v\${item.v}-\${index}", delay: "\${item.d}" } }
outputs: { e: "\${steps.e.output}" }
`);
  assert.deepEqual(again.fin.outputs.e, ['v3-0', 'v2-1', 'v1-2']);
});

test('workflow: the called file\'s outputs object, or its last listed step\'s output when it declares none', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'with.weft.yaml'), 'steps:\n  - { id: x, stub: { output: X } }\noutputs: { got: "${steps.x.output}", n: 1 }\n');
  fs.writeFileSync(
    path.join(dir, 'without.weft.yaml'),
    'steps:\n  - { id: slow, stub: { output: SLOW, delay: 150ms } }\n  - { id: quick, stub: { output: { k: Y } } }\n',
  );
  const { events, fin } = await run(
    `steps:
  - { id: w, workflow: { path: with.weft.yaml } }
  - { id: wo, workflow: { path: without.weft.yaml } }
  - { id: use, stub: { output: "\${steps.w.output.got}/\${steps.wo.output.k}" } }
outputs: { w: "\${steps.w.output}", wo: "\${steps.wo.output}" }
`,
    { dir },
  );
  assert.equal(fin.status, 'succeeded');
  assert.ok(indexOf(events, 'step.finished', 'wo/quick') < indexOf(events, 'step.finished', 'wo/slow'));
  assert.deepEqual(fin.outputs.w, { got: 'X', n: 1 });
  assert.deepEqual(fin.outputs.wo, { k: 'Y' });
  assert.equal(finished(events, 'use').output, 'X/Y');
});
