// Records, resume, redaction and dry runs: the event log on disk equals the stream, full outputs are
// kept per step, --resume reuses what succeeded with an unchanged definition, secrets never reach
// events, logs, outputs or records.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { test } from 'node:test';
import { listRuns, readRunRecord, readStepOutput, ResumeError, RunsDirError, startRun, WorkflowInvalidError } from '../../src/run/index.js';
import { finished, run, sleep, tempDir, WEFT_SOURCE_ARGS } from './helpers.js';

test('the record on disk is the event stream; full outputs are kept beside it', async () => {
  const big = 'x'.repeat(10_000);
  const yaml = `steps:\n  - id: big\n    stub: { output: "${big}" }\n  - id: each\n    foreach:\n      items: [1, 2]\n      steps:\n        - id: s\n          stub: { output: "\${item}" }\n`;
  const { events, fin, runsDir } = await run(yaml);
  const onDisk = await readRunRecord(runsDir, fin.runId);
  assert.deepEqual(onDisk, events);
  assert.ok(Buffer.byteLength(finished(events, 'big').output!) <= 4096, 'the event carries a preview');
  const full = await readStepOutput(runsDir, fin.runId, 'big');
  assert.equal(full?.output, big);
  assert.equal((await readStepOutput(runsDir, fin.runId, 'each/1/s'))?.output, 2);
  const runs = await listRuns(runsDir);
  assert.equal(runs.length, 1);
  assert.equal(runs[0].runId, fin.runId);
  assert.equal(runs[0].status, 'succeeded');
  assert.match(fin.runId, /^\d{8}T\d{6}-[0-9a-f]{4}$/);
});

test('every finished step has its output file, even with few file descriptors (a foreach of 3,000 quick items, ulimit -n 256)', { timeout: 120_000 }, () => {
  const dir = tempDir();
  const file = path.join(dir, 'many.weft.yaml');
  const items = JSON.stringify(Array.from({ length: 3000 }, (_, i) => i));
  fs.writeFileSync(file, `steps:\n  - id: each\n    foreach:\n      items: ${items}\n      steps:\n        - id: s\n          stub: { output: "\${item}" }\n`);
  // `weft run` in a shell with a low limit on open files (the engine's own process cannot lower it).
  const r = spawnSync('bash', ['-c', 'ulimit -n 256 && exec "$0" "$@" --json', process.execPath, ...WEFT_SOURCE_ARGS, 'run', file], { cwd: dir, encoding: 'utf8', timeout: 100_000 });
  assert.equal(r.status, 0, r.stderr);
  const runsDir = path.join(dir, '.weft', 'runs');
  const [runId] = fs.readdirSync(runsDir).filter((f) => f.endsWith('.jsonl')).map((f) => f.slice(0, -'.jsonl'.length));
  const outputs = fs.readdirSync(path.join(runsDir, runId!, 'outputs'));
  assert.equal(outputs.length, 3000, 'one per iteration');
  assert.ok(outputs.includes(`${encodeURIComponent('each/2999/s')}.json`));
});

test('a runs folder that cannot be made is refused at once with a clear error (under /proc: cli.test.ts)', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'a-file'), '');
  const file = path.join(dir, 'w.weft.yaml');
  fs.writeFileSync(file, 'steps:\n  - id: a\n    stub: true\n');
  const runsDir = path.join(dir, 'a-file', 'runs');
  await assert.rejects(startRun({ file, runsDir }), (e: Error) => {
    assert.ok(e instanceof RunsDirError);
    assert.equal(e.message, `cannot write the run's record in '${runsDir}': not a directory, mkdir '${runsDir}'`);
    return true;
  });
});

test('an invalid workflow is refused with its diagnostics and leaves no record', async () => {
  const dir = tempDir();
  const file = path.join(dir, 'bad.weft.yaml');
  fs.writeFileSync(file, 'steps:\n  - id: a\n    stub: { output: "${steps.nope.output}" }\n');
  await assert.rejects(
    startRun({ file, runsDir: path.join(dir, 'runs') }),
    (e: unknown) => e instanceof WorkflowInvalidError && e.diagnostics.some((d) => d.code === 'unknown-step'),
  );
  assert.equal(fs.existsSync(path.join(dir, 'runs')), false);
});

