// The server-sent-events reader under the llm step (sse.ts), fed chunk by chunk as a network would
// split a stream: line endings split between chunks, and a line that never ends read in small
// pieces up to the default limit (which must cost time in proportion to its length, not its square).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_MAX_OUTPUT_BYTES } from '../../src/run/actions/output-limit.js';
import { readSse, type SseEvent } from '../../src/run/actions/sse.js';

/** A byte stream delivering `chunks` (strings or a generator of them) one read at a time. */
function stream(chunks: Iterable<string>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.iterator]();
  const enc = new TextEncoder();
  return new ReadableStream<Uint8Array>({
    pull(c) {
      const next = it.next();
      if (next.done) c.close();
      else c.enqueue(enc.encode(next.value));
    },
  });
}

async function events(chunks: Iterable<string>, limit = 1024 * 1024): Promise<SseEvent[]> {
  const out: SseEvent[] = [];
  for await (const ev of readSse(stream(chunks), limit, 'llm: test: the reply')) out.push(ev);
  return out;
}

test('sse: a CRLF split between two chunks is one line ending (was a blank line, splitting the event)', async () => {
  assert.deepEqual(await events(['data: a\r', '\ndata: b\r\n\r\n']), [{ event: 'message', data: 'a\nb' }]);
  assert.deepEqual(await events(['event: x\r', '\r', '\n', 'data: 1\r\r']), [{ event: 'message', data: '1' }], 'CR CR ends the event with no data; the name does not carry over');
  assert.deepEqual(await events(['data: a\n', '\n', 'data:b\r', '\r']), [{ event: 'message', data: 'a' }, { event: 'message', data: 'b' }]);
  assert.deepEqual(await events([': comment\n', 'event: e\ndata\n\n', 'data: last']), [{ event: 'e', data: '' }, { event: 'message', data: 'last' }], 'a field without a colon; an event at the very end');
});

// Rescanning the whole line at each read took 25 s for 8 MB and about half an hour for 64 MB, a core
// busy all along; read once, 64 MB takes well under a second. The stream
// stops after a minute so that the old behaviour fails the test (no rejection) instead of hanging it.
test('sse: a line that never ends, read 1 KB at a time, fails at the default limit without rescanning what it read', { timeout: 120_000 }, async () => {
  const piece = 'x'.repeat(1024);
  const giveUp = Date.now() + 60_000;
  function* endless() {
    yield 'data: ';
    while (Date.now() < giveUp) yield piece;
  }
  await assert.rejects(events(endless(), DEFAULT_MAX_OUTPUT_BYTES), {
    message: 'llm: test: the reply passed 64 MB, the most a step may hold; write large data to a file and pass its path instead',
  });
});

test('sse: invalid UTF-8 becomes U+FFFD, and a character split between two reads is whole (docs/engine.md)', async () => {
  const bytes = [Buffer.from('data: caf'), Buffer.from([0xc3]), Buffer.from([0xa9, 0xff]), Buffer.from('!\n\n')];
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      const next = bytes.shift();
      if (next) c.enqueue(next);
      else c.close();
    },
  });
  const out: SseEvent[] = [];
  for await (const ev of readSse(body, 1024, 'llm: test: the reply')) out.push(ev);
  assert.deepEqual(out, [{ event: 'message', data: 'café\ufffd!' }]);
});
