// The step output editor (step-output-text.ts) for a step that printed a NUL byte (`printf 'a\0b'`,
// a binary file cat'ed, `find -print0`): VS Code refuses a document whose first bytes hold a NUL as
// binary, so Show Step Output failed with "File seems to be binary and cannot be opened as text"
// (seen in code-server, hunt-runs.vscode.ts). The text shows each NUL as the symbol ␀ and says so.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepOutputText } from '../../src/commands/step-output-text.js';
import type { StepOutputFile } from '../../../engine/src/run/records.js';

const file = (output: unknown, more: Partial<StepOutputFile> = {}): StepOutputFile => ({ path: 's', kind: 'shell', status: 'succeeded', output, error: null, attempts: 1, durationMs: 5, ...more });

test('a NUL in the output, preview, log, stderr or error is shown as ␀, never as a NUL byte', () => {
  const step = { path: 's', status: 'succeeded', attempt: 1, logTail: '' };
  const full = stepOutputText(step, file('head\0tail'));
  assert.ok(!full.includes('\0'), JSON.stringify(full));
  assert.match(full, /head␀tail/);
  assert.match(full, /NUL/, 'the text says what ␀ stands for');
  const failed = stepOutputText({ path: 's', status: 'failed', attempt: 1, error: 'exit code 1: x\0y', output: 'p\0q', logTail: 'l\0m' }, file(null, { stderr: 'e\0f' }));
  assert.ok(!failed.includes('\0'), JSON.stringify(failed));
  for (const part of ['x␀y', 'p␀q', 'l␀m', 'e␀f']) assert.ok(failed.includes(part), part);
});

test('an output without NUL is shown as it is, with no note', () => {
  const text = stepOutputText({ path: 's', status: 'succeeded', attempt: 1, logTail: '' }, file('plain ␀ text'));
  assert.equal(text, '# s — succeeded\n\nplain ␀ text\n');
});
