// The status bar's context keys (`weft.running`, `weft.runningFiles`) reach VS Code only when their
// value changes: it recomputes them on every store change during a run, and each setContext is a
// round trip to the workbench that re-evaluates the menus' `when` clauses.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ContextKeys } from '../../src/context-keys.js';

function recorder() {
  const calls: [string, unknown][] = [];
  return { calls, keys: new ContextKeys((key, value) => { calls.push([key, value]); }) };
}

test('sets both keys on the first update, then only what changed', () => {
  const { calls, keys } = recorder();
  assert.deepEqual(keys.update([]), { running: false, runningFiles: [] });
  assert.deepEqual(calls, [['weft.running', false], ['weft.runningFiles', []]]);
  calls.length = 0;
  keys.update([]);
  keys.update([]);
  assert.deepEqual(calls, [], 'no run started or ended: nothing set');
  keys.update(['/w/a.weft.yaml']);
  assert.deepEqual(calls, [['weft.running', true], ['weft.runningFiles', ['/w/a.weft.yaml']]]);
  calls.length = 0;
  // A run's steps progress: the store changes many times with the same live runs.
  for (let i = 0; i < 50; i++) keys.update(['/w/a.weft.yaml']);
  assert.deepEqual(calls, []);
  // A second run of the same file: the same files, still running: nothing to set.
  assert.deepEqual(keys.update(['/w/a.weft.yaml', '/w/a.weft.yaml']).runningFiles, ['/w/a.weft.yaml']);
  assert.deepEqual(calls, []);
  // Another file starts: only the list changes.
  keys.update(['/w/a.weft.yaml', '/w/b.weft.yaml']);
  assert.deepEqual(calls, [['weft.runningFiles', ['/w/a.weft.yaml', '/w/b.weft.yaml']]]);
  calls.length = 0;
  keys.update([]);
  assert.deepEqual(calls, [['weft.running', false], ['weft.runningFiles', []]]);
});

test('holds the files as the `resourcePath` key writes them, so `resourcePath in weft.runningFiles` matches', () => {
  // What vscode.Uri.file(f).fsPath does to a drive path on Windows (the status bar passes the real one).
  const fsPath = (f: string) => f.replace(/^([A-Z]):/, (_, d: string) => `${d.toLowerCase()}:`);
  const calls: [string, unknown][] = [];
  const keys = new ContextKeys((key, value) => { calls.push([key, value]); }, fsPath);
  assert.deepEqual(keys.update(['C:\\w\\a.weft.yaml', 'c:\\w\\a.weft.yaml', 'D:\\b.weft.yaml']).runningFiles, ['c:\\w\\a.weft.yaml', 'd:\\b.weft.yaml']);
  assert.deepEqual(calls, [['weft.running', true], ['weft.runningFiles', ['c:\\w\\a.weft.yaml', 'd:\\b.weft.yaml']]]);
});
