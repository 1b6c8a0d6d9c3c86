// The ready queue (run/ready-queue.ts): pops by longest remaining path, then file order, then
// creation order, whatever the push order, across growth of its key arrays, and drains.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReadyQueue, type Queued } from '../../src/run/ready-queue.js';
import { rng } from '../../../test/support/prng.js';

interface Item extends Queued {
  priority: number;
}
const cmp = (a: Item, b: Item) => b.priority - a.priority || a.order - b.order || a.seq - b.seq;
const queue = () => new ReadyQueue<Item>((x) => x.priority);

test('pops in priority, then order, then seq order, interleaved with pushes (random, with ties)', () => {
  const r = rng(3);
  for (let round = 0; round < 20; round++) {
    const q = queue();
    const ref: Item[] = [];
    let seq = 0;
    for (let k = 0; k < 2000; k++) {
      if (r() < 0.6 || ref.length === 0) {
        // Few distinct values, so that every tie-break is exercised; fractional priorities too.
        const item = { priority: Math.floor(r() * 5) + (r() < 0.2 ? 0.5 : 0), order: Math.floor(r() * 4), seq: seq++ };
        q.push(item);
        ref.push(item);
      } else {
        ref.sort(cmp);
        assert.equal(q.pop(), ref.shift());
      }
      assert.equal(q.size, ref.length);
    }
    ref.sort(cmp);
    while (ref.length) assert.equal(q.pop(), ref.shift());
    assert.equal(q.pop(), undefined);
    assert.equal(q.size, 0);
  }
});

test('grows past its initial capacity and drains everything at once', () => {
  const q = queue();
  for (let i = 0; i < 1000; i++) q.push({ priority: 1, order: 1000 - i, seq: i });
  assert.equal(q.size, 1000);
  assert.equal(q.pop()!.order, 1);
  const rest = q.drain();
  assert.equal(rest.length, 999);
  assert.equal(q.size, 0);
  assert.equal(q.pop(), undefined);
  q.push({ priority: 2, order: 0, seq: 0 });
  assert.equal(q.pop()!.priority, 2);
});
