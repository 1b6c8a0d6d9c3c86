// What a stopped step's process prints while it is being stopped (its `timeout`, a cancel, a
// fail-fast after another step failed) is recorded: `step.log` events until the process has
// exited, all before that step's `step.finished` (readers take a step's logs to precede its finish),
// and a block's `step.finished` after its steps'. A trap's `echo got TERM` was dropped, as was a test
// runner's summary on SIGTERM. Asserted from the event log and /proc, never from times.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import type { RunEvent } from '../../src/run/index.js';
import { alive, cancelWhen, eventsAt, finished, indexOf, readPids, run, tempDir, weftIn } from './helpers.js';

/** A step that says `got TERM` when it gets SIGTERM, after printing `ready` (its trap set). */
const TRAPPED = `'trap "echo got TERM; exit 1" TERM; echo ready; sleep 30 & wait'`;

/** The index of the first step.log of `p` holding `text`, or -1. */
function logAt(events: RunEvent[], p: string, text: string): number {
  return events.findIndex((e) => e.type === 'step.log' && e.path === p && e.text.includes(text));
}

/** Asserts that `p` logged `text` before its (only) step.finished, and nothing after it. */
function loggedBeforeFinish(events: RunEvent[], p: string, text: string): void {
  const log = logAt(events, p, text);
  const fin = indexOf(events, 'step.finished', p);
  assert.ok(log >= 0, `${p} logged '${text}': ${JSON.stringify(eventsAt(events, 'step.log', p))}`);
  assert.ok(fin > log, `${p}'s step.finished (#${fin}) comes after its log (#${log})`);
  const late = events.slice(fin).filter((e) => e.type === 'step.log' && e.path === p);
  assert.deepEqual(late, [], `no log of ${p} after its step.finished`);
}

/** Cancels the run once each of `paths` has printed `text`. */
const cancelWhenLogged = (text: string, ...paths: string[]) => cancelWhen((evs) => paths.every((p) => logAt(evs, p, text) >= 0));

/** Cancels the run once each of `paths` has printed `ready` (its trap is set). */
const cancelWhenReady = (...paths: string[]) => cancelWhenLogged('ready', ...paths);

/** A workflow of one step `id` running `shell` (quoted for YAML), timed out after 1s and retried once. */
function retriedAfterTimeout(id: string, shell: string): string {
  return `steps:\n  - id: ${id}\n    timeout: 1s\n    retries: { max: 1, delay: 10ms, backoff: fixed }\n    shell: ${shell}\n`;
}

