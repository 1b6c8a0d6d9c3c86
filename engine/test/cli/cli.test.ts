// The command line as users and scripts see it (interfaces spec, "Command line"): `node dist/cli.js`
// spawned for real, its stdout, stderr and exit codes.
import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { buildDist, weftDist as weft } from './dist-cli.js';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const FIX = 'engine/test/fixtures/diagnostics';
const SEEDS = 'engine/test/fixtures/seeds';

before(buildDist);

describe('weft validate', () => {
  it('prints path:line:col: severity code: message for each diagnostic, and exits 1 on errors', () => {
    const file = `${FIX}/unknown-step/needs-entry.weft.yaml`;
    const r = weft('validate', file);
    assert.equal(r.code, 1);
    assert.equal(
      r.stdout,
      `${file}:8:20: error unknown-step: unknown step 'migrte'; did you mean 'migrate'?\n` +
        `${file}:11:12: error unknown-step: unknown step 'relase'; did you mean 'release'?\n`,
    );
    assert.equal(r.stderr, '1 file: 2 errors, 0 warnings\n');
  });

  it('validates several files in one call', () => {
    const a = `${FIX}/unknown-step/typo.weft.yaml`;
    const b = `${FIX}/valid/functions.weft.yaml`;
    const c = `${FIX}/cycle/self-reference.weft.yaml`;
    const r = weft('validate', a, b, c);
    assert.equal(r.code, 1);
    assert.deepEqual(r.stdout.trim().split('\n'), [
      `${a}:8:56: error unknown-step: unknown step 'fecth'; did you mean 'fetch'?`,
      `${c}:5:57: error cycle: dependency cycle: generate -> generate (a step cannot wait for itself)`,
    ]);
    assert.equal(r.stderr, '3 files: 2 errors, 0 warnings\n');
  });

  it('exits 0 on a clean file and says so on stderr only', () => {
    const r = weft('validate', `${SEEDS}/002-mixed.weft.yaml`, `${FIX}/valid/nested-three-deep.weft.yaml`);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, '2 files: no problems\n');
  });

  it('exits 0 when there are only warnings', () => {
    const file = `${FIX}/file-race/two-writers.weft.yaml`;
    const r = weft('validate', file);
    assert.equal(r.code, 0);
    const lines = r.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    for (const l of lines) assert.match(l, new RegExp(`^${file.replace(/\./g, '\\.')}:\\d+:\\d+: warning file-race: 'log_lint' and 'log_test' both use 'build.log'`));
    assert.equal(r.stderr, '1 file: 0 errors, 2 warnings\n');
  });

  it('--json prints one array with 0-based LSP ranges and nothing else on stdout', () => {
    const file = `${FIX}/unknown-step/typo.weft.yaml`;
    const r = weft('validate', '--json', file);
    assert.equal(r.code, 1);
    const parsed = JSON.parse(r.stdout);
    assert.deepEqual(parsed, [
      {
        file,
        range: { start: { line: 7, character: 55 }, end: { line: 7, character: 60 } },
        severity: 'error',
        code: 'unknown-step',
        message: "unknown step 'fecth'; did you mean 'fetch'?",
      },
    ]);
    assert.equal(r.stdout.trim()[0], '[');
    assert.equal(r.stdout.trim().at(-1), ']');
  });

  it('--json on clean files prints [] and exits 0', () => {
    const r = weft('validate', `${SEEDS}/002-mixed.weft.yaml`, '--json');
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('reports yaml-syntax like any other diagnostic', () => {
    const file = `${FIX}/yaml-syntax/tab.weft.yaml`;
    const r = weft('validate', file);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, `${file}:6:1: error yaml-syntax: tabs are not allowed as indentation\n`);
  });

  it('exits 2 on wrong usage: an unknown flag, a missing file, no file, no command', () => {
    const usage: [string[], RegExp][] = [
      [['validate', '--bogus', `${SEEDS}/002-mixed.weft.yaml`], /Unknown option '--bogus'/],
      [['validate', 'no/such/file.weft.yaml'], /cannot read 'no\/such\/file\.weft\.yaml'/],
      [['validate'], /validate needs at least one file/],
      [['frobnicate'], /unknown command 'frobnicate'/],
    ];
    for (const [args, why] of usage) {
      const r = weft(...args);
      assert.equal(r.code, 2, `weft ${args.join(' ')}`);
      assert.match(r.stderr, why);
      assert.equal(r.stdout, '');
    }
    const bare = weft();
    assert.equal(bare.code, 2);
    assert.match(bare.stderr, /no command given[\s\S]*Usage:/);
    assert.equal(bare.stdout, '');
  });

  it('prints the usage for --help, before or after a command', () => {
    for (const args of [['--help'], ['help'], ['run', '--help'], ['validate', '-h'], ['graph', 'x.weft.yaml', '--help']]) {
      const r = weft(...args);
      assert.equal(r.code, 0, `weft ${args.join(' ')}`);
      assert.match(r.stdout, /^Usage:\n {2}weft run <file>/);
      assert.equal(r.stderr, '');
    }
  });
});

