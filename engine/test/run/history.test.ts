// What a run learns from the newest earlier run of the same file (history.ts): the mean duration of
// each leaf step that succeeded, by static path (a foreach's iterations share theirs), for the ready
// queue's priorities. Read from the record, whose step.log lines are skipped unparsed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { parseWorkflow } from '../../src/model/parse.js';
import { previousDurations } from '../../src/run/history.js';
import { run } from './helpers.js';

const WORKFLOW = `steps:
  - id: slow
    stub: { output: s, delay: 120ms }
  - id: chatty
    shell: for i in $(seq 1 2000); do echo "line $i \\"step.finished\\" with quotes"; done
  - id: each
    foreach:
      items: [1, 2, 3]
      steps:
        - id: x
          stub: { output: "\${item}", delay: 30ms }
  - id: broken
    shell: exit 3
`;

test('durations of the newest earlier run: leaf steps that succeeded, foreach iterations averaged by static path', async () => {
  const first = await run(WORKFLOW, { continueOnError: true });
  assert.equal(first.fin.status, 'succeeded');
  const model = parseWorkflow(fs.readFileSync(first.file, 'utf8'), first.file);
  const d = await previousDurations(first.runsDir, model);
  assert.ok(d, 'durations were read');
  assert.deepEqual([...d.keys()].sort(), ['chatty', 'each/x', 'slow'], 'no block, no failed step, one entry for the iterations');
  const finished = (p: string) => first.events.filter((e) => e.type === 'step.finished' && e.path === p).map((e) => (e as { durationMs: number }).durationMs);
  assert.equal(d.get('slow'), finished('slow')[0]);
  const xs = [0, 1, 2].flatMap((i) => finished(`each/${i}/x`));
  assert.equal(d.get('each/x'), xs.reduce((a, b) => a + b, 0) / 3);
  // A later, killed run of the same file (no run.finished) is not the one read.
  const record = path.join(first.runsDir, '29991231T235959-ffff.jsonl');
  fs.writeFileSync(record, JSON.stringify({ type: 'run.started', runId: '29991231T235959-ffff', ts: Date.now() + 1e9, workflow: 'w', file: first.file, inputs: {}, plan: [] }) + '\n{"type":"step.fin');
  assert.deepEqual(await previousDurations(first.runsDir, model), d);
});

test('no earlier run of the file: no durations', async () => {
  const first = await run(WORKFLOW, { continueOnError: true });
  const other = parseWorkflow(WORKFLOW, path.join(first.dir, 'other.weft.yaml'));
  assert.equal(await previousDurations(first.runsDir, other), undefined);
});

test('the earlier run is found however its file is written, as --resume last finds it; a record naming no file is passed over', async () => {
  const first = await run(WORKFLOW, { continueOnError: true });
  const text = fs.readFileSync(first.file, 'utf8');
  // The same file, written another way (`sub/../`): the rule of sameFile (resolved; any case on Windows).
  const roundabout = parseWorkflow(text, `${first.dir}/sub/../${path.basename(first.file)}`);
  const d = await previousDurations(first.runsDir, roundabout);
  assert.ok(d, 'durations were read');
  assert.deepEqual(d, await previousDurations(first.runsDir, parseWorkflow(text, first.file)));
  // A newer finished record whose `file` is not text (hand-made, or another tool's) is no run of it.
  const id = '29991231T235959-eeee';
  const bad = [
    { type: 'run.started', runId: id, ts: Date.now() + 1e9, workflow: 'w', file: 5, inputs: {}, plan: [] },
    { type: 'run.finished', runId: id, ts: Date.now() + 1e9, status: 'succeeded', durationMs: 1, counts: {}, outputs: {} },
  ];
  fs.writeFileSync(path.join(first.runsDir, `${id}.jsonl`), bad.map((e) => JSON.stringify(e)).join('\n') + '\n');
  assert.deepEqual(await previousDurations(first.runsDir, roundabout), d);
});
