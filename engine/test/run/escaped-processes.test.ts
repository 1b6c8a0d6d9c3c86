// A process a shell step starts in a session of its own (`setsid`) leaves the step's process group,
// so no signal to the group reaches it; it carries the step's WEFT_TRACKING_ID, by which it is ended
// with its step (cancel, timeout) or its run, as GitHub Actions does with RUNNER_TRACKING_ID. One
// started with the variable emptied or changed is left alone, and another run's are never touched.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { block, escapee, killLeft, WAIT_GONE } from './escapees.js';
import { alive, finished, readPids, run, tempDir } from './helpers.js';

describe('processes that leave their step group', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  it('a shell step gets an unguessable WEFT_TRACKING_ID of its own, per run and step, that no workflow env sets and nothing masks', async () => {
    const { events, fin } = await run(`env:
  WEFT_TRACKING_ID: from-workflow
steps:
  - id: a
    shell: echo "$WEFT_TRACKING_ID"
  - id: b
    shell: { run: 'echo "$WEFT_TRACKING_ID"', env: { WEFT_TRACKING_ID: from-step } }
  - id: c
    stub: { output: "[\${env.WEFT_TRACKING_ID}]" }
`, { secrets: { API_TOKEN: 'hunter2-secret' } });
    assert.equal(fin.status, 'succeeded');
    const a = String(finished(events, 'a').output);
    const b = String(finished(events, 'b').output);
    const shape = /^([0-9a-f]{16})\.([0-9a-f]{16})\.[0-9a-z]+$/;
    assert.match(a, shape);
    assert.match(b, shape);
    assert.equal(a.replace(/\.[^.]+$/, ''), b.replace(/\.[^.]+$/, ''), 'one run, one host and run token');
    assert.notEqual(a, b, 'each step its own');
    assert.equal(finished(events, 'c').output, '[from-workflow]', '${env.*} is the workflow env, without the engine variable');
    const again = await run('steps:\n  - id: a\n    shell: echo "$WEFT_TRACKING_ID"\n');
    const other = String(finished(again.events, 'a').output);
    assert.equal(other.split('.')[0], a.split('.')[0], 'the same host');
    assert.notEqual(other.split('.')[1], a.split('.')[1], 'another run token');
  });

  it('a setsid process is killed when its run is cancelled', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    let aliveAtCancel: boolean[] | undefined;
    let aliveAtFinish: boolean[] | undefined;
    try {
      const { fin } = await run(`steps:\n  - id: a\n    shell: |\n${block(`${escapee(pids)}\necho ready\nsleep 30`)}\n`, {
        dir,
        onHandle: (h, evs) => {
          const poll = setInterval(() => {
            if (evs.some((e) => e.type === 'step.log' && e.text.includes('ready'))) {
              clearInterval(poll);
              aliveAtCancel = readPids(pids).map(alive);
              h.cancel();
            }
          }, 10);
        },
        onEvent: (e) => {
          if (e.type === 'run.finished') aliveAtFinish = readPids(pids).map(alive);
        },
      });
      assert.equal(fin.status, 'cancelled');
      assert.deepEqual(aliveAtCancel, [true], 'the setsid process ran when the run was cancelled');
      assert.deepEqual(aliveAtFinish, [false], 'and was gone before run.finished');
    } finally {
      killLeft(pids);
    }
  });

  it('a setsid process is killed when its step times out, before the run ends', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    try {
      // `check` runs in the same run after the timeout: only the step's own kill can have ended it.
      const { events, fin } = await run(
        `steps:
  - id: slow
    timeout: 3s
    continueOnError: true
    shell: |
${block(`${escapee(pids)}\nsleep 30`)}
  - id: check
    needs: slow
    shell: |
${block(`pid=$(cat ${pids})\n${WAIT_GONE}`)}
`,
        { dir },
      );
      assert.equal(fin.status, 'succeeded');
      assert.equal(finished(events, 'slow').error, 'timed out after 3s');
      assert.equal(readPids(pids).length, 1, 'the setsid process was started');
      assert.equal(finished(events, 'check').output, 'gone', 'the timeout killed the setsid process');
    } finally {
      killLeft(pids);
    }
  });

  it('a setsid process a step left running serves later steps and is gone once the run has finished', async () => {
    const dir = tempDir();
    const pids = path.join(dir, 'pids');
    let aliveAtFinish: boolean[] | undefined;
    try {
      const { events, fin } = await run(
        `steps:
  - id: start
    shell: |
${block(escapee(pids))}
  - id: use
    needs: start
    shell: kill -0 $(cat ${pids}) && echo running
`,
        {
          dir,
          onEvent: (e) => {
            if (e.type === 'run.finished') aliveAtFinish = readPids(pids).map(alive);
          },
        },
      );
      assert.equal(fin.status, 'succeeded');
      assert.equal(finished(events, 'use').output, 'running', 'the finished step left it running');
      assert.deepEqual(aliveAtFinish, [false], 'gone before run.finished');
    } finally {
      killLeft(pids);
    }
  });

  it('a process started with WEFT_TRACKING_ID emptied or changed is left running on purpose', async () => {
    const dir = tempDir();
    const [tracked, emptied, changed] = ['tracked', 'emptied', 'changed'].map((n) => path.join(dir, n));
    try {
      const { fin } = await run(
        `steps:\n  - id: start\n    shell: |\n${block([escapee(tracked!), escapee(emptied!, { prefix: 'WEFT_TRACKING_ID= ' }), escapee(changed!, { prefix: 'WEFT_TRACKING_ID=mine ' })].join('\n'))}\n`,
        { dir },
      );
      assert.equal(fin.status, 'succeeded');
      assert.deepEqual([tracked, emptied, changed].map((f) => readPids(f!).length), [1, 1, 1], 'all three were started');
      assert.deepEqual(readPids(tracked!).map(alive), [false], 'the tracked one was killed with the run');
      assert.deepEqual(readPids(emptied!).map(alive), [true], 'the one started with the variable emptied runs on');
      assert.deepEqual(readPids(changed!).map(alive), [true], 'the one started with the variable changed runs on');
    } finally {
      killLeft(tracked!, emptied!, changed!);
    }
  });

  it("one run's end does not touch what a concurrent run's steps started", async () => {
    const dirA = tempDir();
    const dirB = tempDir();
    const pidsA = path.join(dirA, 'pids');
    const pidsB = path.join(dirB, 'pids');
    const aDone = path.join(dirB, 'a-done');
    let aliveAtFinishB: boolean[] | undefined;
    try {
      // B starts its setsid process and waits (bounded) until A has finished; A starts its own once
      // B's runs, and ends.
      const b = run(
        `steps:
  - id: start
    shell: |
${block(escapee(pidsB))}
  - id: check
    needs: start
    shell: |
${block(`for i in $(seq 1 600); do [ -f ${aDone} ] && break; sleep 0.05; done\nkill -0 $(cat ${pidsB}) && echo running`)}
`,
        { dir: dirB, onEvent: (e) => e.type === 'run.finished' && (aliveAtFinishB = readPids(pidsB).map(alive)) },
      );
      const a = await run(
        `steps:\n  - id: start\n    shell: |\n${block(`for i in $(seq 1 400); do [ -s ${pidsB} ] && break; sleep 0.05; done\n${escapee(pidsA)}`)}\n`,
        { dir: dirA },
      );
      assert.equal(a.fin.status, 'succeeded');
      assert.deepEqual(readPids(pidsA).map(alive), [false], "run A's setsid process ended with run A");
      fs.writeFileSync(aDone, '');
      const { events, fin } = await b;
      assert.equal(fin.status, 'succeeded');
      assert.equal(finished(events, 'check').output, 'running', "run B's setsid process outlived run A's end");
      assert.deepEqual(aliveAtFinishB, [false], 'and ended with run B');
    } finally {
      fs.writeFileSync(aDone, '');
      killLeft(pidsA, pidsB);
    }
  });
});
