// A step's `timeout`, `retries` and `continueOnError` may be templates (the schema's duration,
// retries and boolOrTemplate; language spec 4: a template may appear in any string value), and so
// may a block's `continueOnError` inside `parallel:` / `foreach:` and those of `config:`. The run
// evaluates a step's when it is gated, with the step's scope, and a file's config with its inputs
// and env; a value of the wrong kind fails the step (or keeps the run from starting).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { InputError } from '../../src/run/index.js';
import { finished, run, tempDir } from './helpers.js';

test('templated timeout, retries and continueOnError of a step take effect', { timeout: 30_000 }, async () => {
  const yaml = `inputs:
  t: { type: string, default: 300ms }
  n: { type: number, default: 2 }
  lenient: { type: boolean, default: true }
  policy: { type: object, default: { max: 1, delay: 10ms } }
steps:
  - id: slow
    timeout: \${inputs.t}
    continueOnError: true
    shell: sleep 20
  - id: flaky
    retries: \${inputs.n}
    continueOnError: true
    shell: exit 3
  - id: flaky2
    retries: { max: "\${inputs.n}", delay: 10ms, backoff: fixed }
    continueOnError: true
    shell: exit 4
  - id: flaky3
    retries: \${inputs.policy}
    continueOnError: true
    shell: exit 5
  - id: lenient
    continueOnError: \${inputs.lenient}
    shell: exit 6
  - id: after
    needs: [slow, flaky, flaky2, flaky3, lenient]
    stub: { output: done }
`;
  const { events, fin } = await run(yaml);
  assert.equal(finished(events, 'slow').error, 'timed out after 300ms');
  assert.equal(finished(events, 'flaky').attempts, 3);
  assert.equal(finished(events, 'flaky2').attempts, 3);
  assert.equal(finished(events, 'flaky3').attempts, 2);
  assert.equal(finished(events, 'lenient').status, 'failed');
  assert.equal(finished(events, 'after').status, 'succeeded', 'a templated continueOnError: true lets the run go on');
  assert.equal(fin.status, 'succeeded');
});

test('a templated continueOnError that yields false keeps fail-fast; text true/false counts', { timeout: 30_000 }, async () => {
  const yaml = `inputs:
  soft: { type: string, default: "true" }
  hard: { type: boolean, default: false }
steps:
  - id: soft
    continueOnError: \${inputs.soft}
    shell: exit 1
  - id: hard
    needs: soft
    continueOnError: \${inputs.hard}
    shell: exit 2
  - id: never
    needs: hard
    stub: true
`;
  const { events, fin } = await run(yaml);
  assert.equal(finished(events, 'soft').status, 'failed');
  assert.equal(finished(events, 'hard').status, 'failed');
  assert.equal(finished(events, 'never').status, 'skipped');
  assert.equal(fin.status, 'failed');
  assert.match(fin.error!, /^hard failed: exit code 2/);
});

test('a templated continueOnError inside parallel: and foreach: sets the policy of the block', { timeout: 30_000 }, async () => {
  const yaml = `inputs:
  lenient: { type: boolean, default: true }
steps:
  - id: par
    parallel:
      continueOnError: \${inputs.lenient}
      branches:
        a: [ { id: a1, shell: exit 1 } ]
        b: [ { id: b1, stub: { output: b } } ]
  - id: each
    foreach:
      items: [1, 2]
      continueOnError: \${inputs.lenient}
      steps:
        - id: s
          shell: 'test \${item} = 2'
  - id: after
    needs: [par, each]
    stub: { output: done }
`;
  const { events, fin } = await run(yaml);
  assert.equal(finished(events, 'par/a/a1').status, 'failed');
  assert.equal(finished(events, 'each/0/s').status, 'failed');
  assert.equal(finished(events, 'each/1/s').status, 'succeeded');
  assert.equal(finished(events, 'after').status, 'succeeded');
  assert.equal(fin.status, 'succeeded');
});

