// `weft run` as a process: exit codes 0/1/2, --json prints only JSON lines, plain lines when stdout
// is not a terminal, the live tree on a pseudo-terminal (util-linux `script`), Ctrl-C cancels.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { alive, readPids, tempDir, WEFT_SOURCE_ARGS } from './helpers.js';

function weft(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [...WEFT_SOURCE_ARGS, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function workflow(text: string): { dir: string; file: string } {
  const dir = tempDir('weft-cli-');
  const file = path.join(dir, 'wf.weft.yaml');
  fs.writeFileSync(file, text);
  return { dir, file };
}

const OK = `steps:
  - id: a
    shell: echo one
  - id: b
    stub: { output: two, delay: 20ms }
  - id: c
    stub: { output: "\${steps.a.output}+\${steps.b.output}" }
outputs:
  joined: \${steps.c.output}
`;

test('plain lines when stdout is not a terminal; summary, timeline, record; exit 0', () => {
  const { dir, file } = workflow(OK);
  const r = weft(['run', file], dir);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^run \S+ wf \(/);
  assert.match(r.stdout, /▶ a started/);
  assert.match(r.stdout, /✓ c succeeded in \d+ms → one\+two/);
  assert.match(r.stdout, /run succeeded in .*: 3 succeeded; peak 2 running at once/);
  assert.match(r.stdout, /joined: one\+two/);
  assert.match(r.stdout, /timeline \(/);
  assert.equal(/\x1b\[/.test(r.stdout), false);
  assert.equal(fs.readdirSync(path.join(dir, '.weft', 'runs')).filter((f) => f.endsWith('.jsonl')).length, 1);
});

test('--json prints only JSON lines: the event stream', () => {
  const { dir, file } = workflow(OK);
  const r = weft(['run', file, '--json', '--runs-dir', 'records'], dir);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  const events = lines.map((l) => JSON.parse(l));
  assert.equal(events[0].type, 'run.started');
  assert.equal(events.at(-1).type, 'run.finished');
  assert.deepEqual(events.at(-1).outputs, { joined: 'one+two' });
  assert.ok(fs.existsSync(path.join(dir, 'records', `${events[0].runId}.jsonl`)));
});

test('exit 1 for a failed run and for a workflow with errors; exit 2 for wrong usage', () => {
  const failing = workflow('steps:\n  - id: a\n    shell: exit 4\n');
  const f = weft(['run', failing.file], failing.dir);
  assert.equal(f.code, 1);
  assert.match(f.stdout, /✗ a: exit code 4/);
  const bad = workflow('steps:\n  - id: fetch\n    stub: true\n  - id: use\n    stub: { output: "${steps.fecth.output}" }\n');
  const b = weft(['run', bad.file], bad.dir);
  assert.equal(b.code, 1);
  assert.match(b.stderr, /wf\.weft\.yaml:5:\d+: error unknown-step: .*did you mean 'fetch'/);
  assert.equal(b.stdout, '');
  assert.equal(weft(['run', bad.file, '--bogus'], bad.dir).code, 2);
  assert.equal(weft(['run', 'missing.weft.yaml'], bad.dir).code, 2);
  assert.equal(weft(['run'], bad.dir).code, 2);
  const needs = workflow('inputs:\n  topic:\n    type: string\nsteps:\n  - id: a\n    stub: true\n');
  const n = weft(['run', needs.file], needs.dir);
  assert.equal(n.code, 2);
  assert.match(n.stderr, /missing required input 'topic'/);
  assert.equal(weft(['run', needs.file, '--input', 'topic=x', '--max-concurrency', '0'], needs.dir).code, 2);
  assert.equal(weft(['run', needs.file, '--input', 'topic=x', '--max-concurrency', '2', '--dry-run'], needs.dir).code, 0);
});

test('the live tree on a terminal (pseudo-terminal through script)', { skip: !fs.existsSync('/usr/bin/script') }, () => {
  const { dir, file } = workflow(OK);
  const cmd = [process.execPath, ...WEFT_SOURCE_ARGS, 'run', file].map((a) => JSON.stringify(a)).join(' ');
  const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '100', LINES: '40' }, timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\x1b\[\d+A/, 'the tree is redrawn in place');
  assert.match(r.stdout, /✓ c {2}stub/);
  assert.match(r.stdout, /stage 1 of 2/);
  assert.match(r.stdout, /run succeeded in/);
});

test('Ctrl-C cancels the run cleanly: cancelled, exit 1, no process left', async () => {
  const { dir, file } = workflow(`steps:\n  - id: long\n    shell: 'echo $$ >> pids; sleep 30 & echo $! >> pids; wait'\n  - id: next\n    needs: long\n    stub: true\n`);
  const child = spawn(process.execPath, [...WEFT_SOURCE_ARGS, 'run', file, '--json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let sent = false;
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (out += d));
  const poll = setInterval(() => {
    if (!sent && out.includes('"step.started"') && readPids(path.join(dir, 'pids')).length === 2) {
      sent = true;
      child.kill('SIGINT');
    }
  }, 50);
  const code = await new Promise<number | null>((r) => child.on('close', (c, sig) => r(c ?? (sig as unknown as number))));
  clearInterval(poll);
  assert.equal(code, 1);
  const events = out.trim().split('\n').map((l) => JSON.parse(l));
  const fin = events.at(-1);
  assert.equal(fin.type, 'run.finished');
  assert.equal(fin.status, 'cancelled');
  assert.equal(events.find((e) => e.type === 'step.finished' && e.path === 'next').status, 'skipped');
  for (const pid of readPids(path.join(dir, 'pids'))) assert.equal(alive(pid), false);
});