test('resume reuses succeeded steps whose definition is unchanged and runs the rest', async () => {
  const dir = tempDir();
  const yaml = (n: string) => `steps:
  - id: a
    shell: 'echo a >> log; echo A'
  - id: b
    needs: a
    shell: 'echo b >> log; test -f ok'
  - id: c
    stub: { output: "\${steps.a.output}-\${steps.b.status}-${n}" }
`;
  const first = await run(yaml('1'), { dir });
  assert.equal(first.fin.status, 'failed');
  fs.writeFileSync(path.join(dir, 'ok'), '');
  const second = await run(yaml('2'), { dir, resume: 'last' });
  assert.equal(second.fin.status, 'succeeded');
  const started = second.events.find((e) => e.type === 'run.started');
  assert.equal(started?.type === 'run.started' && started.resumedFrom, first.fin.runId);
  assert.equal(finished(second.events, 'a').reused, true);
  assert.equal(finished(second.events, 'b').reused, undefined);
  assert.equal(finished(second.events, 'c').output, 'A-succeeded-2');
  assert.equal(fs.readFileSync(path.join(dir, 'log'), 'utf8'), 'a\nb\nb\n', 'a ran once, b twice');
  // A changed definition is not reused.
  const third = await run(yaml('2').replace("echo A'", "echo AA'"), { dir, resume: second.fin.runId });
  assert.equal(finished(third.events, 'a').reused, undefined);
  assert.equal(finished(third.events, 'b').reused, true);
});

test('--resume last takes the newest run of the file that has ended, not one still going', { timeout: 60_000 }, async () => {
  const dir = tempDir();
  const yaml = `steps:
  - id: a
    shell: 'echo A'
  - id: b
    needs: a
    shell: 'test -f ok'
`;
  const first = await run(yaml, { dir });
  assert.equal(first.fin.status, 'failed');
  // A second run, still going: its b waits for 'release'.
  let going!: string;
  const second = run(yaml.replace("test -f ok", 'until [ -f release ]; do sleep 0.02; done'), { dir, onHandle: (h) => (going = h.runId) });
  const record = () => path.join(dir, '.weft', 'runs', `${going}.jsonl`);
  while (!fs.existsSync(record()) || !fs.readFileSync(record(), 'utf8').includes('"path":"b"')) await sleep(20);
  fs.writeFileSync(path.join(dir, 'ok'), '');
  try {
    const third = await run(yaml, { dir, resume: 'last' });
    const started = third.events.find((e) => e.type === 'run.started');
    assert.equal(started?.type === 'run.started' && started.resumedFrom, first.fin.runId, 'the ended run, not the one still going');
  } finally {
    fs.writeFileSync(path.join(dir, 'release'), '');
    assert.equal((await second).fin.status, 'succeeded');
  }
});

test('--resume takes only a run of the same file, named as it is in the runs folder', async () => {
  const dir = tempDir();
  const runsDir = path.join(dir, 'runs');
  const yaml = `steps:\n  - id: a\n    shell: 'echo a >> log; echo A'\n`;
  const other = await run(yaml, { dir, runsDir, name: 'other.weft.yaml' });
  assert.equal(other.fin.status, 'succeeded');
  // Same step paths in another file: its outputs are another workflow's, so nothing is reused.
  const refused = (message: string) => (e: unknown) => e instanceof ResumeError && e.message === message;
  await assert.rejects(
    run(yaml, { dir, runsDir, resume: other.fin.runId }),
    refused(`run '${other.fin.runId}' is of ${other.file}, not ${path.join(dir, 'test.weft.yaml')}: resume a run of this file`),
  );
  // A record outside the runs folder is not reached through the id.
  fs.writeFileSync(path.join(dir, 'outside.jsonl'), fs.readFileSync(path.join(runsDir, `${other.fin.runId}.jsonl`)));
  await assert.rejects(run(yaml, { dir, runsDir, name: 'other.weft.yaml', resume: '../outside' }), refused(`no run '../outside' in ${runsDir}`));
  assert.equal(fs.readFileSync(path.join(dir, 'log'), 'utf8'), 'a\n', 'a refused resume runs nothing');
});

test('secrets are redacted from events, logs, outputs and the record', async () => {
  const secret = 'sk-test-1234567890abcdef';
  const token = 'tok-abcdefgh';
  const extra = 'from-vscode-secret-storage';
  const yaml = `steps:
  - id: leak
    shell: 'echo "key=$MY_API_KEY token=$GH_TOKEN x=$EXTRA"; echo "$MY_API_KEY" >&2'
  - id: use
    stub: { output: "\${steps.leak.output} \${env.MY_API_KEY}" }
outputs:
  both: \${steps.use.output}
`;
  const { events, fin, runsDir } = await run(yaml, {
    env: { ...process.env, MY_API_KEY: secret, GH_TOKEN: token },
    secrets: { EXTRA: extra },
  });
  assert.equal(fin.status, 'succeeded');
  const text = JSON.stringify(events);
  for (const s of [secret, token, extra]) {
    assert.equal(text.includes(s), false, `${s} is not in the events`);
  }
  assert.ok(text.includes('key=*** token=*** x=***'));
  const files = [path.join(runsDir, `${fin.runId}.jsonl`), ...fs.readdirSync(path.join(runsDir, fin.runId, 'outputs')).map((f) => path.join(runsDir, fin.runId, 'outputs', f))];
  for (const f of files) {
    const body = fs.readFileSync(f, 'utf8');
    for (const s of [secret, token, extra]) assert.equal(body.includes(s), false, `${s} is not in ${path.basename(f)}`);
  }
  assert.equal(fin.outputs.both, 'key=*** token=*** x=*** ***');
});

