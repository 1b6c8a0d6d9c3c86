// Which run a Cancel means (cancel-target.ts). Found in code-server: with a long run of cancel.weft.yaml
// live and a newer run of another file finished, the editor title's stop button on cancel.weft.yaml
// (weft.cancel with the editor's Uri) answered true and cancelled nothing: the Uri was read as "the
// newest run", which had already finished (and with both live it stopped the other file's run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runToCancel, sameFile } from '../../src/commands/cancel-target.js';

const live = [
  { runId: 'new', file: '/w/short.weft.yaml' },
  { runId: 'old', file: '/w/long.weft.yaml' },
];

test('a file means the newest live run of that file, not the newest run', () => {
  assert.equal(runToCancel(live, { file: '/w/long.weft.yaml' }), 'old');
  assert.equal(runToCancel(live, { file: '/w/short.weft.yaml' }), 'new');
  assert.equal(runToCancel([{ runId: 'b', file: '/w/x.weft.yaml' }, { runId: 'a', file: '/w/x.weft.yaml' }], { file: '/w/x.weft.yaml' }), 'b');
});

test('a file with no live run of its own cancels nothing', () => {
  assert.equal(runToCancel(live, { file: '/w/other.weft.yaml' }), undefined);
  assert.equal(runToCancel([], { file: '/w/long.weft.yaml' }), undefined);
});

test('a run id means that run while it is live; nothing means the newest live run', () => {
  assert.equal(runToCancel(live, { runId: 'old' }), 'old');
  assert.equal(runToCancel(live, { runId: 'finished' }), undefined);
  assert.equal(runToCancel(live, undefined), 'new');
  assert.equal(runToCancel([], undefined), undefined);
});

test('paths compare resolved, and case-blind on Windows only', () => {
  assert.ok(sameFile('/w/./a/../long.weft.yaml', '/w/long.weft.yaml', 'linux'));
  assert.ok(!sameFile('/w/Long.weft.yaml', '/w/long.weft.yaml', 'linux'));
  assert.ok(sameFile('c:\\w\\long.weft.yaml', 'C:\\w\\long.weft.yaml', 'win32'));
  assert.equal(runToCancel([{ runId: 'r', file: 'C:\\w\\long.weft.yaml' }], { file: 'c:\\w\\long.weft.yaml' }, 'win32'), 'r');
});
