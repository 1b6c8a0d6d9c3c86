// `${run.id}`, `${run.workflow}` and `${run.startedAt}` are those of the run.started event, in the
// workflow's env, in steps, and in foreach items alike.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RunEvent } from '../../src/run/events.js';
import { finished, run } from './helpers.js';

test('templates see the run id, workflow and start time of the run.started event', async () => {
  const yaml = `name: info
env:
  STARTED: \${run.startedAt}
steps:
  - id: stub
    stub: { output: "\${run.id} \${run.workflow} \${run.startedAt}" }
  - id: sh
    shell: 'sleep 0.05; printf "%s" "$STARTED"'
  - id: each
    foreach:
      items: ["\${run.startedAt}"]
      steps:
        - id: item
          stub: { output: "\${item}" }
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  const started = events.find((e): e is Extract<RunEvent, { type: 'run.started' }> => e.type === 'run.started')!;
  assert.equal(finished(events, 'stub').output, `${fin.runId} info ${started.ts}`);
  assert.equal(finished(events, 'sh').output, String(started.ts));
  assert.equal(finished(events, 'each/0/item').output, String(started.ts));
});
