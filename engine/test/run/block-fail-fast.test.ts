// A block's own inner `continueOnError: false` (inside `parallel:` / `foreach:`, or a called file's
// `config`) is fail-fast inside that block: when the run or an enclosing level tolerates the block's
// failure, a failure inside stops the block only (its running steps cancelled and killed, the rest
// skipped, the block failed with the step's error) and the run goes on, as Argo's failFast and a
// GitHub matrix's fail-fast stop their own jobs. With nothing tolerating it the run stops as before.
// Asserted from the event log and /proc, never from times.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { alive, finished, readPids, run, tempDir } from './helpers.js';

const sleeper = `shell: 'echo $$ >> pids; sleep 30 & echo $! >> pids; wait'`;

describe('block fail-fast', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  test("parallel: the block's continueOnError: false stops the block; the run's continueOnError lets the rest go on", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const yaml = `config:
  continueOnError: true
steps:
  - id: outer
    parallel:
      continueOnError: false
      branches:
        left:
          - id: bad
            shell: 'sleep 0.3; exit 1'
        right:
          - id: slow
            ${sleeper}
          - id: after_slow
            needs: slow
            stub: true
  - id: indep
    shell: 'sleep 1; echo went on'
  - id: uses
    needs: outer
    stub: { output: "\${steps.outer.status}" }
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'succeeded', "the run's continueOnError tolerated the block's failure");
    assert.equal(finished(events, 'outer/left/bad').status, 'failed');
    const slow = finished(events, 'outer/right/slow');
    assert.equal(slow.status, 'cancelled');
    assert.match(slow.error!, /^cancelled: outer\/left\/bad failed: exit code 1/);
    assert.equal(finished(events, 'outer/right/after_slow').status, 'skipped');
    const outer = finished(events, 'outer');
    assert.equal(outer.status, 'failed');
    assert.match(outer.error!, /^outer\/left\/bad failed: exit code 1/);
    assert.equal(finished(events, 'indep').output, 'went on', 'a step outside the block was not stopped');
    assert.equal(finished(events, 'uses').output, 'failed');
    const ps = readPids(path.join(dir, 'pids'));
    assert.equal(ps.length, 2);
    for (const pid of ps) assert.equal(alive(pid), false, `process ${pid} is gone`);
  });

  test('nested blocks: the outermost block whose failure is tolerated is the one stopped', { timeout: 60_000 }, async () => {
    const yaml = `steps:
  - id: outer
    continueOnError: true
    parallel:
      continueOnError: false
      branches:
        a:
          - id: inner
            parallel:
              continueOnError: false
              branches:
                x: [{id: bad, shell: 'sleep 0.2; exit 1'}]
                y: [{id: slow, shell: 'sleep 30'}]
        b:
          - id: sibling
            shell: 'sleep 30'
  - id: indep
    shell: 'sleep 0.5; echo went on'
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded');
    assert.equal(finished(events, 'outer').status, 'failed');
    assert.match(finished(events, 'outer').error!, /^outer\/a\/inner\/x\/bad failed/);
    assert.equal(finished(events, 'outer/a/inner').status, 'failed', 'the block inside the stopped one that holds the failure fails, as in a run stop');
    assert.equal(finished(events, 'outer/a/inner/y/slow').status, 'cancelled');
    assert.equal(finished(events, 'outer/b/sibling').status, 'cancelled');
    assert.equal(finished(events, 'indep').output, 'went on');
  });

  test("foreach: one iteration's failure stops the others; a called file's config.continueOnError: false stops only the call", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'child.weft.yaml'), `config:
  continueOnError: false
steps:
  - id: bad
    shell: 'sleep 0.2; exit 4'
  - id: slow
    shell: 'sleep 30'
`);
    const yaml = `config:
  continueOnError: true
steps:
  - id: each
    foreach:
      items: [1, 2, 3]
      continueOnError: false
      steps:
        - id: work
          shell: 'if [ \${item} = 2 ]; then sleep 0.2; exit 2; fi; sleep 30'
  - id: call
    workflow: { path: ./child.weft.yaml }
  - id: indep
    shell: 'sleep 0.5; echo went on'
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'succeeded');
    assert.equal(finished(events, 'each/1/work').status, 'failed');
    assert.equal(finished(events, 'each/0/work').status, 'cancelled');
    assert.equal(finished(events, 'each/2/work').status, 'cancelled');
    assert.equal(finished(events, 'each').status, 'failed');
    assert.equal(finished(events, 'call/slow').status, 'cancelled');
    assert.equal(finished(events, 'call').status, 'failed');
    assert.match(finished(events, 'call').error!, /^call\/bad failed: exit code 4/);
    assert.equal(finished(events, 'indep').output, 'went on');
  });

  test('with nothing tolerating the block, the run stops as before', { timeout: 60_000 }, async () => {
    const yaml = `steps:
  - id: outer
    parallel:
      continueOnError: false
      branches:
        left: [{id: bad, shell: 'sleep 0.2; exit 1'}]
        right: [{id: slow, shell: 'sleep 30'}]
  - id: indep
    shell: 'sleep 30'
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'failed');
    assert.match(fin.error ?? '', /^outer\/left\/bad failed: exit code 1/);
    assert.equal(finished(events, 'indep').status, 'cancelled');
    assert.equal(finished(events, 'outer/right/slow').status, 'cancelled');
    assert.equal(finished(events, 'outer').status, 'failed', 'the failure that stopped the run is inside it');
  });
});
