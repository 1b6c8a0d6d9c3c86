// Plain lines (`weft run` into a pipe): a step.log chunk is written to stdout in one write, however
// many lines it holds. Node queues what a pipe does not take at once, one entry per write, each
// with its own overhead; behind a reader slower than the step (`weft run x | less`), a step that
// printed 1.5 million short lines (`seq 1 1500000`, 10 MB) grew `weft run` by 400 MB more than the
// same run into a file, one queued write per line. The text written is the same as before.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlainPrinter } from '../../src/cli/render/plain.js';
import type { RunEvent } from '../../src/run/events.js';

const R = { runId: 'r1', ts: 1 };

test('a log chunk of many lines is one write, each line prefixed with the step path', () => {
  const out: string[] = [];
  const p = new PlainPrinter((s) => out.push(s));
  const many = Array.from({ length: 1000 }, (_, i) => String(i + 1)).join('\n');
  const evs: RunEvent[] = [
    { ...R, type: 'step.started', path: 's', attempt: 1, kind: 'shell' },
    { ...R, type: 'step.log', path: 's', stream: 'stdout', text: `${many}\n1001` },
    { ...R, type: 'step.log', path: 's', stream: 'stdout', text: '-end\n' },
    { ...R, type: 'step.log', path: 's', stream: 'stderr', text: 'no newline' },
    { ...R, type: 'step.finished', path: 's', status: 'succeeded', durationMs: 5, attempts: 1, output: 'x', kind: 'shell' },
  ];
  const writes: number[] = [];
  for (const e of evs) {
    const before = out.length;
    p.event(e);
    writes.push(out.length - before);
  }
  assert.deepEqual(writes, [1, 1, 1, 0, 2], 'one write per chunk with whole lines (the finish writes the held line, then its own)');
  const lines = out.join('').split('\n');
  assert.equal(lines[0], '▶ s started');
  assert.deepEqual(lines.slice(1, 1001), Array.from({ length: 1000 }, (_, i) => `  s | ${i + 1}`));
  assert.deepEqual(lines.slice(1001), ['  s | 1001-end', '  s | no newline', '✓ s succeeded in 5ms → x', '']);
});
