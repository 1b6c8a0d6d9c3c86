// Plain lines (`weft run` into a pipe or a CI log) of a step that prints one long line without a
// newline (a minified document, a progress bar redrawn with `\r`): the printer held what followed
// the last newline as one string, joined each new chunk to it and split it again, so the work grew
// with the square of the line: 50 MB in 64 KB chunks took 16 s (the run's own events waited
// meanwhile, so the step's durationMs said 16 s too; the engine alone took 0.5 s). Measured here by
// the characters the printer splits, not by time: each piece of text is scanned a bounded number
// of times.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlainPrinter } from '../../src/cli/render/plain.js';
import type { RunEvent } from '../../src/run/events.js';

const R = { runId: 'r1', ts: 1 };

test('a long line arriving in many chunks is scanned in linear work and printed once, whole', () => {
  const out: string[] = [];
  const p = new PlainPrinter((s) => out.push(s));
  const chunks = 400;
  const chunk = 'a'.repeat(1000);
  const split = String.prototype.split;
  let scanned = 0;
  String.prototype.split = function (this: string, ...args: Parameters<typeof split>) {
    scanned += this.length;
    return split.apply(this, args);
  } as typeof split;
  try {
    p.event({ ...R, type: 'step.started', path: 's', attempt: 1, kind: 'shell' });
    for (let i = 0; i < chunks; i++) p.event({ ...R, type: 'step.log', path: 's', stream: 'stdout', text: chunk });
    p.event({ ...R, type: 'step.log', path: 's', stream: 'stdout', text: 'end\nnext' });
    p.event({ ...R, type: 'step.finished', path: 's', status: 'succeeded', durationMs: 5, attempts: 1, output: 'x', kind: 'shell' } as RunEvent);
  } finally {
    String.prototype.split = split;
  }
  const total = chunks * chunk.length + 'end\nnext'.length;
  // Before: every chunk split the whole line so far, 80 million characters for this 400 KB.
  assert.ok(scanned <= 2 * total, `split ${scanned} characters for ${total} of text`);
  const text = out.join('');
  assert.equal(text, `▶ s started\n  s | ${chunk.repeat(chunks)}end\n  s | next\n✓ s succeeded in 5ms → x\n`);
});
