// A dry run needs no input values (interfaces spec: `--dry-run` analyses and plans, resolves what
// can be resolved, and runs no action; docs/engine.md, "Dry run"): a required input that was not
// given shows as `<inputs.NAME>`, as a step's output that a dry run does not have shows as
// `<steps.X.output>`, in the top file's steps and `env:`, through a `workflow` step into the
// called file's typed inputs, and as one symbolic item of a foreach over it. Before, `weft run
// --dry-run` refused such a file with `missing required input` (exit code 2), so the plan of a
// file with required inputs could not be seen without making up values for them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../src/run/index.js';
import { finished, run, tempDir, weftIn } from './helpers.js';

const CHILD = `inputs:
  n: { type: number }
outputs:
  doubled: \${steps.twice.output}
steps:
  - id: twice
    shell: 'touch ran; echo "\${inputs.n} \${inputs.n}"'
`;

const WORKFLOW = `inputs:
  who: { type: string }
  files: { type: array }
  count: { type: number }
  greeting: hello
env:
  WHO: \${inputs.who}
steps:
  - id: hi
    shell: 'touch ran; echo "\${inputs.greeting} \${inputs.who} $WHO"'
  - id: each
    foreach:
      items: \${inputs.files}
      steps:
        - id: size
          shell: 'touch ran; wc -c < "\${item}"'
  - id: call
    workflow: { path: ./child.weft.yaml, inputs: { n: "\${inputs.count}" } }
`;

test('a dry run shows a required input it was not given as <inputs.NAME>', async () => {
  const dir = tempDir('weft-dry-inputs-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), CHILD);
  const { events, fin, runsDir } = await run(WORKFLOW, { dir, dryRun: true });
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  assert.equal(fs.existsSync(path.join(dir, 'ran')), false, 'nothing ran');
  assert.equal(fs.existsSync(runsDir), false, 'no record');
  const started = events.find((e) => e.type === 'run.started');
  assert.deepEqual(started?.type === 'run.started' && started.inputs, { who: '<inputs.who>', files: '<inputs.files>', count: '<inputs.count>', greeting: 'hello' });
  assert.equal(finished(events, 'hi').output, 'touch ran; echo "hello <inputs.who> $WHO"');
  assert.equal(finished(events, 'each/0/size').output, 'touch ran; wc -c < "<item of <inputs.files>>"');
  assert.equal(finished(events, 'call/twice').output, 'touch ran; echo "<inputs.count> <inputs.count>"');
  assert.equal(finished(events, 'call').status, 'skipped');
});

function withChild(): string {
  const dir = tempDir('weft-dry-inputs-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), CHILD);
  return dir;
}

test('a real run still refuses a missing required input, and a dry run a given one of the wrong type', async () => {
  await assert.rejects(run(WORKFLOW, { dir: withChild() }), (e: unknown) => e instanceof InputError && /missing required input 'who'/.test(e.message));
  await assert.rejects(
    run(WORKFLOW, { dir: withChild(), dryRun: true, inputs: { count: 'many' } }),
    (e: unknown) => e instanceof InputError && /input 'count' must be a number/.test(e.message),
  );
  // Text that looks like a dry run's placeholder is still the user's text: checked as any other.
  for (const count of ['abc<f(1)', '<steps.a.output>']) {
    await assert.rejects(
      run(WORKFLOW, { dir: withChild(), dryRun: true, inputs: { count } }),
      (e: unknown) => e instanceof InputError && /input 'count' must be a number/.test(e.message),
      count,
    );
  }
});

test('weft run --dry-run without the required inputs prints the plan and exits 0', () => {
  const dir = tempDir('weft-dry-inputs-');
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), CHILD);
  fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), WORKFLOW);
  const r = weftIn(dir, 'run', 'wf.weft.yaml', '--dry-run');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /○ hi skipped → touch ran; echo "hello <inputs\.who> \$WHO"/);
  assert.equal(fs.existsSync(path.join(dir, 'ran')), false, 'nothing ran');
  const plain = weftIn(dir, 'run', 'wf.weft.yaml');
  assert.equal(plain.code, 2);
  assert.match(plain.stderr, /missing required input 'who' \(pass --input who=\.\.\.\)/);
});
