// A block's `retries` (spec 2: every step may have them; 3.3), applied as Argo applies a
// retryStrategy to a DAG or steps template: a failed attempt of a parallel, foreach or workflow
// step emits step.retrying and runs the whole block again, its steps anew at the same paths. Real
// processes (a marker file makes a shell step fail the first time); order and attempts are read
// from the event log, never from times.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { alive, eventsAt as at, FLAKY, lastFinished as last, run, tempDir } from './helpers.js';

describe('block retries', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  test('a parallel block whose branch fails once runs again from scratch and succeeds with attempts 2', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const yaml = `steps:
  - id: par
    retries: { max: 2, delay: 10ms }
    parallel:
      branches:
        one:
          - id: flaky
            shell: 'until [ -f pid1 ]; do sleep 0.02; done; if [ -f marker ]; then echo ok; else touch marker; exit 3; fi'
        two:
          - id: other
            shell: 'if [ -f marker ]; then echo other; else echo $$ > pid1; sleep 30; fi'
  - id: after
    needs: par
    stub: { output: "\${steps.par.output.one}/\${steps.par.output.two} \${steps.par.attempts}" }
`;
    let earlierShellAlive: boolean | undefined;
    const { events, fin } = await run(yaml, {
      dir,
      onEvent: (e) => {
        // The earlier attempt's processes are gone before the next attempt starts.
        if (e.type === 'step.started' && e.path === 'par' && e.attempt === 2) earlierShellAlive = alive(Number(fs.readFileSync(path.join(dir, 'pid1'), 'utf8')));
      },
    });
    assert.equal(fin.status, 'succeeded', fin.error);
    const order = events.filter((e) => 'path' in e && e.path === 'par' && e.type !== 'step.log').map((e) => `${e.type}:${'attempt' in e ? e.attempt : ''}${e.type === 'step.finished' ? e.status + e.attempts : ''}`);
    assert.deepEqual(order, ['step.started:1', 'step.retrying:1', 'step.started:2', 'step.finished:succeeded2']);
    const retrying = at(events, 'step.retrying', 'par')[0];
    assert.ok(retrying.error === 'par/one/flaky failed: exit code 3', JSON.stringify(retrying));
    assert.equal(earlierShellAlive, false, "the cancelled sibling's shell had exited before attempt 2");
    // Attempt 1: flaky failed, other cancelled; both before the block's retry. Attempt 2: both anew, attempt 1.
    for (const p of ['par/one/flaky', 'par/two/other']) {
      const starts = at(events, 'step.started', p);
      assert.equal(starts.length, 2, p);
      assert.ok(starts.every((s) => s.attempt === 1), `${p} starts again at attempt 1`);
      assert.equal(at(events, 'step.finished', p).length, 2, p);
      assert.equal(last(events, p).status, 'succeeded', p);
      assert.ok(events.indexOf(at(events, 'step.finished', p)[0]) < events.indexOf(retrying), `${p}'s first run ends before the retry`);
    }
    assert.equal(at(events, 'step.finished', 'par/one/flaky')[0].status, 'failed');
    assert.equal(at(events, 'step.finished', 'par/two/other')[0].status, 'cancelled');
    assert.equal(last(events, 'after').output, 'ok/other 2');
    assert.deepEqual(fin.counts, { succeeded: 3 }, 'one count per path, by its final status');
  });

  test('a foreach is retried: its items again, every iteration anew', { timeout: 60_000 }, async () => {
    const yaml = `steps:
  - id: list
    stub: { output: [a, b, c] }
  - id: each
    retries: { max: 1, delay: 10ms }
    foreach:
      items: \${steps.list.output}
      steps:
        - id: up
          shell: 'if [ "\${item}" = b ] && [ ! -f marker ]; then touch marker; exit 1; fi; echo \${item} | tr a-z A-Z'
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded', fin.error);
    const each = last(events, 'each');
    assert.equal(each.attempts, 2);
    assert.equal(each.output, '["A","B","C"]');
    assert.equal(at(events, 'step.started', 'each').length, 2);
    assert.equal(at(events, 'step.started', 'each/1/up').length, 2, 'the failed iteration ran again');
    for (const i of [0, 1, 2]) assert.equal(last(events, `each/${i}/up`).status, 'succeeded');
    const second = events.indexOf(at(events, 'step.started', 'each')[1]);
    for (const i of [0, 1, 2]) assert.ok(events.indexOf(at(events, 'step.started', `each/${i}/up`).at(-1)!) > second, `iteration ${i} ran in attempt 2`);
    assert.equal(at(events, 'step.started', 'list').length, 1, 'what the foreach depends on does not run again');
    assert.deepEqual(fin.counts, { succeeded: 4 });
  });

  test('a workflow step is retried: the called file runs again', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'child.weft.yaml'), `inputs:\n  who: { type: string }\noutputs:\n  said: \${steps.say.output}\nsteps:\n  - id: flaky\n    shell: ${FLAKY}\n  - id: say\n    needs: flaky\n    shell: echo hi \${inputs.who}\n`);
    const yaml = `steps:
  - id: call
    retries: { max: 1, delay: 10ms }
    workflow:
      path: ./child.weft.yaml
      inputs: { who: you }
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'succeeded', fin.error);
    const call = last(events, 'call');
    assert.equal(call.attempts, 2);
    assert.equal(call.output, '{"said":"hi you"}');
    assert.equal(at(events, 'step.started', 'call/flaky').length, 2);
    const firstSay = at(events, 'step.finished', 'call/say');
    assert.deepEqual(firstSay.map((e) => e.status), ['skipped', 'succeeded'], 'attempt 1 stopped say before it started');
    assert.deepEqual(fin.counts, { succeeded: 2 });
  });

  test('retries exhausted: the block fails after N+1 attempts, the run fails', { timeout: 60_000 }, async () => {
    const yaml = `steps:
  - id: par
    retries: { max: 2, delay: 10ms }
    parallel:
      - id: bad
        shell: 'echo x >> tries; exit 4'
      - id: good
        stub: { output: g }
  - id: after
    needs: par
    stub: true
`;
    const { events, fin, dir } = await run(yaml);
    assert.equal(fin.status, 'failed');
    const par = last(events, 'par');
    assert.equal(par.status, 'failed');
    assert.equal(par.attempts, 3);
    assert.equal(at(events, 'step.retrying', 'par').length, 2);
    assert.deepEqual(at(events, 'step.retrying', 'par').map((e) => e.attempt), [1, 2]);
    assert.equal(at(events, 'step.started', 'par/bad').length, 3);
    assert.equal(fs.readFileSync(path.join(dir, 'tries'), 'utf8'), 'x\nx\nx\n');
    assert.equal(last(events, 'after').status, 'skipped');
    assert.deepEqual(fin.counts, { failed: 1, succeeded: 1, skipped: 1 }, 'one count per path');
    assert.match(fin.error ?? '', /par\/bad failed: exit code 4/);
  });

  test("config.retries is the default of the steps that do work, not of blocks: the leaf retries, its block runs once", { timeout: 60_000 }, async () => {
    const yaml = `config:
  retries: { max: 1, delay: 10ms }
steps:
  - id: par
    parallel:
      - id: bad
        shell: 'echo x >> tries; exit 4'
      - id: good
        stub: { output: g }
`;
    const { events, fin, dir } = await run(yaml);
    assert.equal(fin.status, 'failed');
    assert.equal(at(events, 'step.started', 'par').length, 1, 'the block runs once');
    assert.equal(at(events, 'step.retrying', 'par').length, 0);
    assert.equal(last(events, 'par/bad').attempts, 2, "the leaf takes config.retries");
    assert.equal(fs.readFileSync(path.join(dir, 'tries'), 'utf8'), 'x\nx\n', 'two attempts of the leaf in all, not two in each of two block attempts');
  });

  test('a block under continueOnError retries, ends failed after its attempts, and the run goes on', { timeout: 60_000 }, async () => {
    const yaml = `steps:
  - id: par
    continueOnError: true
    retries: { max: 1, delay: 10ms }
    parallel:
      - id: bad
        shell: exit 4
      - id: good
        stub: { output: g }
  - id: after
    needs: par
    stub: { output: "\${steps.par.status} \${steps.par.attempts}" }
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded');
    const par = last(events, 'par');
    assert.equal(par.status, 'failed');
    assert.equal(par.attempts, 2);
    assert.equal(par.error, '1 step failed');
    assert.equal(at(events, 'step.started', 'par/bad').length, 2);
    assert.equal(at(events, 'step.started', 'par/good').length, 2);
    assert.equal(last(events, 'after').output, 'failed 2');
  });

  test("a block's timeout is a failure that it retries", { timeout: 60_000 }, async () => {
    const yaml = `steps:
  - id: par
    timeout: 1s
    retries: { max: 1, delay: 10ms }
    parallel:
      - id: slow
        shell: 'if [ -f marker ]; then echo ok; else touch marker; sleep 30; fi'
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded', fin.error);
    const r = at(events, 'step.retrying', 'par');
    assert.equal(r.length, 1);
    assert.equal(r[0].error, 'timed out after 1s');
    assert.equal(at(events, 'step.finished', 'par/slow')[0].status, 'cancelled');
    assert.equal(last(events, 'par/slow').status, 'succeeded');
    assert.equal(last(events, 'par').attempts, 2);
  });
  test('nested blocks: the inner one retries first; once it is out of attempts the outer one runs it again with attempts anew (a templated retries)', { timeout: 60_000 }, async () => {
    // The step fails its first two runs and succeeds from the third: the inner foreach's two
    // attempts both fail, the outer block's second attempt runs the foreach again, which succeeds.
    const yaml = `inputs:
  outer: { type: number, default: 1 }
steps:
  - id: outer
    retries: { max: "\${inputs.outer}", delay: 10ms }
    parallel:
      branches:
        b:
          - id: inner
            retries: { max: 1, delay: 10ms }
            foreach:
              items: [x]
              steps:
                - id: s
                  shell: 'n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; [ $n -ge 3 ] || exit 3; echo ok'
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'succeeded', fin.error);
    const story = (p: string) => events.filter((e) => 'path' in e && e.path === p && e.type !== 'step.log')
      .map((e) => `${e.type.slice(5)}:${e.type === 'step.finished' ? `${e.status}${e.attempts}` : 'attempt' in e ? e.attempt : ''}`);
    assert.deepEqual(story('outer/b/inner'), ['started:1', 'retrying:1', 'started:2', 'finished:failed2', 'started:1', 'finished:succeeded1']);
    assert.deepEqual(story('outer'), ['started:1', 'retrying:1', 'started:2', 'finished:succeeded2']);
    assert.equal(last(events, 'outer/b/inner/0/s').output, 'ok');
  });
  test("a foreach whose items are not a list fails each attempt by itself and retries (docs: items that are not a list)", { timeout: 60_000 }, async () => {
    const yaml = `steps:
  - id: n
    stub: { output: 5 }
  - id: each
    retries: { max: 1, delay: 10ms }
    foreach:
      items: \${steps.n.output}
      steps:
        - id: up
          stub: true
`;
    const { events, fin } = await run(yaml);
    assert.equal(fin.status, 'failed');
    assert.deepEqual(at(events, 'step.retrying', 'each').map((e) => e.error), ['foreach items must be an array, got number']);
    assert.equal(at(events, 'step.started', 'each').length, 2);
    assert.equal(last(events, 'each').attempts, 2);
  });

  test('a retried workflow step runs the called file as analysed before the run, not as its first attempt left it on disk', { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const child = path.join(dir, 'child.weft.yaml');
    const changed = `steps:\n  - id: changed\n    shell: echo changed\n`;
    fs.writeFileSync(path.join(dir, 'changed.yaml'), changed);
    // Attempt 1 overwrites the called file with one whose only step is 'changed', then fails.
    fs.writeFileSync(child, `steps:\n  - id: flaky\n    shell: 'if [ -f marker ]; then echo ok; else touch marker; cp changed.yaml child.weft.yaml; exit 3; fi'\n`);
    const yaml = `steps:
  - id: call
    retries: { max: 1, delay: 10ms }
    workflow: { path: ./child.weft.yaml }
`;
    const { events, fin } = await run(yaml, { dir });
    assert.equal(fin.status, 'succeeded', fin.error);
    assert.equal(fs.readFileSync(child, 'utf8'), changed, 'the file did change on disk');
    assert.equal(last(events, 'call').attempts, 2);
    assert.equal(last(events, 'call/flaky').output, 'ok');
    assert.equal(at(events, 'step.started', 'call/changed').length, 0);
  });
});