describe('output of a stopped step', { skip: process.platform !== 'linux' && 'signals process groups, reads /proc' }, () => {
  test('a step that times out: what its trap prints is logged before its step.finished, which fails it', { timeout: 30_000 }, async () => {
    const yaml = `steps:
  - id: slow
    timeout: 1s
    shell: ${TRAPPED}
`;
    const { events, fin } = await run(yaml);
    loggedBeforeFinish(events, 'slow', 'got TERM');
    const slow = finished(events, 'slow');
    assert.equal(slow.status, 'failed');
    assert.equal(slow.error, 'timed out after 1s');
    assert.equal(fin.status, 'failed');
  });

  test('a cancelled run: the trap text of each running step, a block after its steps', { timeout: 30_000 }, async () => {
    const yaml = `steps:
  - id: top
    shell: ${TRAPPED}
  - id: par
    parallel:
      - id: inner
        shell: ${TRAPPED}
`;
    const { events, fin } = await run(yaml, cancelWhenReady('top', 'par/inner'));
    assert.equal(fin.status, 'cancelled');
    for (const p of ['top', 'par/inner']) {
      loggedBeforeFinish(events, p, 'got TERM');
      assert.equal(finished(events, p).status, 'cancelled');
    }
    assert.equal(finished(events, 'par').status, 'cancelled');
    assert.ok(indexOf(events, 'step.finished', 'par') > indexOf(events, 'step.finished', 'par/inner'), 'the block finishes after its step');
    assert.equal(events.at(-1)!.type, 'run.finished');
  });

  test('fail-fast after a sibling fails: the stopped step logs its trap text before its step.finished', { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const yaml = `steps:
  - id: sleeper
    shell: 'trap "echo got TERM; exit 1" TERM; touch ready; echo ready; sleep 30 & wait'
  - id: boom
    shell: 'until [ -f ready ]; do sleep 0.02; done; echo bad >&2; exit 3'
  - id: after
    needs: boom
    stub: true
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'failed');
    assert.equal(finished(events, 'boom').status, 'failed');
    loggedBeforeFinish(events, 'sleeper', 'got TERM');
    assert.equal(finished(events, 'sleeper').status, 'cancelled');
    assert.equal(finished(events, 'after').status, 'skipped');
  });

  test('fail-fast by a timeout stops the others at once, not once the timed-out process has exited', { timeout: 30_000 }, async () => {
    // `stubborn` ignores SIGTERM and lives until its SIGKILL two seconds after its timeout; `other`
    // is cancelled by the fail-fast at the timeout and ends at once, so it finishes first.
    const dir = tempDir();
    const yaml = `steps:
  - id: stubborn
    timeout: 1s
    shell: 'trap "echo ignoring TERM" TERM; echo $$ >> pids; echo ready; while :; do sleep 0.1 || :; done'
  - id: other
    shell: ${TRAPPED}
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'failed');
    const stubborn = finished(events, 'stubborn');
    assert.equal(stubborn.status, 'failed');
    assert.equal(stubborn.error, 'timed out after 1s');
    loggedBeforeFinish(events, 'stubborn', 'ignoring TERM');
    loggedBeforeFinish(events, 'other', 'got TERM');
    assert.equal(finished(events, 'other').status, 'cancelled');
    assert.ok(indexOf(events, 'step.finished', 'other') < indexOf(events, 'step.finished', 'stubborn'), 'the fail-fast did not wait for the stubborn process');
    const ps = readPids(path.join(dir, 'pids'));
    assert.equal(ps.length, 1);
    assert.equal(alive(ps[0]), false, 'the shell that ignored SIGTERM was killed');
    assert.equal(events.at(-1)!.type, 'run.finished');
  });

  test('a retry after a timeout: the first attempt\'s trap text comes after step.retrying and before the next step.started', { timeout: 30_000 }, async () => {
    const yaml = retriedAfterTimeout('flaky', `'if [ -f once ]; then echo second; exit 0; fi; touch once; trap "echo got TERM; exit 1" TERM; echo ready; sleep 30 & wait'`);
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded');
    const log = logAt(events, 'flaky', 'got TERM');
    const starts = events.flatMap((e, i) => (e.type === 'step.started' && e.path === 'flaky' ? [i] : []));
    assert.equal(starts.length, 2);
    assert.ok(log > indexOf(events, 'step.retrying', 'flaky') && log < starts[1], JSON.stringify(events));
    assert.equal(finished(events, 'flaky').output, 'second');
  });

  test('a run cancelled while a retry waits for the timed-out attempt: what that attempt prints after the cancel comes before its step.finished', { timeout: 30_000 }, async () => {
    const yaml = retriedAfterTimeout('slow', `'trap "echo got TERM; sleep 0.5; echo bye; exit 1" TERM; echo ready; sleep 30 & wait'`);
    const { events, fin } = await run(yaml, cancelWhenLogged('got TERM', 'slow'));
    assert.equal(fin.status, 'cancelled');
    assert.equal(eventsAt(events, 'step.started', 'slow').length, 1, 'no second attempt');
    loggedBeforeFinish(events, 'slow', 'bye');
    assert.equal(finished(events, 'slow').status, 'cancelled');
  });

  test("a block's timeout under continueOnError: its step's trap text, then its step.finished, then the block's, then what needs the block", { timeout: 30_000 }, async () => {
    const yaml = `steps:
  - id: par
    timeout: 1s
    continueOnError: true
    parallel:
      - id: inner
        shell: ${TRAPPED}
  - id: after
    needs: par
    stub: true
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded');
    loggedBeforeFinish(events, 'par/inner', 'got TERM');
    assert.equal(finished(events, 'par/inner').status, 'cancelled');
    assert.equal(finished(events, 'par').error, 'timed out after 1s');
    const order = ['step.finished:par/inner', 'step.finished:par', 'step.started:after'].map((k) => indexOf(events, k.split(':')[0], k.split(':')[1]));
    assert.deepEqual([...order].sort((a, b) => a - b), order, JSON.stringify(order));
  });

  test("a block that retries after a fail-fast inside it: the cancelled step's trap text and step.finished come before the block's step.retrying", { timeout: 30_000 }, async () => {
    const dir = tempDir();
    const yaml = `steps:
  - id: par
    retries: { max: 1, delay: 10ms, backoff: fixed }
    parallel:
      - id: sleeper
        shell: 'if [ -f again ]; then echo fine; exit 0; fi; trap "echo got TERM; exit 1" TERM; touch ready; echo ready; sleep 30 & wait'
      - id: boom
        shell: 'if [ -f again ]; then exit 0; fi; until [ -f ready ]; do sleep 0.02; done; touch again; exit 3'
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'succeeded', fin.error);
    const firstFinish = indexOf(events, 'step.finished', 'par/sleeper');
    assert.equal(finished(events, 'par/sleeper').status, 'cancelled');
    const log = logAt(events, 'par/sleeper', 'got TERM');
    const retrying = indexOf(events, 'step.retrying', 'par');
    assert.ok(log >= 0 && log < firstFinish && firstFinish < retrying, JSON.stringify({ log, firstFinish, retrying }));
    assert.equal(eventsAt(events, 'step.started', 'par').length, 2);
  });

  test('under continueOnError, what needs a timed-out step starts once its process has exited, after its step.finished', { timeout: 30_000 }, async () => {
    const yaml = `steps:
  - id: slow
    timeout: 1s
    continueOnError: true
    shell: ${TRAPPED}
  - id: after
    needs: slow
    stub: { output: "\${steps.slow.status}" }
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded');
    loggedBeforeFinish(events, 'slow', 'got TERM');
    assert.ok(indexOf(events, 'step.started', 'after') > indexOf(events, 'step.finished', 'slow'));
    assert.equal(finished(events, 'after').output, 'failed');
  });

  test('weft run prints the trap text of a timed-out step, then its failure', { timeout: 60_000 }, () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'wf.weft.yaml'), `steps:\n  - id: slow\n    timeout: 1s\n    shell: ${TRAPPED}\n`);
    const r = weftIn(dir, 'run', 'wf.weft.yaml');
    assert.equal(r.code, 1, r.stderr);
    const log = r.stdout.indexOf('slow | got TERM');
    const failed = r.stdout.indexOf('slow failed');
    assert.ok(log >= 0 && failed > log, r.stdout);
    const rec = weftIn(dir, 'run', 'wf.weft.yaml', '--json');
    const events = rec.stdout.trim().split('\n').map((l) => JSON.parse(l) as RunEvent);
    loggedBeforeFinish(events, 'slow', 'got TERM');
  });
});
