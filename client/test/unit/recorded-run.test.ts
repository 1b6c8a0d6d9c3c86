// The Runs view's model fed with a run recorded from the real engine (`weft run blocks.weft.yaml
// --json`, in recordings/): a parallel block with named branches, a shorthand parallel list, a foreach
// over three items and a sub-workflow. Checks the tree the view shows and every final status.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { RunModel, parseRecord, type ModelNode } from '../../src/runs/run-model.js';

const events = parseRecord(fs.readFileSync(path.join(__dirname, 'recordings', 'blocks.jsonl'), 'utf8'));

function shape(n: ModelNode): unknown {
  const label = n.type === 'run' ? 'run' : n.type === 'stage' ? `stage ${n.stage}` : n.type === 'branch' ? `branch ${n.name}` : n.type === 'iteration' ? `#${n.index}` : n.path;
  return n.children.length ? { [label]: n.children.map(shape) } : label;
}

test('the recorded run builds the parallel execution tree', () => {
  const m = new RunModel(events[0].runId);
  events.forEach((e) => m.apply(e));
  assert.deepEqual(shape(m.root), {
    run: [
      { 'stage 1': ['start'] },
      { 'stage 2': [
        { fan: [{ 'branch left': ['fan/left/l1'] }, { 'branch right': [{ 'stage 1': ['fan/right/r1'] }, { 'stage 2': ['fan/right/r2'] }] }] },
        { quick: ['quick/a', 'quick/b'] },
        { each: [{ '#0': ['each/0/up'] }, { '#1': ['each/1/up'] }, { '#2': ['each/2/up'] }] },
        { sub: ['sub/hello', 'sub/bye'] },
      ] },
      { 'stage 3': ['done'] },
    ],
  });
  assert.equal(m.root.status, 'succeeded');
  for (const s of m.allSteps()) assert.equal(m.statusOf(s), 'succeeded', s.path);
  assert.equal(m.step('each/1/up')!.output, 'Y');
  assert.equal(m.step('each/1/up')!.staticPath, 'each/up');
  assert.equal(m.step('sub/bye')!.output, 'bye hello go');
});

test('replayed one event at a time, independent steps are running together at some point', () => {
  const m = new RunModel(events[0].runId);
  let max = 0;
  for (const e of events) {
    m.apply(e);
    max = Math.max(max, m.leafSteps().filter((s) => s.status === 'running').length);
  }
  assert.ok(max >= 4, `at most ${max} leaves running at once`);
});
