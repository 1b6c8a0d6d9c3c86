// Which run the palette's Re-run Failed Steps (Resume) means (resume-target.ts). Found reading the
// command in QA: given no run it took the newest run of any status and file, so with a failed run of
// the file being edited and a newer succeeded run of another, it "resumed" the succeeded one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runToResume } from '../../src/commands/resume-target.js';

const runs = [
  { runId: 'live', file: '/w/a.weft.yaml', status: 'running' },
  { runId: 'ok', file: '/w/b.weft.yaml', status: 'succeeded' },
  { runId: 'bFailed', file: '/w/b.weft.yaml', status: 'failed' },
  { runId: 'aCancelled', file: '/w/a.weft.yaml', status: 'cancelled' },
  { runId: 'aFailed', file: '/w/a.weft.yaml', status: 'failed' },
];

test('the newest failed or cancelled run of the active editor\'s file', () => {
  assert.equal(runToResume(runs, '/w/a.weft.yaml'), 'aCancelled');
  assert.equal(runToResume(runs, '/w/b.weft.yaml'), 'bFailed');
});

test('else the newest failed or cancelled run of any file; never a succeeded or live one', () => {
  assert.equal(runToResume(runs, '/w/c.weft.yaml'), 'bFailed');
  assert.equal(runToResume(runs), 'bFailed');
  assert.equal(runToResume(runs.slice(0, 2)), undefined);
  assert.equal(runToResume([]), undefined);
});
