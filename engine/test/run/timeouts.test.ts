// Per-attempt timeouts (run/timeouts.ts): one timer per distinct duration over a FIFO of deadlines,
// the attempt being its own entry. Checked by firing order and by which entries fire, never by time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cancelTimeout, Timeouts, type TimeoutEntry } from '../../src/run/timeouts.js';

interface E extends TimeoutEntry {
  name: string;
}
const entry = (name: string): E => ({ name, deadline: 0, live: false, queue: undefined });

function collector(expected: number) {
  const fired: string[] = [];
  let resolve!: () => void;
  const all = new Promise<void>((r) => (resolve = r));
  const t = new Timeouts<E>((e, ms) => {
    fired.push(`${e.name}@${ms}`);
    if (fired.length === expected) resolve();
  });
  return { t, fired, all };
}

test('entries of different durations fire in deadline order, each with its duration', async () => {
  const { t, fired, all } = collector(4);
  const now = Date.now();
  t.add(60, entry('a'), now);
  t.add(20, entry('b'), now);
  t.add(40, entry('c'), now);
  t.add(20, entry('d'), now);
  await all;
  assert.deepEqual(fired, ['b@20', 'd@20', 'c@40', 'a@60']);
  t.dispose();
});

test('a cancelled entry never fires; the ones behind it in its queue still do', async () => {
  const { t, fired, all } = collector(2);
  const now = Date.now();
  const [x, y, z] = [entry('x'), entry('y'), entry('z')];
  t.add(30, x, now);
  t.add(30, y, now);
  t.add(30, z, now);
  cancelTimeout(x);
  cancelTimeout(x); // twice is harmless
  assert.equal(x.live, false);
  await all;
  assert.deepEqual(fired, ['y@30', 'z@30']);
  assert.equal(y.live, false, 'a fired entry is no longer live');
  cancelTimeout(y); // cancelling after firing is harmless
  t.dispose();
});

test('10,000 entries, all but every 1,000th cancelled: exactly those fire, in the order added', async () => {
  const { t, fired, all } = collector(10);
  const now = Date.now();
  const es = Array.from({ length: 10_000 }, (_, i) => entry(`e${i}`));
  for (const e of es) t.add(50, e, now);
  es.forEach((e, i) => {
    if (i % 1000 !== 999) cancelTimeout(e);
  });
  await all;
  assert.deepEqual(fired, Array.from({ length: 10 }, (_, k) => `e${k * 1000 + 999}@50`));
  t.dispose();
});

test('nothing fires after dispose', async () => {
  const { t, fired } = collector(1);
  t.add(5, entry('late'));
  t.dispose();
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(fired, []);
});
