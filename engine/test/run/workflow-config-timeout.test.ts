// A called file's `config.timeout` bounds the run of that file when a `workflow` step calls it, as
// it bounds a run of the file on its own (block-timeout.ts): its steps are stopped and their
// processes killed, the workflow step fails with `timed out after <d> (config.timeout of <file>)`,
// and the usual failure rules apply to that step: the caller's run goes on when continueOnError
// applies to it, and stops when it is fail-fast. (Before, the called file's config.timeout was
// ignored.) Asserted from the event log and /proc, never from times.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { alive, finished, indexOf, readPids, run, tempDir } from './helpers.js';

const CHILD = `inputs:
  limit: 400ms
config:
  timeout: \${inputs.limit}
outputs:
  said: \${steps.long.output}
steps:
  - id: long
    shell: 'echo $$ >> pids; sleep 20 & echo $! >> pids; wait'
  - id: after_long
    needs: long
    stub: true
`;

function withChild(): string {
  const dir = tempDir('weft-call-timeout-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), CHILD);
  return dir;
}

function assertGone(dir: string): void {
  const ps = readPids(path.join(dir, 'pids'));
  assert.equal(ps.length, 2, 'the shell and its background sleep wrote their pids');
  for (const pid of ps) assert.equal(alive(pid), false, `process ${pid} is gone`);
}

describe('a called file\'s config.timeout', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  test('bounds the call; the caller goes on when the call continues on error', { timeout: 60_000 }, async () => {
    const dir = withChild();
    const yaml = `steps:
  - id: call
    continueOnError: true
    workflow: { path: ./child.weft.yaml }
  - id: beside
    shell: 'sleep 2; echo beside'
  - id: uses
    needs: call
    stub: { output: "\${steps.call.status}: \${steps.call.error}" }
`;
    const { events, fin } = await run(yaml, { dir });
    const message = 'timed out after 400ms (config.timeout of child.weft.yaml)';
    assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
    assert.equal(finished(events, 'call').status, 'failed');
    assert.equal(finished(events, 'call').error, message);
    assert.equal(finished(events, 'call/long').status, 'cancelled');
    assert.equal(finished(events, 'call/long').error, `cancelled: call ${message}`);
    assert.equal(finished(events, 'call/after_long').status, 'skipped');
    assert.equal(finished(events, 'beside').status, 'succeeded', 'a step beside the call is not touched');
    assert.ok(indexOf(events, 'step.finished', 'call') < indexOf(events, 'step.finished', 'beside'), 'the call ended while its sibling ran');
    assert.equal(finished(events, 'uses').output, `failed: ${message}`);
    assertGone(dir);
  });

  test('a fail-fast call stops the run; the step\'s own shorter timeout wins over the file\'s', { timeout: 60_000 }, async () => {
    const dir = withChild();
    const failFast = await run(`steps:
  - id: call
    workflow: { path: ./child.weft.yaml }
  - id: beside
    shell: 'sleep 20'
`, { dir });
    assert.equal(failFast.fin.status, 'failed');
    assert.equal(failFast.fin.error, 'call failed: timed out after 400ms (config.timeout of child.weft.yaml)');
    assert.equal(finished(failFast.events, 'beside').status, 'cancelled');
    assertGone(dir);
    fs.rmSync(path.join(dir, 'pids'));
    const own = await run(`steps:
  - id: call
    timeout: 300ms
    continueOnError: true
    workflow: { path: ./child.weft.yaml, inputs: { limit: 30s } }
`, { dir });
    assert.equal(finished(own.events, 'call').error, 'timed out after 300ms');
    assertGone(dir);
  });
});
