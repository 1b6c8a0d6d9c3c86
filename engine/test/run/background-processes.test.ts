// A shell step that starts a process in the background (`server &`) ends when its shell exits, as a
// GitHub Actions step does, even though that process still holds its stdout; the process runs on
// for later steps and is ended with the run (SIGTERM, then SIGKILL), or with a host killed outright.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { lingeringCount } from '../../src/run/process-tree.js';
import { alive, finished, hostScript, readPids, run, sleep, startHost, tempDir } from './helpers.js';

describe('processes a shell step leaves running', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  it('the step ends when its shell exits; the process serves later steps and is gone once the run has finished', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    let aliveAtFinish: boolean[] | undefined;
    const { events, fin } = await run(
      `steps:
  - id: start
    shell: 'sleep 60 & echo $! > ${pids}; echo started'
  - id: use
    needs: start
    shell: 'kill -0 $(cat ${pids}) && echo "still running"'
`,
      {
        dir,
        // Checked as run.finished is written: the process must be gone by then, not only when `done` resolves.
        onEvent: (e) => {
          if (e.type === 'run.finished') aliveAtFinish = readPids(pids).map(alive);
        },
      },
    );
    assert.deepEqual(aliveAtFinish, [false], 'the background process ended before run.finished');
    assert.equal(fin.status, 'succeeded', JSON.stringify(events.filter((e) => e.type === 'step.finished')));
    const start = finished(events, 'start');
    assert.equal(start.output, 'started');
    // The step waited for its shell, not for `sleep 60`: a bound far below 60 s, not a timing target.
    assert.ok(start.durationMs < 20_000, `the step took ${start.durationMs} ms`);
    assert.equal(finished(events, 'use').output, 'still running');
    const [pid] = readPids(pids);
    assert.ok(pid, 'the background pid was recorded');
    assert.equal(alive(pid!), false, 'the background process ended with the run');
  });

  it('a step whose shell exits non-zero while a background process holds its pipes fails with that exit code', async () => {
    // The step ends on the shell's exit, before 'close': its code and stderr must come from that exit.
    const { events, fin } = await run(`steps:\n  - id: start\n    shell: 'sleep 60 & echo broke >&2; exit 3'\n`);
    assert.equal(fin.status, 'failed');
    const start = finished(events, 'start');
    assert.equal(start.status, 'failed');
    assert.match(start.error!, /^exit code 3: broke$/);
  });

  it('what a background process writes after its step ended is read and dropped: it never blocks on a full pipe', async () => {
    const dir = tempDir();
    const marker = path.join(dir, 'wrote-all');
    // After the step has ended, the process writes 1 MB to the step's stdout (far more than a pipe
    // holds), then leaves a marker that the next step waits for.
    const { events, fin } = await run(
      `steps:
  - id: start
    shell: '(sleep 0.5; head -c 1000000 /dev/zero | tr "\\\\0" x; touch ${marker}) & echo started'
  - id: use
    needs: start
    shell: 'for i in $(seq 1 200); do [ -f ${marker} ] && echo wrote && exit 0; sleep 0.05; done; exit 1'
`,
      { dir },
    );
    assert.equal(fin.status, 'succeeded', JSON.stringify(events.filter((e) => e.type === 'step.finished')));
    assert.equal(finished(events, 'start').output, 'started');
    assert.equal(finished(events, 'use').output, 'wrote');
    const logged = events.filter((e) => e.type === 'step.log' && e.path === 'start').map((e) => (e as { text: string }).text);
    assert.equal(logged.join('').includes('x'), false, 'what the process wrote after its step ended is in no event');
  });

  it('a group that ends by itself before its run is forgotten, so that its id, once free, is never signalled', async () => {
    // Once a group has no member, its id can go to a new process that leads a group of its own;
    // kept listed until the run ends, that unrelated group would get the run's SIGTERM.
    const counts: Record<string, number> = {};
    const { fin } = await run(
      `steps:
  - id: start
    shell: 'sleep 0.5 > /dev/null 2>&1 & echo started'
  - id: wait
    needs: start
    shell: sleep 3
`,
      {
        onEvent: (e) => {
          if (e.type === 'step.started' && e.path === 'wait') counts.started = lingeringCount();
          if (e.type === 'step.finished' && e.path === 'wait') counts.finished = lingeringCount();
        },
      },
    );
    assert.equal(fin.status, 'succeeded');
    assert.equal(counts.started, 1, 'the background sleep is listed while it runs');
    assert.equal(counts.finished, 0, 'and forgotten within seconds of ending, before the run ends');
  });

  it('a background process that ignores SIGTERM is killed', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    const { fin } = await run(`steps:\n  - id: stubborn\n    shell: '(trap "" TERM; sleep 60) > /dev/null 2>&1 & echo $! > ${pids}'\n`, { dir });
    assert.equal(fin.status, 'succeeded');
    const [pid] = readPids(pids);
    assert.ok(pid);
    assert.equal(alive(pid!), false, 'SIGKILL followed the ignored SIGTERM');
  });

  it('what a finished step left running is killed when the host is killed with SIGKILL', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    const file = path.join(dir, 'bg.weft.yaml');
    fs.writeFileSync(file, `steps:\n  - id: start\n    shell: 'sleep 60 & echo $! > ${pids}'\n  - id: wait\n    needs: start\n    shell: sleep 60\n`);
    const host = hostScript(dir, file, `if (e.type === 'step.started' && e.path === 'wait') console.log('ready');`);
    const child = await startHost(host);
    const [pid] = readPids(pids);
    assert.ok(pid && alive(pid), 'the first step has finished and its background process runs');
    child.kill('SIGKILL');
    for (let i = 0; i < 250 && alive(pid!); i++) await sleep(20);
    assert.equal(alive(pid!), false, 'the watchdog killed the background process of a finished step');
  });
});
