// The warning for a run whose record is incomplete (commands/record-problem.ts): it names the
// record's path and the engine's reason, once, for a failed record write and for a failed output file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { recordProblemMessage } from '../../src/commands/record-problem.js';

const runsDir = path.join('/w', '.weft', 'runs');
const file = path.join(runsDir, '20260101T000000-ab12.jsonl');

test('a failed record write: the path once, then why', () => {
  const text = recordProblemMessage(runsDir, '20260101T000000-ab12', `writing ${file} failed: no space left on device (ENOSPC)`);
  assert.equal(text, `the record of run 20260101T000000-ab12 is incomplete (${file}): writing it failed: no space left on device (ENOSPC). The run went on; the Runs view, its step outputs and a resume lack what came after.`);
  assert.equal(text.split(file).length - 1, 1, 'the path is named once');
});

test('a failed output file: the record path and the engine\'s reason as given', () => {
  const text = recordProblemMessage(runsDir, '20260101T000000-ab12', "writing the output of step 'big' failed: file too large (EFBIG)");
  assert.ok(text.includes(`(${file})`), text);
  assert.ok(text.includes("writing the output of step 'big' failed: file too large (EFBIG)"), text);
});
