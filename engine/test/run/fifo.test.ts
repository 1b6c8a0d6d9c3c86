// The scheduler's reusable FIFO (run/fifo.ts): order kept across emptying, compaction and draining.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Fifo } from '../../src/run/fifo.js';

test('first in, first out, across emptying and refilling', () => {
  const q = new Fifo<number>();
  assert.equal(q.shift(), undefined);
  assert.equal(q.first(), undefined);
  assert.equal(q.last(), undefined);
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 5; i++) q.push(i);
    assert.equal(q.size, 5);
    assert.equal(q.first(), 0);
    assert.equal(q.last(), 4);
    for (let i = 0; i < 5; i++) assert.equal(q.shift(), i);
    assert.equal(q.size, 0);
  }
});

test('a queue that never empties keeps its order through compaction', () => {
  const q = new Fifo<number>();
  let next = 0;
  let expect = 0;
  for (let i = 0; i < 100; i++) q.push(next++);
  for (let k = 0; k < 10_000; k++) {
    q.push(next++);
    assert.equal(q.shift(), expect++);
    assert.equal(q.size, 100);
    assert.equal(q.first(), expect);
    assert.equal(q.last(), next - 1);
  }
  assert.deepEqual(q.drain(), Array.from({ length: 100 }, (_, i) => expect + i));
  assert.equal(q.size, 0);
  q.push(7);
  assert.equal(q.shift(), 7);
});
