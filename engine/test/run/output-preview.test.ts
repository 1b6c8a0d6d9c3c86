// The `step.finished` output preview: "at most 4 KB of text" (interfaces spec) counted in UTF-8
// bytes, as a reader of the event stream receives it, not in UTF-16 units.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clipBytes } from '../../src/run/redact.js';
import { finished, run } from './helpers.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

test('a preview of non-ASCII output is cut at 4 KB of UTF-8, not at 4,096 characters', async () => {
  const cjk = '漢'.repeat(3000); // 9,000 bytes in 3,000 characters
  const { events } = await run(`steps:\n  - id: big\n    stub: { output: "${cjk}" }\n`);
  const out = finished(events, 'big').output!;
  assert.ok(bytes(out) <= 4096, `${bytes(out)} bytes`);
  assert.ok(out.endsWith('…'));
  assert.equal(out, '漢'.repeat(1364) + '…', 'as much as fits: 1,364 x 3 bytes + the 3-byte ellipsis');
});

test('clipBytes keeps text that fits, to the last byte', () => {
  assert.equal(clipBytes('a'.repeat(4096), 4096), 'a'.repeat(4096));
  assert.equal(clipBytes('é'.repeat(2048), 4096), 'é'.repeat(2048));
  const over = clipBytes('a'.repeat(4097), 4096);
  assert.equal(over, 'a'.repeat(4093) + '…');
  assert.equal(bytes(over), 4096);
});

test('clipBytes never splits a surrogate pair, and counts a lone surrogate as 3 bytes', () => {
  // 4,092 ASCII bytes, then an emoji (4 bytes): it does not fit before the ellipsis, and is dropped whole.
  const cut = clipBytes('a'.repeat(4092) + '😀' + 'b'.repeat(10), 4096);
  assert.equal(cut, 'a'.repeat(4092) + '…');
  const lone = '\ud800'.repeat(1365) + 'x'; // 4,096 bytes as written (U+FFFD each)
  assert.equal(clipBytes(lone, 4096), lone);
  assert.equal(bytes(clipBytes(lone + 'y', 4096)), 4096 - 1);
});

test('clipBytes redacts before it cuts', () => {
  const secret = 'sekret-value-123';
  const text = 'a'.repeat(4090) + secret + 'tail';
  const out = clipBytes(text, 4096, (t) => t.split(secret).join('***'));
  // Cut first, the text would keep 'sek' (the first 3 bytes of the secret) before the `…`.
  assert.equal(out, 'a'.repeat(4090) + '***…', 'the mask is cut, not the secret');
  assert.ok(!out.includes('sek'), 'no start of the secret is left at the cut');
});
