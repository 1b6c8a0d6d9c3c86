// A block's status (docs/engine.md, "A block's status"): `failed` only when a failure inside it was
// not tolerated inside it (it propagated to the block); `succeeded` when every failure inside was
// tolerated there (by the step's own continueOnError, a block's inside it, the block's inner
// policy, a called file's config), as GitHub Actions concludes such a job `success` and Argo marks
// such a DAG Succeeded. The block's error still counts the steps that failed inside.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

test('failures tolerated inside a block leave it succeeded, with the count in its error', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'lenient.weft.yaml'), `config:
  continueOnError: true
steps:
  - id: bad
    shell: exit 1
  - id: good
    stub: { output: fine }
`);
  const yaml = `steps:
  - id: own
    parallel:
      - id: soft
        continueOnError: true
        shell: exit 1
      - id: fine
        stub: { output: F }
  - id: inner_policy
    foreach:
      items: [1, 2]
      continueOnError: true
      steps:
        - id: s
          shell: 'exit \${item}'
  - id: nested
    parallel:
      - id: blk
        continueOnError: true
        parallel:
          - id: x
            shell: exit 2
  - id: call
    workflow: { path: ./lenient.weft.yaml }
  - id: sees
    needs: [own, inner_policy, nested, call]
    stub:
      output: "\${steps.own.status} \${steps.inner_policy.status} \${steps.nested.status} \${steps.call.status}"
`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(fin.status, 'succeeded');
  assert.deepEqual(fin.counts, { failed: 5, succeeded: 3 }, 'run.finished counts are unchanged');
  const own = finished(events, 'own');
  assert.equal(own.status, 'succeeded');
  assert.equal(own.error, '1 step failed (continued)');
  assert.equal(own.output, '{"soft":null,"fine":"F"}');
  const fe = finished(events, 'inner_policy');
  assert.equal(fe.status, 'succeeded');
  assert.equal(fe.error, '2 steps failed (continued)');
  // The inner block tolerated x only through its own step-level continueOnError: x's failure
  // propagated to blk, which failed, and blk's failure was tolerated inside `nested` by blk's own setting.
  assert.equal(finished(events, 'nested/blk').status, 'failed');
  assert.equal(finished(events, 'nested/blk').error, '1 step failed');
  assert.equal(finished(events, 'nested').status, 'succeeded');
  assert.equal(finished(events, 'nested').error, '1 step failed (continued)');
  assert.equal(finished(events, 'call').status, 'succeeded', "a called file's config.continueOnError is inside the call");
  assert.equal(finished(events, 'call').error, '1 step failed (continued)');
  assert.equal(finished(events, 'sees').output, 'succeeded succeeded succeeded succeeded');
});

test('a failure tolerated only by the block step, an enclosing block or the run propagates: the block fails', { timeout: 30_000 }, async () => {
  const yaml = `steps:
  - id: blockcoe
    continueOnError: true
    parallel:
      - id: a
        shell: exit 1
  - id: outer
    parallel:
      continueOnError: true
      branches:
        one:
          - id: inner
            parallel:
              - id: b
                shell: exit 1
  - id: fine
    parallel:
      - id: c
        stub: true
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'blockcoe').status, 'failed');
  assert.equal(finished(events, 'blockcoe').error, '1 step failed');
  assert.equal(finished(events, 'outer/one/inner').status, 'failed', "b's failure was tolerated by outer's policy, not inside inner");
  assert.equal(finished(events, 'outer').status, 'succeeded');
  assert.equal(finished(events, 'outer').error, '1 step failed (continued)');
  assert.equal(finished(events, 'fine').status, 'succeeded');
  assert.equal(finished(events, 'fine').error, undefined);
  const again = await run(`steps:
  - id: p
    parallel:
      - id: a
        shell: exit 1
`, { continueOnError: true });
  assert.equal(again.fin.status, 'succeeded');
  assert.equal(finished(again.events, 'p').status, 'failed', 'tolerated by the run, outside the block');
});
