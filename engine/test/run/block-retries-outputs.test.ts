// The outputs files of a block that retried (block-retry.ts, records.ts): a step that ran in an
// earlier attempt of its block and did not run in the last (its `if` false, or skipped when the
// block's last attempt failed before it) has no outputs file, as a step that never ran has none;
// readStepOutput (the CLI, the editor's "show step output") and `--resume` read the last attempt
// only. Real runs with real shells; a marker file changes what each attempt does.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { readStepOutput } from '../../src/run/index.js';
import { eventsAt as at, FLAKY, lastFinished as last, run, tempDir } from './helpers.js';

describe('outputs files of a retried block', () => {
  test("a step skipped by its `if` in the block's last attempt has no outputs file of the earlier attempt", { timeout: 60_000 }, async () => {
    const yaml = `steps:
  - id: par
    retries: { max: 1, delay: 10ms }
    parallel:
      branches:
        a:
          - id: probe
            shell: 'if [ -f marker ]; then echo again; else echo first; fi'
          - id: once
            needs: probe
            if: \${steps.probe.output == 'first'}
            shell: 'echo from the first attempt'
          - id: flaky
            needs: once
            shell: ${FLAKY}
`;
    const { events, fin, runsDir } = await run(yaml);
    assert.equal(fin.status, 'succeeded', fin.error);
    assert.equal(last(events, 'par').attempts, 2);
    assert.deepEqual(at(events, 'step.finished', 'par/a/once').map((e) => e.status), ['succeeded', 'skipped']);
    assert.equal(await readStepOutput(runsDir, fin.runId, 'par/a/once'), undefined, 'no output of the earlier attempt for a step its last attempt skipped');
    // flaky, which failed in attempt 1, is skipped with it (its need was skipped): no file either.
    assert.deepEqual(at(events, 'step.finished', 'par/a/flaky').map((e) => e.status), ['failed', 'skipped']);
    assert.equal(await readStepOutput(runsDir, fin.runId, 'par/a/flaky'), undefined);
    // The step the last attempt ran has its output.
    assert.equal((await readStepOutput(runsDir, fin.runId, 'par/a/probe'))?.output, 'again');
  });

  test("a step the block's last attempt skipped after a failure has no outputs file, and --resume runs it again", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    // Attempt 1: gate and work succeed, bad fails. Attempt 2: gate fails, work is skipped, the block
    // (out of attempts) fails. Without the marker (the resume), gate succeeds again.
    const yaml = `steps:
  - id: par
    retries: { max: 1, delay: 10ms }
    parallel:
      branches:
        a:
          - id: gate
            shell: 'if [ -f marker ]; then exit 5; fi; echo open'
          - id: work
            needs: gate
            shell: 'echo x >> ran; echo worked'
          - id: bad
            needs: work
            shell: '[ -f fixed ] && echo fine || { touch marker; exit 4; }'
`;
    const first = await run(yaml, { dir });
    assert.equal(first.fin.status, 'failed');
    assert.equal(last(first.events, 'par').attempts, 2);
    assert.deepEqual(at(first.events, 'step.finished', 'par/a/work').map((e) => e.status), ['succeeded', 'skipped']);
    assert.equal(await readStepOutput(first.runsDir, first.fin.runId, 'par/a/work'), undefined, "the earlier attempt's output is gone");
    assert.equal((await readStepOutput(first.runsDir, first.fin.runId, 'par/a/gate'))?.status, 'failed');
    assert.equal(fs.readdirSync(path.join(first.runsDir, first.fin.runId, 'outputs')).length, 1, 'only gate ran in the last attempt');

    // The resume does not take the output of the attempt the run dropped: work runs again.
    fs.rmSync(path.join(dir, 'marker'));
    fs.writeFileSync(path.join(dir, 'fixed'), '');
    const second = await run(yaml, { dir, resume: first.fin.runId });
    assert.equal(second.fin.status, 'succeeded', second.fin.error);
    assert.equal(last(second.events, 'par/a/work').reused, undefined);
    assert.equal(last(second.events, 'par/a/work').output, 'worked');
    assert.equal(fs.readFileSync(path.join(dir, 'ran'), 'utf8'), 'x\nx\n');
  });
});
