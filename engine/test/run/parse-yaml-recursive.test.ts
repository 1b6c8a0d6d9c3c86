// A step's `parse: yaml` output with an alias inside the node it names (`a: &x { b: *x }`) is an
// object that contains itself: the step.finished preview threw "Converting circular structure to
// JSON", which crashed `weft run` and ended the run cancelled, whatever the step's continueOnError.
// The step now fails, saying why; an alias that repeats a node elsewhere still reads as data.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { tempDir, weftIn } from './helpers.js';

test('parse: yaml of a recursive alias fails the step, and the run goes on', { timeout: 60_000 }, () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'rec.yaml'), 'a: &x\n  b: *x\n');
  fs.writeFileSync(path.join(dir, 'shared.yaml'), 'a: &x { n: 1 }\nb: *x\n');
  fs.writeFileSync(
    path.join(dir, 'w.weft.yaml'),
    [
      'steps:',
      '  - { id: r, continueOnError: true, file: { action: read, path: rec.yaml, parse: yaml } }',
      '  - { id: sh, continueOnError: true, shell: { run: "cat rec.yaml", parse: yaml } }',
      '  - { id: shared, file: { action: read, path: shared.yaml, parse: yaml } }',
      '  - { id: after, needs: [r, sh], stub: { output: "${steps.r.status} ${steps.sh.status} ${steps.shared.output.b.n}" } }',
      '',
    ].join('\n'),
  );
  const r = weftIn(dir, 'run', 'w.weft.yaml', '--json', '--runs-dir', 'runs');
  assert.doesNotMatch(r.stderr, /TypeError|circular/);
  const events = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string; path?: string; status?: string; error?: string; output?: unknown });
  const finished = (p: string) => events.find((e) => e.type === 'step.finished' && e.path === p);
  for (const p of ['r', 'sh']) {
    assert.equal(finished(p)?.status, 'failed', p);
    assert.equal(finished(p)?.error, 'output is not valid YAML: an alias refers to a node that contains it (a recursive structure), which an output cannot hold', p);
  }
  assert.equal(finished('after')?.output, 'failed failed 1');
  assert.equal(events.at(-1)?.status, 'succeeded');
  assert.equal(r.code, 0, r.stderr);
});
