// A resume that is itself interrupted must not lose what the run before it had done: resuming it
// reuses the steps that succeeded in any run of the chain (by `resumedFrom`). Before, `--resume last`
// took only the last run's outputs, so a step that run never reached (skipped when it was
// cancelled) ran again although an earlier run had done it (found by the resume differential hunt).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cancelWhen, eventsAt, finished, run, tempDir } from './helpers.js';

// `y` fails on its first run (tolerated), hangs on its second (until cancelled), succeeds on its
// third; `x` waits for it and leaves a line in side.log each time it runs.
const WORKFLOW = `steps:
  - id: y
    continueOnError: true
    shell: 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; if [ $n = 1 ]; then exit 3; elif [ $n = 2 ]; then sleep 30; fi; echo y'
  - id: x
    needs: y
    shell: 'echo x >> side.log; echo X'
`;

test('resuming a cancelled resume reuses what the run before it did', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  const first = await run(WORKFLOW, { dir });
  assert.equal(finished(first.events, 'y').status, 'failed');
  assert.equal(finished(first.events, 'x').status, 'succeeded');
  // The resume runs y again and is cancelled while y runs (once y has counted its second run: a
  // cancel as y starts could kill its shell before it counted, and the third run would then be
  // y's second, which sleeps until the test's timeout): x is never reached.
  const counted = () => fs.readFileSync(path.join(dir, 'count'), 'utf8').trim() === '2';
  const second = await run(WORKFLOW, { dir, resume: 'last', ...cancelWhen((evs) => eventsAt(evs, 'step.started', 'y').length > 0 && counted()) });
  assert.equal(second.fin.status, 'cancelled');
  assert.equal(finished(second.events, 'x').status, 'skipped');
  const third = await run(WORKFLOW, { dir, resume: 'last' });
  assert.equal(third.fin.status, 'succeeded');
  assert.equal(finished(third.events, 'y').output, 'y');
  const x = finished(third.events, 'x');
  assert.equal(x.reused, true, 'x, done by the first run, is reused');
  assert.equal(x.output, 'X');
  assert.equal(fs.readFileSync(path.join(dir, 'side.log'), 'utf8'), 'x\n', 'x ran once in all');
});
