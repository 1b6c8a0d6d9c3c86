// The run views, driven by events only: the live tree (stages, branches, iterations, spinner,
// attempts), plain lines, the summary and the overlap timeline.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PlainPrinter } from '../../src/cli/render/plain.js';
import { RunState } from '../../src/cli/render/run-state.js';
import { renderSummary, renderTimeline } from '../../src/cli/render/summary.js';
import { renderTree } from '../../src/cli/render/tree.js';
import { fitLine } from '../../src/cli/render/live.js';
import type { RunEvent } from '../../src/run/events.js';
import { run } from './helpers.js';

const R = { runId: 'r1' };
const plan = [
  { id: 'fetch', path: 'fetch', kind: 'shell' as const, name: 'fetch', stage: 1, needs: [] },
  {
    id: 'fan',
    path: 'fan',
    kind: 'parallel' as const,
    name: 'fan',
    stage: 2,
    needs: ['fetch'],
    children: [
      { id: 'a', path: 'fan/a', kind: 'stub' as const, name: 'a', stage: 1, needs: [] },
      { id: 'b', path: 'fan/b', kind: 'stub' as const, name: 'b', stage: 1, needs: [] },
    ],
  },
  { id: 'each', path: 'each', kind: 'foreach' as const, name: 'each', stage: 2, needs: ['fetch'], children: [{ id: 's', path: 'each/s', kind: 'shell' as const, name: 's', stage: 1, needs: [] }] },
];
const events: RunEvent[] = [
  { ...R, type: 'run.started', ts: 1000, workflow: 'demo', file: '/w/demo.weft.yaml', inputs: {}, plan },
  { ...R, type: 'step.started', ts: 1000, path: 'fetch', attempt: 1, kind: 'shell' },
  { ...R, type: 'step.log', ts: 1001, path: 'fetch', stream: 'stdout', text: 'line one\nline ' },
  { ...R, type: 'step.log', ts: 1002, path: 'fetch', stream: 'stdout', text: 'two\n' },
  { ...R, type: 'step.finished', ts: 1100, path: 'fetch', status: 'succeeded', durationMs: 100, attempts: 1, output: 'ok', kind: 'shell' },
  { ...R, type: 'step.started', ts: 1100, path: 'fan', attempt: 1, kind: 'parallel' },
  { ...R, type: 'step.started', ts: 1100, path: 'fan/a', attempt: 1, kind: 'stub' },
  { ...R, type: 'step.started', ts: 1100, path: 'fan/b', attempt: 1, kind: 'stub' },
  { ...R, type: 'step.started', ts: 1100, path: 'each', attempt: 1, kind: 'foreach' },
  { ...R, type: 'step.started', ts: 1100, path: 'each/0/s', attempt: 1, kind: 'shell' },
  { ...R, type: 'step.retrying', ts: 1150, path: 'each/0/s', attempt: 1, error: 'exit code 1', delayMs: 10 },
  { ...R, type: 'step.started', ts: 1160, path: 'each/0/s', attempt: 2, kind: 'shell' },
];
const tail: RunEvent[] = [
  { ...R, type: 'step.finished', ts: 1200, path: 'fan/a', status: 'succeeded', durationMs: 100, attempts: 1, kind: 'stub' },
  { ...R, type: 'step.finished', ts: 1300, path: 'fan/b', status: 'failed', durationMs: 200, attempts: 1, error: 'bad thing', kind: 'stub' },
  { ...R, type: 'step.finished', ts: 1300, path: 'fan', status: 'failed', durationMs: 200, attempts: 1, kind: 'parallel' },
  { ...R, type: 'step.finished', ts: 1300, path: 'each/0/s', status: 'cancelled', durationMs: 200, attempts: 2, kind: 'shell' },
  { ...R, type: 'step.finished', ts: 1300, path: 'each', status: 'cancelled', durationMs: 200, attempts: 1, kind: 'foreach' },
  { ...R, type: 'run.finished', ts: 1300, status: 'failed', durationMs: 300, counts: { succeeded: 2, failed: 1, cancelled: 1 }, outputs: {}, error: 'fan/b failed: bad thing' },
];

