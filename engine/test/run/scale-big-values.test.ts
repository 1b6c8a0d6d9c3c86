// Values too big or too deep for one JSON string. A step's preview, its resume hash and the run's
// outputs were each made with one JSON.stringify of the whole value: a foreach of 17 items of 32 MB
// (one output referenced by every item) is past the 512 MB a string holds, and `parse: json` of a
// document nested 5,000 deep is past JSON.stringify's recursion; either one threw out of the
// scheduler and crashed `weft run` (a stack trace, the record without its end). What an action
// builds rather than streams (a stub's templated output, a parsed document) and a workflow's
// `outputs:` passed the output limit unchecked (a stub held 320 MB). Now: the preview and the hash
// are made in pieces (run/json-pieces.ts), and such outputs fail with the limit's words.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { preview } from '../../src/run/event-fields.js';
import { inputHash } from '../../src/run/history.js';
import type { Instance } from '../../src/run/instance.js';
import type { RunEvent } from '../../src/run/events.js';
import { finished, run, tempDir, weftIn } from './helpers.js';

/** 17 references to one text of 32 M characters: 544 MB as JSON, past V8's longest string (about 512 MB). */
function pastStringLimit(): string[] {
  return new Array<string>(17).fill('a'.repeat(32 * 1024 * 1024));
}

test('the preview of a value past the longest string is its first 4 KB', () => {
  const p = preview(pastStringLimit());
  assert.ok(p !== undefined && p.startsWith('["aaaa') && p.endsWith('…') && Buffer.byteLength(p) <= 4096, p?.slice(0, 40));
});

test('a preview cut from the head of a value masks a secret that spans the cut, after masks that shortened the text before it', () => {
  const secret = 'S3CRET-VALUE-0123456789';
  const redact = (t: string) => t.split(secret).join('***');
  // 300 secrets before the cut shrink the text by 6,000 characters, so the 4 KB kept reaches past the first head.
  const value = { a: `${secret} `.repeat(300) + 'x'.repeat(2000), b: `${'y'.repeat(4080)}${secret}${'z'.repeat(9000)}` };
  const p = preview(value, redact, secret.length)!;
  assert.equal(p, preview(JSON.stringify(value), redact)!, 'the same as the preview of the whole text');
  assert.ok(!p.includes('S3CR') && p.endsWith('…'));
});

test('the resume hash of a config past the longest string is made, in pieces', () => {
  const fake = (config: unknown) =>
    ({ kind: 'stub', inputHash: undefined, order: 0, step: { raw: { stub: { output: '${steps.loop.output}' } } }, frame: { wf: { wiring: { facts: [0], config: [config] }, declaredEnv: {} } } }) as unknown as Instance;
  const small = { output: ['a', 'b'] };
  assert.equal(inputHash(fake(small)), inputHash(fake(structuredClone(small))));
  // It threw `Invalid string length` out of the step's outputs file, crashing the host.
  assert.match(inputHash(fake({ output: pastStringLimit() })), /^[0-9a-f]{32}$/);
});

test("a stub whose templated output passes the output limit fails with the limit's words", async () => {
  const r = await run(
    [
      'steps:',
      '  - { id: a, shell: "head -c 600 /dev/zero | tr \'\\\\0\' x" }',
      '  - { id: twice, stub: { output: "${steps.a.output}${steps.a.output}" } }',
      '  - { id: after, stub: { output: done } }',
      '',
    ].join('\n'),
    { maxOutputBytes: 1000 },
  );
  assert.equal(finished(r.events, 'a').status, 'succeeded');
  const t = finished(r.events, 'twice');
  assert.equal(t.status, 'failed');
  assert.equal(t.error, 'stub: the output passed 1000 bytes, the most a step may hold; write large data to a file and pass its path instead');
  assert.equal(r.fin.status, 'failed');
});

test("outputs that pass the output limit together fail the run, naming the output that passed it", async () => {
  const r = await run(
    ['steps:', '  - { id: a, shell: "head -c 600 /dev/zero | tr \'\\\\0\' x" }', 'outputs:', '  first: ${steps.a.output}', '  second: ${steps.a.output}', ''].join('\n'),
    { maxOutputBytes: 1000 },
  );
  assert.equal(r.fin.status, 'failed');
  assert.equal(r.fin.error, "output 'second': the outputs passed 1000 bytes, the most a step may hold; write large data to a file and pass its path instead");
  assert.equal((r.fin.outputs as Record<string, unknown>).first, 'x'.repeat(600));
  assert.equal((r.fin.outputs as Record<string, unknown>).second, null);
});

test('`weft run` of a step whose parsed JSON nests 5,000 deep fails the step and ends its record', { timeout: 60_000 }, () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'deep.json'), '['.repeat(5000) + ']'.repeat(5000));
  fs.writeFileSync(
    path.join(dir, 'w.weft.yaml'),
    ['steps:', '  - { id: deep, continueOnError: true, shell: { run: cat deep.json, parse: json } }', '  - { id: after, needs: deep, stub: { output: "${steps.deep.status}" } }', ''].join('\n'),
  );
  const r = weftIn(dir, 'run', 'w.weft.yaml', '--json', '--runs-dir', 'runs');
  assert.doesNotMatch(r.stderr, /RangeError|call stack/);
  const events = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as RunEvent);
  assert.equal(finished(events, 'deep').error, "shell: the output is nested more than 1000 levels deep, deeper than a run's record can hold");
  assert.equal(finished(events, 'after').output, 'failed');
  assert.equal(events.at(-1)?.type, 'run.finished');
  assert.equal(r.code, 0);
});