describe('bad input', () => {
  it('refuses a file over 10 MB, a folder and binary garbage with a precise message, never a stack trace', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-cli-bad-'));
    const huge = path.join(dir, 'huge.weft.yaml');
    fs.writeFileSync(huge, 'steps:\n' + '  - { id: s, stub: true }\n'.repeat(450_000));
    const big = weft('validate', huge);
    assert.equal(big.code, 2);
    assert.match(big.stderr, /is 1\d\.\d MB; a workflow file may be at most 10 MB/);
    const folder = weft('validate', dir);
    assert.equal(folder.code, 2);
    assert.match(folder.stderr, /is a folder, not a workflow file/);
    const garbage = path.join(dir, 'garbage.weft.yaml');
    fs.writeFileSync(garbage, Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x5b, 0x3a, 0x0a, 0x09, 0x22]));
    const g = weft('validate', garbage);
    assert.equal(g.code, 1);
    assert.match(g.stdout, /garbage\.weft\.yaml:\d+:\d+: error yaml-syntax: /);
    for (const r of [big, folder, g]) assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  });

  it('reads a pipe (/dev/stdin) up to the size limit, and refuses an endless device instead of hanging', () => {
    const script = `printf 'steps:\\n  - id: a\\n    stub: true\\n' | "$0" "$1" validate /dev/stdin`;
    const piped = spawnSync('bash', ['-c', script, process.execPath, CLI], { cwd: ROOT, encoding: 'utf8', timeout: 20_000 });
    assert.equal(piped.status, 0, piped.stderr);
    assert.equal(piped.stderr, '1 file: no problems\n');
    const zero = weft('validate', '/dev/zero');
    assert.equal(zero.code, 2, 'ends (spawnSync would time out on a hang)');
    assert.equal(zero.stderr, "weft validate: '/dev/zero' is more than 10 MB; a workflow file may be at most 10 MB\n");
    const runZero = weft('run', '/dev/zero');
    assert.equal(runZero.code, 2);
    assert.equal(runZero.stderr, "weft run: '/dev/zero' is more than 10 MB; a workflow file may be at most 10 MB\n");
    assert.equal(weft('run', os.tmpdir()).stderr, `weft run: '${os.tmpdir()}' is a folder, not a workflow file\n`);
    // A regular file of size 0 whose read blocks (root can open it; others get 'permission denied').
    if (fs.existsSync('/proc/kmsg')) {
      const kmsg = weft('validate', '/proc/kmsg');
      assert.equal(kmsg.code, 2, 'ends');
      // In the words of a call's workflow-not-found diagnostic (the next test).
      assert.match(kmsg.stderr, /^weft validate: cannot read '\/proc\/kmsg': (it cannot be read to its end without waiting, within 10 MB|permission denied)\n$/);
    }
  });

  it('reads a called workflow only when it is a regular file: a FIFO, /dev/zero, /proc/kmsg cannot be read, at once, and say why', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-cli-special-'));
    const fifo = path.join(dir, 'child.weft.yaml');
    spawnSync('mkfifo', [fifo]);
    const targets: [string, string][] = [
      [fifo, 'it is a named pipe, not a regular file'],
      ['/dev/zero', 'it is a device, not a regular file'],
      ...(fs.existsSync('/proc/kmsg') ? [['/proc/kmsg', '(it cannot be read to its end without waiting, within 10 MB|permission denied)'] as [string, string]] : []),
    ];
    for (const [target, why] of targets) {
      const file = path.join(dir, 'caller.weft.yaml');
      fs.writeFileSync(file, `steps:\n  - id: child\n    workflow:\n      path: ${JSON.stringify(target)}\n`);
      const r = weft('validate', file);
      assert.equal(r.code, 1, `${target}: ends (a blocking read would time out) with an error`);
      assert.match(r.stdout, new RegExp(`error workflow-not-found: workflow file '${target.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' cannot be read: ${why}\\n`));
    }
  });

  it('never hangs on a folder that cannot be made under /proc (where Node\'s recursive mkdir loops forever): --runs-dir, a file step', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-cli-proc-'));
    const file = path.join(dir, 'w.weft.yaml');
    fs.writeFileSync(file, 'steps:\n  - id: w\n    file: { action: write, path: /proc/weft-no-such/x.txt, content: hi }\n');
    const runsDir = weft('run', file, '--runs-dir', '/proc/weft-no-such/runs');
    assert.equal(runsDir.code, 2, 'ends (spawnSync would time out on a hang)');
    assert.equal(runsDir.stderr, "weft run: cannot write the run's record in '/proc/weft-no-such/runs': no such file or directory, mkdir '/proc/weft-no-such'\n");
    const step = weft('run', file, '--allow-outside-root', '--runs-dir', path.join(dir, 'runs'), '--json');
    assert.equal(step.code, 1, 'ends, with the step failed');
    const ends = step.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; error?: string });
    assert.equal(ends.find((e) => e.type === 'step.finished')?.error, "file: no such file '/proc/weft-no-such/x.txt'");
  });
});

