// `weft run`'s second Ctrl-C (run-command.ts): the first cancels the run and waits for its processes;
// a second one, while they still run, kills every step process group and every process that left
// its group (WEFT_TRACKING_ID) at once, and exits with 130. The step's processes ignore SIGTERM, so
// the cancel alone would end them only with its SIGKILL two seconds later (the run would then end
// with exit 1, not 130); the host's watchdog is stopped (SIGSTOP) before the second Ctrl-C, so that
// only the command line itself can have killed them. SIGTERM (as `kill` and CI runners stop a job)
// and SIGHUP (a terminal or SSH connection going away) do the same, exiting with 143 and 129 as
// shells report them.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { block, escapee, killLeft } from '../run/escapees.js';
import { alive, readPids, sleep, tempDir } from '../run/helpers.js';
import { printed, startCli, watchdogStarted } from '../run/watchdogs.js';

const CASES: [NodeJS.Signals, number, string][] = [
  ['SIGINT', 130, 'Ctrl-C again'],
  ['SIGTERM', 143, 'SIGTERM again, or Ctrl-C,'],
  ['SIGHUP', 129, 'SIGHUP again, or Ctrl-C,'],
];

for (const [signal, code, again] of CASES) test(`a second ${signal} kills every step process at once and exits with ${code}`, { skip: process.platform !== 'linux' && 'reads /proc' }, async () => {
  const dir = tempDir('weft-interrupt-');
  const groupPids = path.join(dir, 'group-pids');
  const setsidPids = path.join(dir, 'setsid-pids');
  const file = path.join(dir, 'wf.weft.yaml');
  // The step's shell and its child record their pids; a process in a session of its own records its own.
  const script = `trap "" TERM\n${escapee(setsidPids, { ignoreTerm: true })}\nsleep 60 & echo "$$ $!" >> ${groupPids}\necho running\nwait`;
  fs.writeFileSync(file, `steps:\n  - id: a\n    shell: |\n${block(script)}\n  - id: next\n    needs: a\n    stub: true\n`);
  const cli = startCli(file, { ...process.env, NO_COLOR: '1' });
  let watchdog: number | undefined;
  try {
    assert.ok(await printed(cli, 'a | running'), `the step runs: ${cli.stdout}${cli.stderr}`);
    const recorded = [...readPids(groupPids), ...readPids(setsidPids)];
    assert.equal(recorded.length, 3, "the step's shell, its child and its setsid process recorded their pids");
    assert.deepEqual(recorded.filter(alive), recorded, 'all three run');
    watchdog = await watchdogStarted(cli.child.pid!);
    assert.ok(watchdog, 'a watchdog runs beside the command line');
    process.kill(watchdog, 'SIGSTOP');

    cli.child.kill(signal);
    assert.ok(await printed(cli, `cancelling the run on ${signal} (${again} to exit at once)`), `the first ${signal} cancels`);
    assert.deepEqual(recorded.filter(alive), recorded, 'the cancel has not ended them (they ignore SIGTERM)');
    cli.child.kill(signal);
    assert.equal(await cli.exited, code, `the second ${signal} exits with ${code} without waiting for the cancel`);
    for (let i = 0; i < 250 && recorded.some(alive); i++) await sleep(20);
    assert.deepEqual(recorded.filter(alive), [], 'no step process is left (the watchdog was stopped: the command line killed them)');
  } finally {
    cli.child.kill('SIGKILL');
    if (watchdog !== undefined) {
      try {
        process.kill(watchdog, 'SIGKILL');
      } catch {
        /* gone */
      }
    }
    killLeft(groupPids, setsidPids);
  }
});
