// Scheduling: slot limits at run and block level, greedy starts (no waves), longest-path-first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finished, indexOf, overlapped, peak, run } from './helpers.js';

const stubs = (n: number, prefix: string, delay = '30ms', indent = '  ') =>
  Array.from({ length: n }, (_, i) => `${indent}- id: ${prefix}${i}\n${indent}  stub: { delay: ${delay} }`).join('\n');

test('run-level maxConcurrency is respected and reached', async () => {
  const { events, fin } = await run(`config:\n  maxConcurrency: 3\nsteps:\n${stubs(8, 's')}\n`);
  assert.equal(fin.status, 'succeeded');
  assert.equal(fin.counts.succeeded, 8);
  assert.equal(peak(events), 3);
});

test('--max-concurrency overrides config', async () => {
  const { events } = await run(`config:\n  maxConcurrency: 3\nsteps:\n${stubs(6, 's')}\n`, { maxConcurrency: 1 });
  assert.equal(peak(events), 1);
});

test('block-level maxConcurrency limits the block, not the rest of the run', async () => {
  const yaml = `config:
  maxConcurrency: 10
steps:
  - id: outside
    stub: { delay: 150ms }
  - id: blk
    parallel:
      maxConcurrency: 2
      branches:
${Array.from({ length: 5 }, (_, i) => `        b${i}:\n          - id: s\n            stub: { delay: 30ms }`).join('\n')}
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.equal(peak(events, (p) => p.startsWith('blk/')), 2);
  assert.equal(peak(events), 3, 'the outside step runs beside the block');
  assert.ok(overlapped(events, 'outside', 'blk/b0/s'));
});

test('foreach maxConcurrency limits iterations; body steps see their own iteration', async () => {
  const yaml = `steps:
  - id: each
    foreach:
      items: [a, b, c, d, e]
      maxConcurrency: 2
      steps:
        - id: one
          stub: { output: "\${item}-\${index}", delay: 20ms }
        - id: two
          stub: { output: "\${steps.one.output}!" }
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.equal(peak(events, (p) => p.startsWith('each/')), 2);
  assert.equal(finished(events, 'each/3/two').output, 'd-3!');
  assert.deepEqual(JSON.parse(finished(events, 'each').output!), ['a-0!', 'b-1!', 'c-2!', 'd-3!', 'e-4!']);
});

test("greedy: a quick step's dependent starts before a slow sibling ends (seed 004 unbalanced)", async () => {
  const yaml = `steps:
  - id: quickTask
    stub: { delay: 10ms }
  - id: longTask
    shell: sleep 0.4
  - id: afterQuick
    stub: { output: "\${steps.quickTask.status}", delay: 10ms }
  - id: finalize
    needs: [afterQuick, longTask]
    stub: true
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.ok(indexOf(events, 'step.started', 'afterQuick') < indexOf(events, 'step.finished', 'longTask'));
  assert.ok(indexOf(events, 'step.finished', 'afterQuick') < indexOf(events, 'step.finished', 'longTask'));
  assert.ok(indexOf(events, 'step.started', 'finalize') > indexOf(events, 'step.finished', 'longTask'));
});

test('no waves: a step waits only for its own dependencies, not for its stage', async () => {
  const yaml = `steps:
  - id: a1
    stub: { delay: 300ms }
  - id: b1
    stub: { delay: 10ms }
  - id: a2
    needs: a1
    stub: true
  - id: b2
    needs: b1
    stub: { delay: 10ms }
  - id: b3
    needs: b2
    stub: true
`;
  const { events } = await run(yaml);
  assert.ok(indexOf(events, 'step.finished', 'b3') < indexOf(events, 'step.finished', 'a1'));
});

test('longest remaining path starts first when slots are short; ties by file order', async () => {
  const yaml = `config:
  maxConcurrency: 1
steps:
  - id: x1
    stub: true
  - id: x2
    stub: true
  - id: c1
    stub: true
  - id: c2
    needs: c1
    stub: true
  - id: c3
    needs: c2
    stub: true
`;
  const { events } = await run(yaml);
  const order = events.filter((e) => e.type === 'step.started').map((e) => (e as { path: string }).path);
  // c1 and c2 lead (remaining 3 and 2); then x1, x2, c3 all have 1 left: file order.
  assert.deepEqual(order, ['c1', 'c2', 'x1', 'x2', 'c3']);
});

test('a step that depends on a block waits for all of it; block children inherit its deps', async () => {
  const yaml = `steps:
  - id: first
    stub: { delay: 20ms }
  - id: blk
    needs: first
    parallel:
      - id: a
        stub: { delay: 10ms }
      - id: b
        stub: { delay: 40ms }
  - id: after
    stub: { output: "\${steps.blk.output.a}/\${steps.blk.output.b}" }
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.ok(indexOf(events, 'step.started', 'blk/a') > indexOf(events, 'step.finished', 'first'));
  assert.ok(indexOf(events, 'step.started', 'after') > indexOf(events, 'step.finished', 'blk/b'));
  assert.equal(finished(events, 'after').output, '/');
});

test('the same steps in two branches through a YAML anchor run as separate instances', async () => {
  const yaml = `steps:
  - id: nested
    parallel:
      branches:
        branch1: &work
          - id: hello_stub
            stub: { delay: 20ms }
          - id: hello_shell
            shell: echo "hello from \${steps.hello_stub.status}"
        branch2: *work
  - id: continue_processing
    stub: { output: "\${steps.nested.output.branch1} + \${steps.nested.output.branch2}" }
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.ok(overlapped(events, 'nested/branch1/hello_stub', 'nested/branch2/hello_stub'));
  assert.equal(finished(events, 'continue_processing').output, 'hello from succeeded + hello from succeeded');
});

test('a sub-workflow runs inside the same scheduler and limits', async () => {
  const { tempDir } = await import('./helpers.js');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'child.weft.yaml'),
    `inputs:\n  who: nobody\nsteps:\n${stubs(4, 'c', '30ms')}\n  - id: greet\n    needs: [c0, c1, c2, c3]\n    stub: { output: "hi \${inputs.who}" }\noutputs:\n  greeting: \${steps.greet.output}\n`,
  );
  const yaml = `config:\n  maxConcurrency: 3\nsteps:\n  - id: sib\n    stub: { delay: 60ms }\n  - id: child\n    workflow:\n      path: ./child.weft.yaml\n      inputs: { who: weft }\n  - id: use\n    stub: { output: "\${steps.child.output.greeting}" }\n`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'use').output, 'hi weft');
  assert.equal(peak(events), 3);
  assert.ok(indexOf(events, 'step.started', 'child/c0') >= 0);
});

test('long chains of steps that finish at once run iteratively (no deep recursion), in order', async () => {
  const n = 2000;
  let yaml = 'config:\n  maxConcurrency: 1\nsteps:\n';
  for (let i = 0; i < n; i++) yaml += `  - id: s${i}\n${i ? `    needs: s${i - 1}\n` : ''}    stub: { output: ${i} }\n`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.equal(fin.counts.succeeded, n);
  const starts = events.filter((e) => e.type === 'step.started').map((e) => (e as { path: string }).path);
  assert.deepEqual(starts, Array.from({ length: n }, (_, i) => `s${i}`));
});