describe('weft plan', () => {
  /** `weft plan file` succeeds and prints exactly `lines` (each followed by a line break). */
  const assertPlan = (file: string, lines: string[]) => {
    const r = weft('plan', file);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, lines.map((l) => `${l}\n`).join(''));
  };

  it('prints the stages of the seed-002 Mixed example in the seed order', () => {
    assertPlan(`${SEEDS}/002-mixed.weft.yaml`, [
      '002-mixed: 5 steps, 3 stages, up to 10 at once',
      '',
      '  1. read_file runs first',
      '  2. process1, process2, process3 run in parallel (all depend on read_file)',
      '  3. combine runs last (depends on process1, process2, process3)',
      '',
      'critical path: read_file -> process1 -> combine',
    ]);
  });

  it('--json prints the plan object', () => {
    const r = weft('plan', '--json', `${SEEDS}/004-chained-parallel-groups.weft.yaml`);
    assert.equal(r.code, 0, r.stderr);
    const plan = JSON.parse(r.stdout);
    assert.equal(plan.workflow, 'multi-parallel');
    assert.equal(plan.stages, 5);
    assert.deepEqual(plan.steps.map((s: { id: string; stage: number }) => [s.id, s.stage]), [['prepare', 1], ['group1', 2], ['intermediate', 3], ['group2', 4], ['finalize', 5]]);
    assert.deepEqual(plan.steps[3].children.map((c: { path: string }) => c.path), ['group2/group2StepA', 'group2/group2StepB', 'group2/group2StepC']);
    assert.deepEqual(plan.steps[4].needs, ['group2']);
  });

  it("says what a block's steps wait for on the block's line (the seed-004 chained groups, read by the steps)", () => {
    // The blocks have no needs of their own: their steps read `prepare` and `intermediate`.
    assertPlan('examples/chained-parallel-groups.weft.yaml', [
      'chained-parallel-groups: 10 steps, 5 stages, up to 10 at once',
      '',
      '  1. prepare runs first',
      '  2. group1 runs (depends on prepare)',
      '     group1:',
      '       group1StepA, group1StepB run in parallel',
      '  3. intermediate runs (depends on group1)',
      '  4. group2 runs (depends on intermediate)',
      '     group2:',
      '       group2StepA, group2StepB, group2StepC run in parallel',
      '  5. finalize runs last (depends on group2)',
      '',
      'critical path: prepare -> group1/group1StepA -> intermediate -> group2/group2StepA -> finalize',
    ]);
  });

  it("shows a sub-workflow's steps under the step that calls it", () => {
    assertPlan('examples/sub-workflow.weft.yaml', [
      'sub-workflow: 3 steps, 2 stages, up to 10 at once',
      '',
      '  1. first, second run first, in parallel',
      '     first: sub-workflow',
      '       words, lines, longest run in parallel',
      '     second: sub-workflow',
      '       words, lines, longest run in parallel',
      '  2. compare runs last (depends on first, second)',
      '',
      'critical path: first -> compare',
    ]);
  });

  it('refuses a file with errors: diagnostics on stderr, nothing on stdout, exit 1', () => {
    const file = `${FIX}/cycle/two-steps.weft.yaml`;
    const r = weft('plan', file);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^${file.replace(/\./g, '\\.')}:4:37: error cycle: dependency cycle: ping -> pong -> ping$`, 'm'));
  });

  it('exits 2 without exactly one file', () => {
    assert.equal(weft('plan').code, 2);
    assert.equal(weft('plan', `${SEEDS}/002-mixed.weft.yaml`, `${SEEDS}/003-parallel.weft.yaml`).code, 2);
  });
});

describe('weft graph', () => {
  const file = `${SEEDS}/004-independent-operations.weft.yaml`;

  it('prints mermaid by default: flowchart TD, a subgraph per block, an edge per dependency', () => {
    const r = weft('graph', file);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines[0], 'flowchart TD');
    assert.ok(lines.includes('  subgraph n_operations["operations · parallel"]'), r.stdout);
    assert.ok(lines.includes('    n_operations_2f_sendEmail["sendEmail"]'), r.stdout);
    assert.equal(lines.filter((l) => /^\s*subgraph /.test(l)).length, 1);
    assert.equal(lines.filter((l) => l.trim() === 'end').length, 1);
    assert.deepEqual(lines.filter((l) => l.includes('-->')), ['  n_validateInput --> n_operations', '  n_operations --> n_finalize']);
  });

  it('draws named branches as nested subgraphs', () => {
    const r = weft('graph', '--format', 'mermaid', `${SEEDS}/003-parallel.weft.yaml`);
    assert.equal(r.code, 0, r.stderr);
    const subgraphs = r.stdout.split('\n').filter((l) => /^\s*subgraph /.test(l)).map((l) => l.trim());
    assert.deepEqual(subgraphs, [
      'subgraph n_parallel_step["parallel_step · parallel"]',
      'subgraph n_parallel_step_2f_branch1["branch1"]',
      'subgraph n_parallel_step_2f_branch2["branch2"]',
    ]);
    assert.match(r.stdout, /n_parallel_step_2f_branch1_2f_hello_stub --> n_parallel_step_2f_branch1_2f_hello_python/);
  });

  it("draws a sub-workflow's steps in a subgraph of the step that calls it", () => {
    const r = weft('graph', '--format', 'mermaid', 'examples/sub-workflow.weft.yaml');
    assert.equal(r.code, 0, r.stderr);
    const subgraphs = r.stdout.split('\n').filter((l) => /^\s*subgraph /.test(l)).map((l) => l.trim());
    assert.deepEqual(subgraphs, ['subgraph n_first["first · sub-workflow"]', 'subgraph n_second["second · sub-workflow"]']);
    assert.match(r.stdout, /subgraph n_first\["first · sub-workflow"\]\n {4}n_first_2f_words\["words"\]\n/);
  });

  it('--format dot prints a digraph with clusters and edges', () => {
    const r = weft('graph', file, '--format', 'dot');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^digraph "independent" \{\n/);
    assert.match(r.stdout, /subgraph "cluster_operations" \{/);
    // Edges to and from a block meet its cluster's border (Graphviz's lhead/ltail), not the invisible
    // anchor inside it, which drew them from an empty spot among the block's steps.
    assert.match(r.stdout, /\n {2}"validateInput" -> "operations" \[lhead="cluster_operations"\];\n/);
    assert.match(r.stdout, /\n {2}"operations" -> "finalize" \[ltail="cluster_operations"\];\n/);
    assert.ok(r.stdout.trimEnd().endsWith('}'));
  });

  it('--format json prints nodes and edges', () => {
    const r = weft('graph', file, '--format', 'json');
    assert.equal(r.code, 0, r.stderr);
    const g = JSON.parse(r.stdout);
    assert.equal(g.workflow, 'independent');
    assert.deepEqual(g.nodes.map((n: { id: string; parent: string | null }) => [n.id, n.parent]), [
      ['validateInput', null], ['operations', null], ['operations/sendEmail', 'operations'], ['operations/updateDatabase', 'operations'],
      ['operations/callWebhook', 'operations'], ['operations/generateReport', 'operations'], ['finalize', null],
    ]);
    assert.deepEqual(g.edges, [{ from: 'validateInput', to: 'operations' }, { from: 'operations', to: 'finalize' }]);
  });

  it('rejects an unknown format with exit 2', () => {
    const r = weft('graph', file, '--format', 'png');
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /unknown format 'png'; use mermaid, dot or json/);
  });
});

describe('a reader that goes away early (`weft ... | head`)', () => {
  /** Runs weft with `closed` (stdout unless told) a pipe that is closed after its first chunk; resolves with the exit. */
  function closeEarly(args: string[], cwd = ROOT, closed: 'stdout' | 'stderr' = 'stdout'): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
      const text = { stdout: '', stderr: '' };
      for (const name of ['stdout', 'stderr'] as const) {
        const stream = child[name];
        if (name === closed) stream.once('data', () => stream.destroy());
        else stream.setEncoding('utf8').on('data', (d: string) => (text[name] += d));
      }
      child.on('close', (code) => resolve({ code, ...text }));
    });
  }

  it('weft graph ends quietly with its own exit code, no stack trace', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-pipe-'));
    const file = path.join(dir, 'big.weft.yaml');
    // About 200 KB of mermaid: more than a pipe holds, so writing goes on after the reader left.
    fs.writeFileSync(file, 'steps:\n' + Array.from({ length: 4000 }, (_, i) => `  - { id: step_with_a_long_name_${i}, stub: true }\n`).join(''));
    const r = await closeEarly(['graph', file]);
    // Its one line on stderr is the warning that Mermaid would not draw a graph this large.
    assert.match(r.stderr, /^weft graph: warning: this graph has \d+ characters \(Mermaid reads at most 50000\)[^\n]*\n$/);
    assert.equal(r.code, 0);
  });

  it('weft run --json runs to its end and writes its whole record', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-pipe-'));
    const file = path.join(dir, 'w.weft.yaml');
    fs.writeFileSync(file, `steps:\n  - { id: first, stub: { delay: 50ms } }\n${Array.from({ length: 200 }, (_, i) => `  - { id: s${i}, needs: first, shell: "echo ${'x'.repeat(400)}" }\n`).join('')}`);
    const r = await closeEarly(['run', 'w.weft.yaml', '--json', '--runs-dir', 'runs'], dir);
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    const [record] = fs.readdirSync(path.join(dir, 'runs')).filter((f) => f.endsWith('.jsonl'));
    const last = JSON.parse(fs.readFileSync(path.join(dir, 'runs', record), 'utf8').trimEnd().split('\n').pop()!);
    assert.deepEqual([last.type, last.status, last.counts], ['run.finished', 'succeeded', { succeeded: 201 }]);
  });

  it('a closed stderr does not stop a command either (weft plan printing many warnings)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-pipe-'));
    const file = path.join(dir, 'warnings.weft.yaml');
    // 2,000 file-race warnings on stderr, some 300 KB: more than a pipe holds.
    const pair = (i: number) => `  - { id: a${i}, file: { action: append, path: log${i}.txt, content: a } }\n  - { id: b${i}, file: { action: append, path: log${i}.txt, content: b } }\n`;
    fs.writeFileSync(file, 'steps:\n' + Array.from({ length: 1000 }, (_, i) => pair(i)).join(''));
    const r = await closeEarly(['plan', file], ROOT, 'stderr');
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^warnings: 2000 steps, 1 stage/);
  });
});