test('live tree: stages, blocks, dynamic foreach iterations, spinner, attempts, durations', () => {
  const s = new RunState();
  for (const e of events) s.apply(e);
  const lines = renderTree(s, { now: 1250, frame: 0, style: { color: false } });
  const text = lines.join('\n');
  assert.match(lines[0], /^demo r1 {2}3 running, 1\/4 done {2}250ms$/);
  assert.match(text, /stage 1 of 2\n✓ fetch {2}shell {2}100ms/);
  assert.match(text, /stage 2 of 2 · 2 in parallel/);
  assert.match(text, /⠋ fan {2}parallel {2}150ms\n {2}├─ ⠋ a {2}stub {2}150ms\n {2}└─ ⠋ b {2}stub {2}150ms/);
  assert.match(text, /⠋ each {2}foreach/);
  assert.match(text, /└─ ⠋ \[0\]\n {5}└─ ⠋ s {2}shell {2}attempt 2 {2}150ms/);
  assert.equal(text.includes('each/s'), false, 'the static body is replaced by the iterations');
});

// Events as an engine before 6fa9456 wrote them: no step.finished for the steps under a skipped block.
test('the final tree settles what never got an event (a record from before the engine\'s skipped events): the steps of a skipped sub-workflow and foreach body are skipped, not pending', () => {
  const s = new RunState();
  const calls = [
    { id: 'gate', path: 'gate', kind: 'shell' as const, name: 'gate', stage: 1, needs: [] },
    { id: 'call', path: 'call', kind: 'workflow' as const, name: 'call', stage: 2, needs: ['gate'], children: [{ id: 'one', path: 'call/one', kind: 'shell' as const, name: 'one', stage: 1, needs: [] }] },
    { id: 'fe', path: 'fe', kind: 'foreach' as const, name: 'fe', stage: 2, needs: ['gate'], children: [{ id: 'x', path: 'fe/x', kind: 'shell' as const, name: 'x', stage: 1, needs: [] }] },
  ];
  for (const e of [
    { ...R, type: 'run.started', ts: 1000, workflow: 'calls', file: '/w/calls.weft.yaml', inputs: {}, plan: calls },
    { ...R, type: 'step.started', ts: 1000, path: 'gate', attempt: 1, kind: 'shell' },
    { ...R, type: 'step.finished', ts: 1010, path: 'gate', status: 'failed', durationMs: 10, attempts: 1, error: 'exit code 1', kind: 'shell' },
    { ...R, type: 'step.finished', ts: 1010, path: 'call', status: 'skipped', durationMs: 0, attempts: 0, kind: 'workflow' },
    { ...R, type: 'step.finished', ts: 1010, path: 'fe', status: 'skipped', durationMs: 0, attempts: 0, kind: 'foreach' },
    { ...R, type: 'run.finished', ts: 1010, status: 'failed', durationMs: 10, counts: { failed: 1 }, outputs: {} },
  ] as RunEvent[]) s.apply(e);
  const lines = renderTree(s, { now: 1010, frame: 0, style: { color: false } });
  assert.match(lines[0], /^calls r1 {2}0 running, 3\/3 done {2}10ms$/);
  const text = lines.join('\n');
  assert.match(text, /○ call {2}workflow\n {2}└─ ○ one {2}shell/);
  assert.match(text, /○ fe {2}foreach\n {2}└─ ○ x {2}shell/);
});

test('a foreach over [] shows its body once, skipped by its own events before run.finished, a parallel block included', async () => {
  const yaml = `steps:
  - id: each
    foreach:
      items: []
      steps:
        - { id: s, stub: true }
        - id: par
          parallel:
            branches:
              left: [{ id: l, stub: true }]
              right: [{ id: r, stub: true }]
`;
  const { events } = await run(yaml);
  const s = new RunState();
  const tree = () => renderTree(s, { now: 0, frame: 0, style: { color: false } }).slice(1).map((l) => l.replace(/ {2}\d+ms$/, ''));
  const expected = ['✓ each  foreach', '  ├─ ○ s  stub', '  └─ ○ par  parallel', '     ├─ ○ left  branch', '     │  └─ ○ l  stub', '     └─ ○ right  branch', '        └─ ○ r  stub'];
  for (const e of events.filter((e) => e.type !== 'run.finished')) s.apply(e);
  assert.deepEqual(tree(), expected, 'from the steps\' own events, not settled');
  s.apply(events.find((e) => e.type === 'run.finished')!);
  assert.deepEqual(tree(), expected, 'the final tree');
});