test('a templated policy of the wrong kind fails the step before it starts, saying which field', { timeout: 30_000 }, async () => {
  const yaml = `inputs:
  t: { type: string, default: soon }
  n: { type: string, default: "2.5" }
  c: { type: string, default: "yes" }
  zero: { type: string, default: 0s }
config:
  continueOnError: true
steps:
  - id: t
    timeout: \${inputs.t}
    shell: echo t
  - id: n
    retries: \${inputs.n}
    shell: echo n
  - id: c
    continueOnError: \${inputs.c}
    shell: echo c
  - id: e
    retries: { max: "\${fromJson(inputs.t)}" }
    shell: echo e
  - id: zero
    timeout: \${inputs.zero}
    shell: echo zero
  - id: par
    parallel:
      continueOnError: \${inputs.c}
      branches:
        a: [ { id: a1, shell: echo a1 } ]
  - id: unrun
    if: false
    foreach:
      items: [1]
      continueOnError: \${steps.nothing_yet.output}
      steps: [ { id: s, shell: echo s } ]
  - id: nothing_yet
    stub: true
`;
  const { events, fin } = await run(yaml);
  const t = finished(events, 't');
  assert.equal(t.status, 'failed');
  assert.equal(t.attempts, 0);
  assert.match(t.error!, /^timeout: .*'soon'/);
  assert.match(finished(events, 'n').error!, /^retries: .*'2\.5'/);
  assert.match(finished(events, 'c').error!, /^continueOnError: .*'yes'/);
  assert.match(finished(events, 'e').error!, /^retries: /, 'an expression that cannot be evaluated names the field too');
  assert.equal(finished(events, 'zero').error, "timeout: must be longer than 0 (a zero timeout would stop it at once), got '0s'", 'as the schema says of a literal one');
  const par = finished(events, 'par');
  assert.equal(par.status, 'failed');
  assert.match(par.error!, /^continueOnError: .*'yes'/);
  assert.equal(finished(events, 'par/a/a1').status, 'skipped', 'the block failed before its children ran');
  assert.equal(finished(events, 'unrun').status, 'skipped', 'a skipped block does not evaluate its policy');
  assert.equal(finished(events, 'unrun/s').status, 'skipped');
  assert.equal(events.filter((e) => e.type === 'step.started' && e.kind !== 'parallel' && e.kind !== 'stub').length, 0, 'none of them started');
  assert.equal(fin.status, 'succeeded');
});

test('templated config.timeout, config.retries and config.continueOnError take effect, also in a called file', { timeout: 30_000 }, async () => {
  const dir = tempDir();
  fs.writeFileSync(
    path.join(dir, 'child.weft.yaml'),
    `inputs:
  lenient: { type: boolean }
config:
  continueOnError: \${inputs.lenient}
  retries: { max: "\${1}", delay: 10ms }
steps:
  - id: bad
    shell: exit 3
  - id: after
    needs: bad
    stub: { output: child-went-on }
`,
  );
  const yaml = `inputs:
  t: { type: string, default: 3s }
  lenient: { type: boolean, default: true }
  n: { type: number, default: 1 }
config:
  timeout: \${inputs.t}
  continueOnError: \${inputs.lenient}
  retries: { max: "\${inputs.n}", delay: 10ms }
steps:
  - id: a
    shell: exit 1
  - id: call
    workflow: { path: ./child.weft.yaml, inputs: { lenient: true } }
  - id: slow
    needs: [a, call]
    shell: sleep 20
`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(finished(events, 'a').attempts, 2);
  assert.equal(finished(events, 'call/bad').attempts, 2, "the child's templated config.retries");
  assert.equal(finished(events, 'call/after').output, 'child-went-on', "the child's templated config.continueOnError");
  assert.equal(finished(events, 'slow').status, 'cancelled', 'the templated config.continueOnError let the run reach slow');
  assert.equal(fin.status, 'failed');
  assert.equal(fin.error, 'run timed out after 3s');
});

test('a templated config value of the wrong kind keeps the run from starting, naming the field', { timeout: 30_000 }, async () => {
  const yaml = `inputs:
  t: { type: string, default: soon }
config:
  timeout: \${inputs.t}
steps:
  - id: a
    stub: true
`;
  await assert.rejects(run(yaml), (e: Error) => e instanceof InputError && /^config\.timeout: must be a duration .*'soon'/.test(e.message));
});
