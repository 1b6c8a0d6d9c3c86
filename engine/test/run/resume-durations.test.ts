// The ready queue weighs steps by the durations of the newest finished run of the file (history.ts
// previousDurations). A resume's reused steps carry the durations the earlier run recorded, but they
// were left out, so after a resume that reused every step the next run had no durations at all and
// weighed every step one unit (found by the resume differential hunt).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { test } from 'node:test';
import { parseWorkflow } from '../../src/model/parse.js';
import { previousDurations } from '../../src/run/history.js';
import { finished, run } from './helpers.js';

const WORKFLOW = `steps:
  - id: slow
    stub: { output: s, delay: 60ms }
  - id: each
    foreach:
      items: [1, 2]
      steps:
        - id: x
          stub: { output: "\${item}", delay: 10ms }
`;

test('after a resume that reused every step, the durations are the ones the reused steps carry', async () => {
  const first = await run(WORKFLOW);
  const model = parseWorkflow(fs.readFileSync(first.file, 'utf8'), first.file);
  const before = await previousDurations(first.runsDir, model);
  assert.ok(before, 'durations of the first run');
  const resumed = await run(WORKFLOW, { dir: first.dir, resume: 'last' });
  assert.equal(finished(resumed.events, 'slow').reused, true);
  assert.equal(finished(resumed.events, 'each/1/x').reused, true);
  assert.deepEqual(await previousDurations(first.runsDir, model), before, 'the resumed run, the newest, gives the same durations');
});