test('a foreach iteration is named by its item, in the tree and in plain lines', () => {
  const withItems: RunEvent[] = [
    ...events.slice(0, 9),
    { ...R, type: 'step.started', ts: 1100, path: 'each/0/s', attempt: 1, kind: 'shell', item: 'data/a.csv' },
    { ...R, type: 'step.started', ts: 1100, path: 'each/1/s', attempt: 1, kind: 'shell', item: '{"n":2}' },
  ];
  const s = new RunState();
  for (const e of withItems) s.apply(e);
  const text = renderTree(s, { now: 1250, frame: 0, style: { color: false } }).join('\n');
  assert.match(text, /├─ ⠋ \[0\] data\/a\.csv\n/);
  assert.match(text, /└─ ⠋ \[1\] \{"n":2\}\n/);
  const out: string[] = [];
  const p = new PlainPrinter((line) => out.push(line));
  for (const e of withItems) p.event(e);
  assert.match(out.join(''), /▶ each\/0\/s started · item data\/a\.csv\n▶ each\/1\/s started · item \{"n":2\}\n$/);
  // A retry's line names the attempt, not the item again.
  p.event({ ...R, type: 'step.started', ts: 1150, path: 'each/0/s', attempt: 2, kind: 'shell', item: 'data/a.csv' });
  assert.equal(out.at(-1), '▶ each/0/s started (attempt 2)\n');
  // The finished event carries the item again: the label keeps it once.
  s.apply({ ...R, type: 'step.finished', ts: 1200, path: 'each/0/s', status: 'succeeded', durationMs: 100, attempts: 1, kind: 'shell', item: 'data/a.csv' });
  assert.equal(s.nodes.get('each/0')!.label, '[0] data/a.csv');
});

test('the tree folds to the terminal height', () => {
  const s = new RunState();
  for (const e of events) s.apply(e);
  const lines = renderTree(s, { now: 1250, frame: 1, style: { color: false }, maxLines: 5 });
  assert.ok(lines.length <= 5);
  assert.match(lines.at(-1)!, /lines folded/);
});

test('plain lines: one line per event, logs by line with their path, no escape codes', () => {
  const out: string[] = [];
  const p = new PlainPrinter((s) => out.push(s));
  for (const e of [...events, ...tail]) p.event(e);
  const text = out.join('');
  assert.equal(/\x1b/.test(text), false);
  assert.match(text, /^run r1 demo \(\/w\/demo.weft.yaml\)\n▶ fetch started\n {2}fetch \| line one\n {2}fetch \| line two\n✓ fetch succeeded in 100ms → ok\n/);
  assert.match(text, /↻ each\/0\/s attempt 1 failed: exit code 1; retrying in 10ms/);
  assert.match(text, /▶ each\/0\/s started \(attempt 2\)/);
  assert.match(text, /✗ fan\/b failed in 200ms: bad thing/);
  // The run's end is left to the summary, which follows with the counts (no line says it twice).
  assert.match(text, /⊘ each cancelled in 200ms\n$/);
  assert.doesNotMatch(text, /run failed/);
});

test('summary and timeline show counts, failures and which steps overlapped', () => {
  const s = new RunState();
  for (const e of [...events, ...tail]) s.apply(e);
  const summary = renderSummary(s, { color: false }).join('\n');
  assert.match(summary, /run failed in 300ms: 2 succeeded, 1 failed, 1 cancelled; peak 3 running at once/);
  assert.match(summary, /✗ fan\/b: bad thing/);
  const tl = renderTimeline(s, { color: false }, 30);
  assert.match(tl[1], /timeline \(300ms, 30 columns/);
  const bar = (p: string) => tl.find((l) => l.trimStart().startsWith(p))!.split('│')[1];
  assert.equal(bar('fetch').indexOf('█'), 0);
  assert.equal(bar('fetch').lastIndexOf('█'), 9);
  assert.equal(bar('fan/a').indexOf('█'), 10);
  assert.equal(bar('fan/b').lastIndexOf('█'), 29);
});

test('fitLine cuts visible characters, keeping colour codes whole', () => {
  assert.equal(fitLine('\x1b[32mhello\x1b[0m world', 3), '\x1b[32mhel\x1b[0m');
  assert.equal(fitLine('short', 10), 'short');
});
