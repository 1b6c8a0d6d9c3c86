// The step output editor's bytes (output-bytes.ts). Found by reading steps.ts: stat built a step's
// output text and cached it, readFile built it again, later stats gave the cached (stale) size of a
// step still running, and every output ever shown stayed cached for the whole session; stat's mtime
// was Date.now(), so VS Code read an open document again after each stat. The call order below is what code-server 1.100 was seen doing when the output editor opens.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OutputBytes } from '../../src/commands/output-bytes.js';

/** A step's output as it grows while the step runs: each build sees one more line. */
function growing(): { build: () => Promise<Uint8Array>; calls: () => number } {
  let n = 0;
  return { build: async () => Buffer.from('line\n'.repeat(++n)), calls: () => n };
}
const flush = () => new Promise<void>((r) => setImmediate(r));

test('an open (readFile and stat at once, then stat) builds once, every call sees the same bytes, none kept after', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const b = new OutputBytes(2000);
  const out = growing();
  const [read, stat] = await Promise.all([b.read('u', out.build), b.stat('u', out.build)]);
  const stat2 = await b.stat('u', out.build);
  assert.equal(out.calls(), 1, 'built once');
  assert.equal(stat.bytes.byteLength, read.byteLength, 'stat agrees with what readFile gave');
  assert.equal(stat2.bytes, read);
  // The same mtime for both stats: a changed one makes VS Code read the open document again.
  assert.equal(stat2.mtime, stat.mtime);
  t.mock.timers.tick(1999);
  assert.equal(b.heldCount, 1);
  t.mock.timers.tick(1);
  assert.equal(b.heldCount, 0, 'nothing stays in memory once the open is over');
});

test('stat first, then readFile: built once too', async () => {
  const b = new OutputBytes();
  const out = growing();
  const stat = await b.stat('u', out.build);
  assert.equal(await b.read('u', out.build), stat.bytes);
  assert.equal(b.builds, 1);
});

test('a running step: each later open measures and reads its output as it is then, never an earlier size', async (t) => {
  t.mock.timers.enable({ apis: ['setTimeout'] });
  const b = new OutputBytes(2000);
  const out = growing();
  for (let open = 1; open <= 3; open++) {
    const [read, stat] = await Promise.all([b.read('u', out.build), b.stat('u', out.build)]);
    assert.equal(read.byteLength, 5 * open, `open ${open} reads the output grown so far`);
    assert.equal(stat.bytes.byteLength, read.byteLength);
    await flush();
    t.mock.timers.tick(2000);
  }
  // A second readFile (a revert) within the window reads afresh, and the stats after it agree with it.
  await b.read('u', out.build);
  const again = await b.read('u', out.build);
  assert.equal(again.byteLength, 25);
  assert.equal((await b.stat('u', out.build)).bytes.byteLength, 25);
});

test('documents are kept apart', async () => {
  const b = new OutputBytes();
  const x = growing(), y = growing();
  await b.stat('x', x.build);
  assert.equal((await b.read('y', y.build)).byteLength, 5);
  assert.equal((await b.read('x', x.build)).byteLength, 5);
  assert.deepEqual([x.calls(), y.calls()], [1, 1]);
});

test('a run deleted: the failed build is not kept, and the next call tries again', async () => {
  const b = new OutputBytes();
  let gone = true;
  const build = async () => { if (gone) throw new Error('FileNotFound'); return Buffer.from('x'); };
  await assert.rejects(Promise.all([b.read('u', build), b.stat('u', build)]), /FileNotFound/);
  await flush();
  assert.equal(b.builds, 1, 'the concurrent stat shared the failing build');
  assert.equal(b.heldCount, 0);
  gone = false;
  assert.equal((await b.stat('u', build)).bytes.byteLength, 1);
});

test('forget: the next call builds afresh, with a later mtime even within one millisecond', async () => {
  const b = new OutputBytes();
  const out = growing();
  const first = await b.stat('u', out.build);
  b.forget('u');
  const second = await b.stat('u', out.build);
  assert.equal(b.builds, 2);
  assert.ok(second.bytes.byteLength > first.bytes.byteLength, 'the grown text');
  assert.ok(second.mtime > first.mtime, 'VS Code reloads an open document only when its mtime moved');
  assert.equal(b.heldCount, 1);
});
