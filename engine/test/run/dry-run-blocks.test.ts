// Dry runs of blocks and of resumes (docs/engine.md, "Dry run"). A block's output in a dry run is
// composed of its steps' placeholders, so that a `workflow` step shows the called file's outputs
// (`{"greeting": "<steps.hi.output>"}`) and `${steps.call.output.greeting}` shows a placeholder;
// blocks end dry-skipped like their steps. Before, a called file's outputs were filled with its
// steps' configurations (a shell command where its output goes), and a step reading a field of a
// block's output got the command text or nothing. `--dry-run --resume` shows what the resume would
// do: steps that succeeded in the earlier run reused (with their outputs), the rest dry-run; it
// showed every step dry-skipped.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { finished, run, tempDir } from './helpers.js';

const CHILD = `inputs:
  who: world
outputs:
  greeting: \${steps.hi.output}
steps:
  - id: hi
    shell: 'touch ran-child; echo hello \${inputs.who}'
`;

test('a dry run shows block outputs as their steps\' placeholders; blocks are dry-skipped', async () => {
  const dir = tempDir('weft-dry-blocks-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), CHILD);
  const yaml = `outputs:
  said: \${steps.call.output.greeting}
steps:
  - id: first
    shell: 'touch ran; echo one'
  - id: call
    workflow: { path: ./child.weft.yaml, inputs: { who: "\${steps.first.output}" } }
  - id: after
    stub: { output: "got \${steps.call.output.greeting}" }
  - id: par
    parallel:
      - id: a
        shell: 'touch ran; echo a'
      - id: b
        stub: { output: B }
  - id: each
    foreach:
      items: \${steps.par.output.a}
      steps:
        - id: x
          shell: 'touch ran; echo \${item}'
`;
  const { events, fin, runsDir } = await run(yaml, { dir, dryRun: true });
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  assert.equal(fs.existsSync(path.join(dir, 'ran')) || fs.existsSync(path.join(dir, 'ran-child')), false, 'nothing ran');
  assert.equal(fs.existsSync(runsDir), false, 'no record');
  const call = finished(events, 'call');
  assert.equal(call.status, 'skipped');
  assert.equal(call.dryRun, true);
  assert.equal(call.output, '{"greeting":"<steps.hi.output>"}');
  assert.equal(finished(events, 'call/hi').output, 'touch ran-child; echo hello <steps.first.output>');
  assert.equal(finished(events, 'after').output, '{"output":"got <steps.hi.output>"}');
  assert.equal(finished(events, 'par').output, '{"a":"<steps.a.output>","b":"<steps.b.output>"}');
  assert.equal(finished(events, 'par').dryRun, true);
  assert.equal(finished(events, 'each/0/x').output, 'touch ran; echo <item of <steps.a.output>>', 'one symbolic iteration');
  assert.equal(finished(events, 'each').output, '["<steps.x.output>"]');
  assert.deepEqual(fin.outputs, { said: '<steps.hi.output>' });
  assert.deepEqual(fin.counts, { skipped: 6 }, 'leaf steps only');
});

test('--dry-run --resume reuses what succeeded in the earlier run and dry-runs the rest', async () => {
  const dir = tempDir('weft-dry-resume-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), CHILD);
  const yaml = `config: { continueOnError: true }
steps:
  - id: a
    shell: echo A
  - id: flaky
    shell: 'test -f fixed || exit 3; echo fixed'
  - id: uses_both
    stub: { output: "\${steps.a.output} \${steps.flaky.output}" }
  - id: call
    workflow: { path: ./child.weft.yaml, inputs: { who: "\${steps.a.output}" } }
`;
  const first = await run(yaml, { dir });
  assert.equal(finished(first.events, 'flaky').status, 'failed');
  fs.rmSync(path.join(dir, 'ran-child'));
  const runs = () => fs.readdirSync(first.runsDir).filter((f) => f.endsWith('.jsonl')).length;
  const before = runs();
  const dry = await run(yaml, { dir, dryRun: true, resume: 'last' });
  assert.equal(dry.events[0].type === 'run.started' && dry.events[0].resumedFrom, first.fin.runId);
  const a = finished(dry.events, 'a');
  assert.deepEqual([a.status, a.reused, a.dryRun, a.output], ['succeeded', true, undefined, 'A']);
  const flaky = finished(dry.events, 'flaky');
  assert.deepEqual([flaky.status, flaky.dryRun], ['skipped', true], 'what failed would run again');
  assert.equal(finished(dry.events, 'uses_both').output, '{"output":"A <steps.flaky.output>"}');
  assert.equal(finished(dry.events, 'call/hi').reused, true, 'a called file\'s steps are reused too');
  const call = finished(dry.events, 'call');
  assert.deepEqual([call.status, call.dryRun, call.output], ['succeeded', undefined, '{"greeting":"hello A"}'], 'a block whose steps were all reused');
  assert.equal(fs.existsSync(path.join(dir, 'ran-child')), false, 'nothing ran');
  assert.equal(runs(), before, 'a dry run writes no record');
});
