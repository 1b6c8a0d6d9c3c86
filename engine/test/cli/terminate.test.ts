// `weft run` stopped with SIGTERM (`kill`, a CI runner's cancel, a process manager) says so: it cancels
// the run as Ctrl-C does, in words that name the signal it got (it used to say "Ctrl-C again"), and a
// second SIGTERM exits at once with 143, as a shell reports a process ended by SIGTERM. Also
// `--input __proto__=x` gives the input: it was assigned to a plain object, which set the object's
// prototype and lost the value.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseRunArgs } from '../../src/cli/run-command.js';
import { tempDir } from '../run/helpers.js';
import { printed, startCli } from '../run/watchdogs.js';

test('SIGTERM cancels the run and says so; a second one exits with 143', { timeout: 60_000 }, async () => {
  const dir = tempDir('weft-term-');
  const file = path.join(dir, 'wf.weft.yaml');
  // The step ignores SIGTERM, so the cancel waits for its SIGKILL: the second signal comes first.
  fs.writeFileSync(file, 'steps:\n  - id: a\n    shell: |\n      trap "" TERM\n      echo running\n      sleep 30 & wait\n');
  const cli = startCli(file, { ...process.env, NO_COLOR: '1' });
  try {
    assert.ok(await printed(cli, 'a | running'), `the step runs: ${cli.stdout}${cli.stderr}`);
    cli.child.kill('SIGTERM');
    assert.ok(await printed(cli, 'cancelling the run on SIGTERM (SIGTERM again, or Ctrl-C, to exit at once)'), cli.stderr);
    assert.ok(!cli.stderr.includes('Ctrl-C again'), cli.stderr);
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 143);
  } finally {
    cli.child.kill('SIGKILL');
  }
});

test('--input __proto__=x is an input like any other', () => {
  const inputs = parseRunArgs(['wf.weft.yaml', '--input', '__proto__=x', '--input', 'constructor=y']).inputs;
  assert.ok(Object.prototype.hasOwnProperty.call(inputs, '__proto__'));
  assert.equal(Object.getOwnPropertyDescriptor(inputs, '__proto__')?.value, 'x');
  assert.deepEqual(Object.keys(inputs), ['__proto__', 'constructor']);
  assert.equal(Object.getPrototypeOf(inputs), Object.prototype);
});
