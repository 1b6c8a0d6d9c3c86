// The orphan watchdog (orphan-watchdog.ts) in two settings docs/engine.md names: a Weft started from
// a shell step of another Weft (it inherits that step's WEFT_TRACKING_ID), whose watchdog must not
// carry the enclosing value, or the enclosing Weft's kill would take the watchdog down with the host;
// and a machine whose grep has no `-z`, where the watchdog finds no tracked process but must still
// kill the step process groups. Both run the real `weft run` and kill it outright (SIGKILL).
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { killLeft } from './escapees.js';
import { alive, readPids, tempDir } from './helpers.js';
import { expectCleanedUp, printed, startCli, watchdogStarted, type Cli } from './watchdogs.js';
import { pidEntriesSync } from '../../src/run/proc-entries.js';

describe('the watchdog of a host killed outright', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  it('a Weft started with an enclosing Weft\'s WEFT_TRACKING_ID keeps its watchdog when the enclosing one kills what carries its value', async () => {
    const { file, pids } = stepWorkflow();
    // The value an enclosing Weft's shell step would have given this host.
    const outer = `${randomBytes(8).toString('hex')}.${randomBytes(8).toString('hex')}.1`;
    const cli = startCli(file, { ...process.env, NO_COLOR: '1', WEFT_TRACKING_ID: outer });
    const host = cli.child;
    try {
      const recorded = await running(cli, pids);
      assert.ok(await watchdogStarted(host.pid!), 'the nested host started a watchdog');
      // What the enclosing Weft's exit hook or second Ctrl-C does: SIGKILL every process started
      // with its step's value. The host is one; its steps have values of their own.
      const killed = killCarrying(outer);
      assert.ok(killed.includes(host.pid!), 'the host carried the enclosing value and was killed outright');
      await expectCleanedUp(host.pid!, recorded, "no step process survived the host (its watchdog, which the enclosing kill did not reach, killed them)");
    } finally {
      host.kill('SIGKILL');
      killLeft(pids);
    }
  });

  it('without a grep that takes -z, the watchdog still kills the step process groups', async () => {
    const { dir, file, pids } = stepWorkflow();
    // A grep first in PATH that fails on -z as BusyBox's and BSD's greps do, logging its arguments.
    const bin = path.join(dir, 'bin');
    const log = path.join(dir, 'grep.log');
    const realGrep = execFileSync('sh', ['-c', 'command -v grep'], { encoding: 'utf8' }).trim();
    fs.mkdirSync(bin);
    fs.writeFileSync(
      path.join(bin, 'grep'),
      `#!/bin/sh\necho "$*" >> ${log}\nfor a in "$@"; do case $a in -*z*) echo "grep: invalid option -- 'z'" >&2; exit 2 ;; esac; done\nexec ${realGrep} "$@"\n`,
      { mode: 0o755 },
    );
    const cli = startCli(file, { ...process.env, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH ?? ''}` });
    const host = cli.child;
    try {
      const recorded = await running(cli, pids);
      assert.ok(await watchdogStarted(host.pid!), 'a watchdog runs beside the host');
      host.kill('SIGKILL');
      await expectCleanedUp(host.pid!, recorded, 'no step process survived the host (the watchdog killed their groups)');
      assert.match(fs.readFileSync(log, 'utf8'), /^-lz /m, 'the watchdog looked for tracked processes with the grep that fails on -z');
    } finally {
      host.kill('SIGKILL');
      killLeft(pids);
    }
  });
});

/** A workflow whose one step records its shell's pid and a child's, prints `running`, then waits far longer than the test. */
function stepWorkflow(): { dir: string; file: string; pids: string } {
  const dir = tempDir('weft-watchdog-');
  const pids = path.join(dir, 'pids');
  const file = path.join(dir, 'wf.weft.yaml');
  fs.writeFileSync(file, `steps:\n  - id: a\n    shell: 'sleep 60 & echo "$$ $!" >> ${pids}; echo running; wait'\n`);
  return { dir, file, pids };
}

/**
 * Waits (bounded) until the host has printed the step's `running` (so it has told its watchdog about
 * the step's group: printed() says why); returns the recorded pids, after checking that both run.
 */
async function running(cli: Cli, pids: string): Promise<number[]> {
  assert.ok(await printed(cli, 'a | running'), `the host printed the step's line: ${cli.stdout}${cli.stderr}`);
  const recorded = readPids(pids);
  assert.equal(recorded.length, 2, 'the step recorded its shell and its child');
  assert.deepEqual(recorded.filter(alive), recorded, 'both run');
  return recorded;
}

/** SIGKILLs every process of this user started with WEFT_TRACKING_ID=`value`; returns their pids. */
function killCarrying(value: string): number[] {
  const killed: number[] = [];
  for (const entry of pidEntriesSync() ?? []) {
    let environ: string;
    try {
      environ = fs.readFileSync(`/proc/${entry}/environ`, 'latin1');
    } catch {
      continue;
    }
    if (!environ.split('\0').includes(`WEFT_TRACKING_ID=${value}`)) continue;
    try {
      process.kill(Number(entry), 'SIGKILL');
      killed.push(Number(entry));
    } catch {
      /* gone */
    }
  }
  return killed;
}
