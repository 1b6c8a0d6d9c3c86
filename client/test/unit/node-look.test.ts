// The Runs view refreshes a row only when what it shows changed (node-look.ts): not at each log line
// or each event of a sibling, and new iterations of a big foreach once a second.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RunModel } from '../../src/runs/run-model.js';
import { lookOf, refreshOf, MANY_CHILDREN } from '../../src/runs-view/node-look.js';
import type { RunEvent } from '../../../engine/src/run/events.js';

const runId = 'look-1';
function model(): RunModel {
  const m = new RunModel(runId);
  m.apply({ type: 'run.started', runId, ts: 1, workflow: 'w', file: '/w.weft.yaml', inputs: {}, plan: [
    { id: 'a', path: 'a', kind: 'stub', name: 'a', stage: 1, needs: [] },
    { id: 'each', path: 'each', kind: 'foreach', name: 'each', stage: 1, needs: [], children: [{ id: 's', path: 'each/s', kind: 'stub', name: 's', stage: 1, needs: [] }] },
  ] } as RunEvent);
  return m;
}
const ev = (e: Record<string, unknown>) => ({ runId, ts: 2, ...e }) as RunEvent;

test('a log line or time passing changes no look; a status, an attempt or an item does', () => {
  const m = model();
  m.apply(ev({ type: 'step.started', path: 'a', attempt: 1 }));
  const a = m.step('a')!;
  const before = lookOf(m, a);
  m.apply(ev({ type: 'step.log', path: 'a', stream: 'stdout', text: 'hello\n' }));
  assert.equal(refreshOf(before, lookOf(m, a)), undefined);
  assert.equal(refreshOf(lookOf(m, m.root), lookOf(m, m.root)), undefined);
  m.apply(ev({ type: 'step.finished', path: 'a', status: 'succeeded', durationMs: 5, attempts: 1 }));
  assert.equal(refreshOf(before, lookOf(m, a)), 'now');
  m.apply(ev({ type: 'step.started', path: 'each', attempt: 1 }));
  m.apply(ev({ type: 'step.started', path: 'each/0/s', attempt: 1 }));
  const iteration = m.step('each')!.children[0];
  const unnamed = lookOf(m, iteration);
  m.apply(ev({ type: 'step.finished', path: 'each/0/s', status: 'succeeded', durationMs: 1, attempts: 1, item: 'x.csv' }));
  assert.equal(refreshOf(unnamed, lookOf(m, iteration)), 'now');
  assert.equal(refreshOf(undefined, lookOf(m, iteration)), 'now', 'a row never shown has no look to compare');
});

test('new children show at once on a small node, at the next tick on a big one', () => {
  const m = model();
  m.apply(ev({ type: 'step.started', path: 'each', attempt: 1 }));
  const each = m.step('each')!;
  m.apply(ev({ type: 'step.started', path: 'each/0/s', attempt: 1 }));
  let before = lookOf(m, each);
  m.apply(ev({ type: 'step.started', path: 'each/1/s', attempt: 1 }));
  assert.equal(refreshOf(before, lookOf(m, each)), 'now');
  for (let i = 2; i <= MANY_CHILDREN; i++) m.apply(ev({ type: 'step.started', path: `each/${i}/s`, attempt: 1 }));
  before = lookOf(m, each);
  m.apply(ev({ type: 'step.started', path: `each/${MANY_CHILDREN + 1}/s`, attempt: 1 }));
  assert.equal(refreshOf(before, lookOf(m, each)), 'tick');
  m.apply(ev({ type: 'run.finished', status: 'cancelled', durationMs: 3, counts: {}, outputs: {} }));
  assert.equal(refreshOf(before, lookOf(m, each)), 'now', 'a change of status shows at once, however big the node');
});
