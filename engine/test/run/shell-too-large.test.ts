// A shell step whose command or environment is too large for the system to start a process
// (E2BIG: Linux takes at most 128 KB in one argument or variable) fails saying what is too large and
// what to do, not `spawn E2BIG`. Step outputs reach both through templates, so it happens with
// ordinary outputs of a few hundred KB, also when passed through `env:` as docs/engine.md advises.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { finished, run } from './helpers.js';

const linux = process.platform === 'linux';

test('a shell step given a 200 KB variable or command says which one is too large', { skip: !linux, timeout: 30_000 }, async () => {
  const yaml = `config:
  continueOnError: true
steps:
  - id: big
    shell: "head -c 200000 /dev/zero | tr '\\\\0' a"
  - id: viaEnv
    shell: { run: 'printf %s "$BIG" | wc -c', env: { BIG: "\${steps.big.output}" } }
  - id: viaCommand
    shell: "printf %s \${steps.big.output} | wc -c"
`;
  const { events, fin } = await run(yaml);
  assert.equal(finished(events, 'big').status, 'succeeded');
  const env = finished(events, 'viaEnv');
  assert.equal(env.status, 'failed');
  assert.match(env.error!, /^shell: env BIG holds 195 KB, more than the 128 KB the system takes in one variable \(E2BIG\); write large data to a file/);
  const cmd = finished(events, 'viaCommand');
  assert.equal(cmd.status, 'failed');
  assert.match(cmd.error!, /^shell: the command holds 195 KB, more than the 128 KB the system takes in one argument \(E2BIG\); write large data to a file/);
  assert.equal(fin.status, 'succeeded');
});
