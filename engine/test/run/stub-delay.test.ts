// A stub's templated `delay` (`delay: ${inputs.d}`) that is not a duration fails the step before it
// starts, as a bad templated `timeout` does (docs/engine.md, "Failure, skips, time"): no
// step.started, `attempts: 0`, no retries, and the same words, naming the field and showing the
// value as the policy fields show it. Before, each attempt failed with `stub: bad delay 'soon'`
// (an object shown as `[object Object]`), and `retries` retried a value that could never change
// (`↻ a attempt 1 failed: stub: bad delay 'soon'; retrying in 10ms`). `null` (a template that
// found nothing) is no delay, as `null` is "not set" for the policy fields.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertFailedBeforeStart, finished, run } from './helpers.js';

const MUST = 'must be a duration (seconds, or parts such as 1500ms, 90s, 1h30m)';

test('a bad templated stub delay fails the step before it starts, without retries', async () => {
  const yaml = `inputs:
  d: soon
  o: { type: object, default: { a: 1 } }
  z: { type: number, default: -1 }
  ok: 20ms
steps:
  - id: text
    retries: { max: 2, delay: 10ms }
    continueOnError: true
    stub: { output: x, delay: "\${inputs.d}" }
  - id: object
    continueOnError: true
    stub: { output: x, delay: "\${inputs.o}" }
  - id: negative
    continueOnError: true
    stub: { output: x, delay: "\${inputs.z}" }
  - id: none
    stub: { output: "\${steps.text.status}", delay: "\${inputs.o.missing}" }
  - id: good
    stub: { output: y, delay: "\${inputs.ok}" }
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  const bad: [string, string][] = [
    ['text', `stub: delay ${MUST}, got 'soon'`],
    ['object', `stub: delay ${MUST}, got {"a":1}`],
    ['negative', `stub: delay ${MUST}, got -1`],
  ];
  for (const [p, error] of bad) assertFailedBeforeStart(events, p, error);
  assert.equal(finished(events, 'none').status, 'succeeded');
  assert.equal(finished(events, 'none').output, 'failed');
  assert.equal(finished(events, 'good').status, 'succeeded');
  assert.equal(finished(events, 'good').output, 'y');
});

test('a dry run does not check a templated delay (its value may be a placeholder)', async () => {
  const yaml = `inputs:
  d: { type: string }
steps:
  - id: wait
    stub: { output: x, delay: "\${inputs.d}" }
`;
  const { events, fin } = await run(yaml, { dryRun: true });
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  assert.equal(finished(events, 'wait').status, 'skipped');
  assert.equal(finished(events, 'wait').dryRun, true);
});
