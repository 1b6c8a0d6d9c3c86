// The one-line forms that hovers, completion details and code lenses show (services/one-line.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeSpanText, jsonPreview, shorten } from '../../src/services/one-line.js';

test('shorten puts a text on one line and cuts it at max characters with an ellipsis', () => {
  assert.equal(shorten('  echo a\n\techo   b  '), 'echo a echo b');
  const long = shorten('x'.repeat(100), 10);
  assert.equal(long, 'xxxxxxxxx…');
  assert.equal(long.length, 10);
  assert.equal(shorten('x'.repeat(10), 10), 'x'.repeat(10));
});

test('jsonPreview tells a text from a number and shows objects as JSON', () => {
  assert.equal(jsonPreview('3'), '"3"');
  assert.equal(jsonPreview(3), '3');
  assert.equal(jsonPreview({ a: [1, 2] }), '{"a":[1,2]}');
  assert.equal(jsonPreview(undefined), 'undefined');
  assert.equal(jsonPreview('a\nb'), '"a\\nb"');
  assert.equal(jsonPreview('y'.repeat(50), 20).length, 20);
});

test('codeSpanText keeps a backtick from closing a markdown code span', () => {
  assert.equal(codeSpanText('echo `date`'), "echo 'date'");
});
