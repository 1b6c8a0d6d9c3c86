// A step that times out keeps its concurrency slots until its process tree is gone, as a limit of N
// steps at once means N step processes at once (docs/engine.md, "Failure, skips, time"): a shell that
// ignores SIGTERM lives until the SIGKILL two seconds later, and the step after it with
// maxConcurrency 1 used to start beside it. The same for a block's timeout stopping its steps while
// the run goes on. The step after asks /proc whether the timed-out process still exists; nothing is
// timed. The timed-out step's step.finished comes once its process is gone too (held-finishes.ts).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

// Ignores SIGTERM (the disposition survives exec), so only the SIGKILL two seconds later ends it.
const STUBBORN = `shell: "trap '' TERM; echo $$ > pid; exec sleep 30"`;
const PROBE = `shell: 'test -e /proc/$(cat pid) && echo alive || echo gone'`;

describe('a timed-out step holds its slot until its process is gone', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  test('a step timeout', { timeout: 60_000 }, async () => {
    const yaml = `config: { maxConcurrency: 1, continueOnError: true }
steps:
  - id: slow
    timeout: 300ms
    ${STUBBORN}
  - id: probe
    needs: slow
    ${PROBE}
`;
    const { events } = await run(yaml, { dir: tempDir('weft-timeout-slots-') });
    assert.equal(finished(events, 'slow').error, 'timed out after 300ms');
    assert.equal(finished(events, 'probe').output, 'gone', 'the step after did not start beside the timed-out process');
  });

  test("a block's timeout while the run goes on", { timeout: 60_000 }, async () => {
    const yaml = `config: { maxConcurrency: 1 }
steps:
  - id: par
    timeout: 300ms
    continueOnError: true
    parallel:
      - id: slow
        ${STUBBORN}
  - id: probe
    needs: par
    ${PROBE}
`;
    const { events } = await run(yaml, { dir: tempDir('weft-timeout-slots-') });
    assert.equal(finished(events, 'par').error, 'timed out after 300ms');
    assert.equal(finished(events, 'par/slow').status, 'cancelled');
    assert.equal(finished(events, 'probe').output, 'gone');
  });
});