test('dry run resolves what it can, runs no action and writes no record', async () => {
  const dir = tempDir();
  const yaml = `inputs:\n  who: you\nsteps:\n  - id: a\n    shell: 'touch ran; echo hi \${inputs.who}'\n  - id: b\n    stub: { output: "got \${steps.a.output}" }\n`;
  const { events, fin, runsDir } = await run(yaml, { dir, dryRun: true });
  assert.equal(fin.status, 'succeeded');
  assert.equal(fs.existsSync(path.join(dir, 'ran')), false);
  assert.equal(finished(events, 'a').output, "touch ran; echo hi you");
  assert.equal(finished(events, 'a').dryRun, true);
  assert.match(finished(events, 'b').output!, /got <steps\.a\.output>/);
  assert.equal(fs.existsSync(runsDir), false);
});

test('inputs: types are coerced, unknown and missing inputs are refused', async () => {
  const yaml = `inputs:\n  n:\n    type: number\n  flag:\n    type: boolean\n    default: false\nsteps:\n  - id: a\n    stub: { output: "\${inputs.n == 3 && !inputs.flag}" }\n`;
  const ok = await run(yaml, { inputs: { n: '3' } });
  assert.equal(finished(ok.events, 'a').output, 'true');
  await assert.rejects(run(yaml), /missing required input 'n'/);
  await assert.rejects(run(yaml, { inputs: { n: '3', bogus: 'x' } }), /unknown input 'bogus'/);
});

test('listRuns reads records from their ends: big, killed (partial last line) and finished runs', async () => {
  const dir = tempDir();
  const started = (id: string) => JSON.stringify({ type: 'run.started', runId: id, ts: 1, workflow: 'w', file: '/w.weft.yaml', inputs: {}, plan: [{ id: 'x'.repeat(40_000), path: 'p', kind: 'stub', name: 'n', stage: 1, needs: [] }] });
  const log = (id: string) => JSON.stringify({ type: 'step.log', runId: id, ts: 2, path: 'p', stream: 'stdout', text: 'y'.repeat(1000) });
  const fin = (id: string) => JSON.stringify({ type: 'run.finished', runId: id, ts: 3, status: 'failed', durationMs: 2, counts: {}, outputs: { big: 'z'.repeat(50_000) } });
  const a = '20260101T000000-aaaa';
  const b = '20260101T000001-bbbb';
  fs.writeFileSync(path.join(dir, `${a}.jsonl`), [started(a), ...Array.from({ length: 200 }, () => log(a)), fin(a)].join('\n') + '\n');
  fs.writeFileSync(path.join(dir, `${b}.jsonl`), [started(b), log(b), '{"type":"step.fin'].join('\n'));
  const runs = await listRuns(dir);
  assert.deepEqual(
    runs.map((r) => [r.runId, r.status]),
    [
      [b, 'running'],
      [a, 'failed'],
    ],
  );
  assert.equal((await readRunRecord(dir, b)).length, 2, 'the partial line is skipped');
});

test("a step's record: fields in order, kind-specific fields after them, the same in ${steps.X} and in the outputs file", async () => {
  const yaml = `steps:
  - id: a
    shell: 'echo out; echo err >&2; exit 3'
    continueOnError: true
  - id: b
    needs: a
    stub: { output: "\${steps.a.status}/\${steps.a.exitCode}/\${steps.a.stderr}/\${steps.a.attempts}" }
`;
  const { fin, runsDir } = await run(yaml);
  const b = await readStepOutput(runsDir, fin.runId, 'b');
  assert.equal(b?.output, 'failed/3/err\n/1');
  const a = await readStepOutput(runsDir, fin.runId, 'a');
  assert.ok(a);
  assert.deepEqual(Object.keys(a).slice(0, 5), ['output', 'status', 'error', 'attempts', 'durationMs']);
  assert.equal(a.status, 'failed');
  assert.equal(a.exitCode, 3);
  assert.equal(a.attempts, 1);
  assert.match(String(a.error), /exit/);
  assert.deepEqual(Object.keys(b!).slice(0, 5), ['output', 'status', 'error', 'attempts', 'durationMs']);
  assert.equal(b!.error, null);
});
