// A resume runs with the inputs of the run it resumes, as GitHub Actions' "re-run failed jobs" and
// Argo's retry keep the run's inputs and parameters: `weft run f --input env=prod` failed, then
// `weft run f --resume last` was refused (missing required input 'env'), and with `--input
// env=prod` alone, `count` fell back to its default: deploy ran again, differently. An input given
// again overrides the recorded one; a recorded value that was masked (a secret) is never taken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../../src/run/index.js';
import { finished, run, tempDir } from './helpers.js';

const yaml = `inputs:
  target: { type: string }
  count: 2
  flags: { type: object, default: {} }
steps:
  - id: deploy
    shell: echo "deploy to \${inputs.target} x\${inputs.count} \${inputs.flags.fast}"
  - id: verify
    shell: '[ -f ok ] && echo "verified \${steps.deploy.output}"'
`;

test('a resume takes the inputs of the run it resumes; an input given again overrides it', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const first = await run(yaml, { dir, inputs: { target: 'prod', count: '5', flags: '{"fast":true}' } });
  assert.equal(first.fin.status, 'failed');
  fs.writeFileSync(path.join(dir, 'ok'), '');
  const second = await run(yaml, { dir, resume: 'last' });
  assert.equal(second.fin.status, 'succeeded');
  const started = second.events[0];
  assert.deepEqual(started.type === 'run.started' && started.inputs, { target: 'prod', count: 5, flags: { fast: true } });
  assert.equal(finished(second.events, 'deploy').reused, true, 'the same inputs: deploy is reused');
  assert.equal(finished(second.events, 'verify').output, 'verified deploy to prod x5 true');
  // Given again: that one changes, the others stay the recorded ones.
  const third = await run(yaml, { dir, resume: 'last', inputs: { count: '7' } });
  assert.equal(finished(third.events, 'deploy').reused, undefined);
  assert.equal(finished(third.events, 'deploy').output, 'deploy to prod x7 true');
});

test('a recorded input the file no longer declares is dropped; a masked one must be given again', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const secretYaml = `inputs:
  target: { type: string }
  password: { type: string }
steps:
  - id: a
    shell: 'exit 1'
`;
  const env = { ...process.env, DB_SECRET: 'hunter2-very-secret' };
  const first = await run(secretYaml, { dir, env, inputs: { target: 'prod', password: 'hunter2-very-secret' } });
  const started = first.events[0];
  assert.equal(started.type === 'run.started' && started.inputs.password, '***', 'the record masks it');
  await assert.rejects(
    run(secretYaml, { dir, env, resume: 'last' }),
    (e: Error) => e instanceof InputError && e.message === `input 'password' of run ${first.fin.runId} is masked in its record (it holds a secret): give it again (--input password=...)`,
  );
  const again = await run(secretYaml.replace('  target: { type: string }\n', ''), { dir, env, resume: 'last', inputs: { password: 'hunter2-very-secret' } });
  assert.equal(again.fin.status, 'failed', 'it ran: target, no longer declared, was dropped');
});
