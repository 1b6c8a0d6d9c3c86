// The leaf graph behind the critical path and the file-race check knows that a foreach waits for what
// its body reads or needs outside it (language spec 3.2; the run holds it, run/foreach-gates.ts): every
// step of the body comes after such a step. The critical path left that step out, and a file read in
// the body raced a write the run always finished first.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';

describe('a foreach after the steps its body reads outside it', () => {
  it('the critical path runs through such a step into the body', () => {
    const a = analyseText(`steps:
  - id: a
    stub: { output: A }
  - id: loop
    foreach:
      items: [1]
      steps:
        - { id: x, stub: { output: X } }
        - { id: w, stub: { output: "\${steps.x.output}" } }
        - { id: v, needs: w, stub: { output: V } }
        - { id: y, stub: { output: "\${steps.a.output}" } }
`, 'gate.weft.yaml', { durations: new Map([['a', 300], ['loop/x', 100], ['loop/w', 100], ['loop/v', 100], ['loop/y', 10]]) });
    assert.deepEqual(a.diagnostics, []);
    assert.deepEqual(a.criticalPath.map((s) => s.path), ['a', 'loop/x', 'loop/w', 'loop/v']);
  });

  it('a file the body reads does not race a write of such a step', () => {
    const a = analyseText(`steps:
  - id: a
    file: { action: write, path: out.txt, content: hi }
  - id: loop
    foreach:
      items: [1]
      steps:
        - id: x
          file: { action: read, path: out.txt }
        - id: y
          stub: { output: "\${steps.a.output}" }
`, 'race.weft.yaml');
    assert.deepEqual(a.diagnostics, []);
  });

  it('a parallel block is not held: its branches race such a write', () => {
    const a = analyseText(`steps:
  - id: a
    file: { action: write, path: out.txt, content: hi }
  - id: par
    parallel:
      - id: x
        file: { action: read, path: out.txt }
      - id: y
        stub: { output: "\${steps.a.output}" }
`, 'race.weft.yaml');
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['file-race', 'file-race']);
  });
});
