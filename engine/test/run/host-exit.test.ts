// A program that embeds the engine and exits while steps run (an editor's extension host shutting
// down, a script calling process.exit) or is killed outright (SIGKILL: no exit hook runs) leaves no
// step process behind, not even one that left its step's group (`setsid`); the watchdog that cleans
// up after a killed host goes away by itself.
import * as assert from 'node:assert/strict';
import { spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { block, escapee, killLeft } from './escapees.js';
import { alive, hostScript, readPids, ROOT, sleep, startHost, tempDir } from './helpers.js';
import { expectCleanedUp, watchdogOf, watchdogStarted } from './watchdogs.js';

describe('the host process exits mid-run', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  it('kills every running step process group on exit', async () => {
    const { dir, pids, file } = longWorkflow();
    await exitHostAndExpectCleanup(hostScript(dir, file, onceBothRunning(pids, `process.exit(0)`)), pids, 4, 'step process');
  });

  it('kills every running step process group when the host is killed with SIGKILL', async () => {
    const { dir, pids, file } = longWorkflow();
    const host = hostScript(dir, file, onceBothRunning(pids, `console.log('ready')`));
    const child = await startHost(host);
    assert.ok(await watchdogStarted(child.pid!), 'a watchdog runs beside the host');
    const recorded = readPids(pids);
    assert.equal(recorded.length, 4, 'two shells and two sleeps recorded');
    await killHostAndExpectCleanup(child, recorded, 'step process');
  });

  it('kills a setsid process of a running step on exit (exit hook)', async () => {
    // It ignores SIGTERM: the watchdog, which also sees the host go, would kill it only two seconds
    // later, after the check below has given up; the exit hook's SIGKILL is at once.
    const { dir, pids, file } = escapeeWorkflow({ ignoreTerm: true });
    try {
      await exitHostAndExpectCleanup(hostScript(dir, file, onceRecorded(pids, `process.exit(0)`)), pids, 1, 'setsid process');
    } finally {
      killLeft(pids);
    }
  });

  it('kills a setsid process of a running step when the host is killed with SIGKILL (watchdog)', async () => {
    // It ignores SIGTERM, so that only the watchdog's second pass (SIGKILL) can end it.
    const { dir, pids, file } = escapeeWorkflow({ ignoreTerm: true });
    try {
      const host = hostScript(dir, file, onceRecorded(pids, `console.log('ready')`));
      const child = await startHost(host);
      const recorded = readPids(pids);
      assert.equal(recorded.length, 1, 'the setsid process recorded its pid');
      await killHostAndExpectCleanup(child, recorded, 'setsid process');
    } finally {
      killLeft(pids);
    }
  });

  it('a host that finishes its run exits on its own, and so does its watchdog', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'short.weft.yaml');
    fs.writeFileSync(file, 'steps:\n  - id: a\n    shell: echo one\n  - id: b\n    shell: echo two\n');
    const host = hostScript(dir, file, `if (e.type === 'run.started') console.log('pid ' + process.pid);`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', host], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.status, 0, `the host exits by itself (${r.signal ?? ''}): ${r.stderr}`);
    const pid = Number(/pid (\d+)/.exec(r.stdout)?.[1]);
    for (let i = 0; i < 250 && watchdogOf(pid); i++) await sleep(20);
    assert.equal(watchdogOf(pid), undefined, 'no watchdog is left');
  });
});

/**
 * Runs `host`, which calls process.exit mid-run, to its end: its exit hook must have ended the
 * `count` processes recorded in `pids` (`what` names them in the messages).
 */
async function exitHostAndExpectCleanup(host: string, pids: string, count: number, what: string): Promise<void> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', host], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, r.stderr);
  const recorded = readPids(pids);
  assert.equal(recorded.length, count, `${count} pid(s) recorded`);
  // SIGKILL is delivered at once; give the kernel a moment to reap.
  for (let i = 0; i < 50 && recorded.some(alive); i++) await sleep(20);
  assert.deepEqual(recorded.filter(alive), [], `no ${what} survived the host`);
}

/**
 * With every recorded process running, SIGKILLs the host: the watchdog must end them all (`what`
 * names them in the messages) and then exit.
 */
async function killHostAndExpectCleanup(child: ChildProcess, recorded: number[], what: string): Promise<void> {
  assert.deepEqual(recorded.filter(alive), recorded, `every ${what} runs when the host is killed`);
  child.kill('SIGKILL');
  await expectCleanedUp(child.pid!, recorded, `no ${what} survived the host (the watchdog killed it)`);
}

function longWorkflow(): { dir: string; pids: string; file: string } {
  const dir = tempDir();
  const pids = path.join(dir, 'pids');
  const file = path.join(dir, 'long.weft.yaml');
  // Each step records its shell's pid and a grandchild's, then sleeps far longer than the test. Both
  // ignore SIGTERM, so that only a SIGKILL ends them at once: the exit hook's, not the watchdog's
  // SIGTERM (its SIGKILL comes two seconds later, after the exit-hook test has looked).
  fs.writeFileSync(file, `steps:\n${['a', 'b'].map((id) => `  - id: ${id}\n    shell: 'trap "" TERM; sleep 60 & echo "$$ $!" >> ${pids}; wait'\n`).join('')}`);
  return { dir, pids, file };
}

/** A step that starts `sleep 300` in a session of its own (out of its group), records its pid, and sleeps. */
function escapeeWorkflow(opts: { ignoreTerm?: boolean } = {}): { dir: string; pids: string; file: string } {
  const dir = tempDir();
  const pids = path.join(dir, 'pids');
  const file = path.join(dir, 'escapee.weft.yaml');
  fs.writeFileSync(file, `steps:\n  - id: a\n    shell: |\n${block(`${escapee(pids, opts)}\nsleep 60`)}\n`);
  return { dir, pids, file };
}

/** Host code (see hostScript) that runs `then` once the escapeeWorkflow's process has recorded its pid. */
function onceRecorded(pids: string, then: string): string {
  return `
    if (e.type === 'step.started') {
      const wait = () => (fs.existsSync(${JSON.stringify(pids)}) && fs.readFileSync(${JSON.stringify(pids)}, 'utf8').trim() ? ${then} : setTimeout(wait, 20));
      wait();
    }`;
}

/** Host code (see hostScript) that runs `then` once both steps of longWorkflow have recorded their pids. */
function onceBothRunning(pids: string, then: string): string {
  return `
    if (e.type === 'step.started' && ++started === 2) {
      const wait = () => (fs.existsSync(${JSON.stringify(pids)}) && fs.readFileSync(${JSON.stringify(pids)}, 'utf8').trim().split('\\n').length >= 2 ? ${then} : setTimeout(wait, 20));
      wait();
    }`;
}
