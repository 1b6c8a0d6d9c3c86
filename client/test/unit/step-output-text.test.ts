// The step output editor (step-output-text.ts). Found in code-server: Show Failed Step on a failed
// shell step opened an editor with the header and nothing else, since its output file says
// `output: null`; the step's log, which says what went wrong, was not shown.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepOutputText } from '../../src/commands/step-output-text.js';
import type { StepOutputFile } from '../../../engine/src/run/records.js';

const file = (output: unknown, more: Partial<StepOutputFile> = {}): StepOutputFile => ({ path: 's', kind: 'shell', status: 'succeeded', output, error: null, attempts: 1, durationMs: 5, ...more });

test('a failed step without output shows its log and the stderr its output file kept', () => {
  const step = { path: 's', status: 'failed', attempt: 1, error: 'exit code 3: oops-err', logTail: 'hello-out\noops-err\n' };
  // As the engine writes it for `echo hello-out; echo oops-err >&2; exit 3`.
  const text = stepOutputText(step, file(null, { status: 'failed', error: 'exit code 3: oops-err', stderr: 'oops-err\n' }));
  assert.match(text, /^# s — failed\n# error: exit code 3: oops-err\n/);
  assert.match(text, /hello-out\noops-err/);
  assert.doesNotMatch(text, /## stderr/, 'stderr already in the log is not repeated');
  // A log lost (a window reloaded: a record run read back keeps it) still has the stderr of its file.
  const bare = stepOutputText({ ...step, logTail: '' }, file(null, { stderr: 'oops-err\n' }));
  assert.match(bare, /## stderr\noops-err/);
});

test('a step with output shows the full output; one with nothing says so', () => {
  const step = { path: 'a/b', status: 'succeeded', attempt: 2, logTail: 'noise' };
  assert.equal(stepOutputText(step, file('full text')), '# a/b — succeeded (attempt 2)\n\nfull text\n');
  assert.equal(stepOutputText(step, file({ x: 1 })), '# a/b — succeeded (attempt 2)\n\n{\n  "x": 1\n}\n');
  assert.match(stepOutputText({ ...step, logTail: '' }, undefined), /\(no output\)/);
  assert.match(stepOutputText({ ...step, logTail: '', output: 'pre' }, undefined), /## output \(preview\)\npre/);
});
