// A foreach iteration's item travels in the events of the steps directly inside it (`item`), so the
// views can name the iteration by what it processes: one line, secrets masked, at most 80 characters.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { RunEvent, StepFinishedEvent, StepStartedEvent } from '../../src/run/events.js';
import { ITEM_PREVIEW_LIMIT } from '../../src/run/events.js';
import { run, tempDir } from './helpers.js';

const SECRET = 'tok-1234567890abcdef';

/** The `item` of the step.started event of `p`. */
const startedItem = (events: RunEvent[], p: string) => events.find((e): e is StepStartedEvent => e.type === 'step.started' && e.path === p)!.item;

test('steps directly in an iteration carry its item; nested and outside steps do not', async () => {
  const long = 'x'.repeat(200);
  const yaml = `steps:
  - id: top
    stub: true
  - id: each
    foreach:
      items: ["data/a.csv", {name: b, size: 2}, "two\\nlines", "${long}", "key=\${env.MY_TOKEN}"]
      steps:
        - id: size
          stub: { output: "\${item}" }
        - id: fan
          parallel:
            - { id: inner, stub: true }
`;
  const { events, fin } = await run(yaml, { env: { ...process.env, MY_TOKEN: SECRET } });
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  const items = (type: string, path: string) =>
    events.filter((e): e is StepStartedEvent | StepFinishedEvent => e.type === type && (e as { path?: string }).path === path).map((e) => e.item);
  for (const type of ['step.started', 'step.finished']) {
    assert.deepEqual(items(type, 'each/0/size'), ['data/a.csv']);
    assert.deepEqual(items(type, 'each/1/size'), ['{"name":"b","size":2}']);
    assert.deepEqual(items(type, 'each/2/size'), ['two lines'], 'one line');
    assert.deepEqual(items(type, 'each/3/size'), ['x'.repeat(ITEM_PREVIEW_LIMIT - 1) + '…']);
    assert.deepEqual(items(type, 'each/4/size'), ['key=***'], 'the secret is masked');
    // A block directly in the iteration carries it; the steps of its branches, in a frame of their own, do not.
    assert.deepEqual(items(type, 'each/0/fan'), ['data/a.csv']);
    assert.deepEqual(items(type, 'each/0/fan/inner'), [undefined]);
    assert.deepEqual(items(type, 'each'), [undefined]);
    assert.deepEqual(items(type, 'top'), [undefined]);
  }
  assert.equal(JSON.stringify(events).includes(SECRET), false);
});

test('a skipped step in an iteration still names it (step.finished carries the item)', async () => {
  const yaml = `steps:
  - id: each
    foreach:
      items: [one, two]
      steps:
        - id: maybe
          if: \${item == 'two'}
          stub: true
`;
  const { events, fin } = await run(yaml);
  assert.equal(fin.status, 'succeeded');
  const skipped = events.find((e): e is StepFinishedEvent => e.type === 'step.finished' && e.path === 'each/0/maybe')!;
  assert.equal(skipped.status, 'skipped');
  assert.equal(skipped.item, 'one');
  assert.equal(events.some((e) => e.type === 'step.started' && e.path === 'each/0/maybe'), false);
});

test('a secret that straddles the 80-character cut is masked before it, and a cut never splits a character', async () => {
  const pad = 'p'.repeat(70);
  const yaml = `steps:
  - id: each
    foreach:
      items: ["${pad}key=\${env.MY_TOKEN}", "${'e'.repeat(ITEM_PREVIEW_LIMIT - 2)}\u{1F600}tail"]
      steps:
        - { id: s, stub: true }
`;
  const { events, fin } = await run(yaml, { env: { ...process.env, MY_TOKEN: SECRET } });
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  // Cut first, the item would end in 'key=tok-12…', which no later redaction recognises.
  assert.equal(startedItem(events, 'each/0/s'), `${pad}key=***`);
  // The emoji is two UTF-16 units at 78 and 79: cut at 79, half of it would be left.
  assert.equal(startedItem(events, 'each/1/s'), 'e'.repeat(ITEM_PREVIEW_LIMIT - 2) + '…');
  assert.equal(JSON.stringify(events).includes(SECRET.slice(0, 4)), false);
});

test('nested foreach and a sub-workflow in an iteration: each step carries the item of the iteration it is directly in', async () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'child.weft.yaml'), 'steps:\n  - { id: leaf, stub: true }\n');
  const yaml = `steps:
  - id: outer
    foreach:
      items: [a, b]
      as: o
      steps:
        - id: inner
          foreach:
            items: [1, null]
            steps:
              - { id: s, stub: true }
        - id: call
          workflow: { path: ./child.weft.yaml }
`;
  const { events, fin } = await run(yaml, { dir });
  assert.equal(fin.status, 'succeeded', JSON.stringify(fin));
  assert.deepEqual(
    ['outer/0/inner', 'outer/1/inner', 'outer/0/inner/0/s', 'outer/1/inner/1/s', 'outer/1/call', 'outer/1/call/leaf'].map((p) => startedItem(events, p)),
    ['a', 'b', '1', 'null', 'b', undefined],
  );
});
