// Durations (language spec section 1): seconds as a number, or `<n><unit>` parts with ms, s, m, h.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDuration, parseDuration } from '../../src/model/duration.js';

describe('parseDuration', () => {
  const accepted: [unknown, number][] = [
    ['30s', 30_000],
    ['1500ms', 1500],
    ['1h30m', 5_400_000],
    ['90s', 90_000],
    ['2h0m0s', 7_200_000],
    ['1.5s', 1500],
    [' 2m ', 120_000],
    ['90', 90_000],
    ['0', 0],
    [90, 90_000],
    [0.5, 500],
    [0, 0],
  ];
  for (const [value, ms] of accepted) {
    it(`${JSON.stringify(value)} is ${ms} ms`, () => assert.equal(parseDuration(value), ms));
  }

  const rejected: unknown[] = ['', '  ', 'abc', '10x', 's', '1h 30m', '1.5.3s', '5M', '-5s', '30 s', -5, NaN, Infinity, null, undefined, true, {}, []];
  for (const value of rejected) {
    it(`rejects ${typeof value === 'number' ? String(value) : JSON.stringify(value)}`, () => assert.equal(parseDuration(value), undefined));
  }
});

describe('formatDuration', () => {
  const cases: [number, string][] = [
    [0, '0ms'],
    [500, '500ms'],
    [1500, '1.5s'],
    [59_000, '59s'],
    [60_000, '1m'],
    [90_000, '1m30s'],
    [3_600_000, '1h'],
    [5_400_000, '1h30m'],
    [119_600, '2m'],
    [3_599_700, '1h'],
    [3_600_000_000, '1000h'],
  ];
  for (const [ms, text] of cases) it(`${ms} ms is ${text}`, () => assert.equal(formatDuration(ms), text));

  it('round-trips through parseDuration', () => {
    for (const ms of [1500, 90_000, 5_400_000, 3_661_000]) assert.equal(parseDuration(formatDuration(ms)), ms);
  });
});
