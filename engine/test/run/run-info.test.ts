// `${run.id}`, `${run.workflow}` and `${run.startedAt}` are those of the run.started event, in the
// workflow's env, in steps, and in foreach items alike. `run.startedAt` is ISO 8601 text (as the hover
// says, and as Argo's `workflow.creationTimestamp`, which the analyser maps to it), not the event's
// milliseconds.
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
  const iso = new Date(started.ts).toISOString();
  assert.match(iso, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(finished(events, 'stub').output, `${fin.runId} info ${iso}`);
  assert.equal(finished(events, 'sh').output, iso);
  assert.equal(finished(events, 'each/0/item').output, iso);
});

test('run.startedAt is one text for a whole run, and compares in time order as text', async () => {
  const { events, fin } = await run(`name: order
steps:
  - id: same
    stub: { output: "\${run.startedAt == run.startedAt && run.startedAt < '9999' && run.startedAt > '2000'}" }
`);
  assert.equal(fin.status, 'succeeded');
  assert.equal(finished(events, 'same').output, 'true');
});
