// What `weft run` shows of a block that retried (block-retry.ts): the plain lines say the block's
// attempt failed and that it starts again, its steps start again at the same paths, and the
// summary, the timeline (one bar per step: its last run) and the tree (rebuilt from the record, as
// the live view and the Runs view rebuild it) show each path once, in its last state. A real run
// of the command line, through a pipe.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { RunState } from '../../src/cli/render/run-state.js';
import { renderSummary, renderTimeline } from '../../src/cli/render/summary.js';
import { renderTree } from '../../src/cli/render/tree.js';
import type { PlanNode } from '../../src/plan/types.js';
import type { RunEvent } from '../../src/run/events.js';
import { readRunRecord } from '../../src/run/records.js';
import { FLAKY, WEFT_SOURCE_ARGS } from '../run/helpers.js';

test('weft run prints a retried block: its retry, its steps again, one bar and one count per step', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'weft-block-retry-cli-'));
  const file = path.join(dir, 'wf.weft.yaml');
  fs.writeFileSync(
    file,
    `name: retried\nsteps:\n  - id: par\n    retries: { max: 2, delay: 10ms }\n    parallel:\n      - id: flaky\n        shell: ${FLAKY}\n      - id: other\n        needs: []\n        shell: 'while [ ! -f marker ]; do sleep 0.02; done; echo other'\n`,
  );
  const runs = path.join(dir, 'runs');
  const r = spawnSync(process.execPath, [...WEFT_SOURCE_ARGS, 'run', file, '--runs-dir', runs], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 50_000 });
  assert.equal(r.status, 0, r.stderr + r.stdout);
  const lines = r.stdout.split('\n');
  const has = (re: RegExp) => assert.ok(lines.some((l) => re.test(l)), `${re} in:\n${r.stdout}`);
  has(/^↻ par attempt 1 failed: par\/flaky failed: exit code 3; retrying in \d+ms$/);
  has(/^▶ par started \(attempt 2\)$/);
  has(/^✓ par succeeded in \S+ after 2 attempts$/);
  assert.equal(lines.filter((l) => l === '▶ par/flaky started').length, 2, 'flaky starts again at attempt 1');
  // Summary: one count per step, its last status; the timeline has one bar per step.
  has(/^run succeeded in \S+: 2 succeeded; peak \d running at once$/);
  const bars = lines.filter((l) => /│.*│/.test(l)).map((l) => l.trim().split(' ')[0]);
  assert.deepEqual(bars.sort(), ['par/flaky', 'par/other']);

  // The tree rebuilt from the record: the block at its last attempt, its steps as they ended last.
  const runId = fs.readdirSync(runs).find((f) => f.endsWith('.jsonl'))!.replace(/\.jsonl$/, '');
  const state = new RunState();
  for (const e of await readRunRecord(runs, runId)) state.apply(e);
  assert.equal(state.nodes.get('par')!.status, 'succeeded');
  assert.equal(state.nodes.get('par')!.attempt, 2);
  assert.equal(state.nodes.get('par/flaky')!.status, 'succeeded');
  assert.equal(state.nodes.get('par/flaky')!.error, undefined);
  const tree = renderTree(state, { now: Date.now(), frame: 0, style: { color: false } }).join('\n');
  assert.match(tree, /par.*attempt 2/);
  assert.equal(renderSummary(state, { color: false }).filter((l) => l.includes('✗')).length, 0, 'no failed step listed');
  assert.equal(renderTimeline(state, { color: false }).filter((l) => l.includes('par/flaky')).length, 1);
});

test('a retried foreach with fewer iterations: the tree drops the earlier ones, a path started again is reset', () => {
  const R = { runId: 'r', ts: 0 };
  const plan: PlanNode[] = [{ id: 'each', path: 'each', kind: 'foreach', name: 'each', stage: 1, needs: [], children: [{ id: 'up', path: 'each/up', kind: 'shell', name: 'up', stage: 1, needs: [] }] }];
  const evs: RunEvent[] = [
    { ...R, type: 'run.started', workflow: 'w', file: 'w.weft.yaml', inputs: {}, plan },
    { ...R, ts: 1, type: 'step.started', path: 'each', attempt: 1, kind: 'foreach' },
    { ...R, ts: 2, type: 'step.started', path: 'each/0/up', attempt: 1, kind: 'shell', item: 'a' },
    { ...R, ts: 2, type: 'step.started', path: 'each/1/up', attempt: 1, kind: 'shell', item: 'b' },
    { ...R, ts: 5, type: 'step.finished', path: 'each/0/up', status: 'succeeded', durationMs: 3, attempts: 1, kind: 'shell', output: 'A', item: 'a' },
    { ...R, ts: 6, type: 'step.finished', path: 'each/1/up', status: 'failed', durationMs: 4, attempts: 1, kind: 'shell', error: 'exit code 1', item: 'b' },
    { ...R, ts: 6, type: 'step.retrying', path: 'each', attempt: 1, error: 'each/1/up failed: exit code 1', delayMs: 10 },
    { ...R, ts: 20, type: 'step.started', path: 'each', attempt: 2, kind: 'foreach' },
    { ...R, ts: 21, type: 'step.started', path: 'each/0/up', attempt: 1, kind: 'shell', item: 'a' },
  ];
  const s = new RunState();
  for (const e of evs) s.apply(e);
  assert.equal(s.nodes.get('each/1'), undefined, 'the iteration of attempt 1 not yet started again is gone');
  assert.equal(s.nodes.get('each/1/up'), undefined);
  const up = s.nodes.get('each/0/up')!;
  assert.equal(up.status, 'running');
  assert.equal(up.startedAt, 21, 'started anew');
  assert.equal(up.output, undefined);
  assert.equal(up.finishedAt, undefined);
  assert.deepEqual(
    s.intervals.map((i) => [i.path, i.start]),
    [['each/0/up', 21]],
  );
  assert.equal(s.nodes.get('each')!.status, 'running');
  assert.equal(s.nodes.get('each')!.attempt, 2);
  assert.equal(s.running, 1);
});
