// What a foreach's `items` may be (docs/language-choices.md): an array; JSON text of an array; other
// text, as its non-empty lines (`ls` output); null, as no iterations. Anything else fails the step.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toItems } from '../../src/run/blocks.js';
import { finished, run } from './helpers.js';

test('toItems: arrays as they are, JSON text of an array, lines of other text, null as none', () => {
  assert.deepEqual(toItems([1, 'a', { b: 2 }]), [1, 'a', { b: 2 }]);
  assert.deepEqual(toItems(' [1, "two", {"three": 3}]\n'), [1, 'two', { three: 3 }]);
  assert.deepEqual(toItems('a.csv\r\nb.csv\n\n  \nc d.csv\n'), ['a.csv', 'b.csv', 'c d.csv']);
  assert.deepEqual(toItems('one'), ['one']);
  assert.deepEqual(toItems('{"not": "an array"}'), ['{"not": "an array"}'], 'JSON of an object is one line of text');
  assert.deepEqual(toItems('[not json'), ['[not json']);
  assert.deepEqual(toItems(''), []);
  assert.deepEqual(toItems(null), []);
  assert.deepEqual(toItems(undefined), []);
  assert.throws(() => toItems(3), /^Error: foreach items must be an array, got number$/);
  assert.throws(() => toItems({ a: 1 }), /^Error: foreach items must be an array, got object$/);
  assert.throws(() => toItems(true), /got boolean/);
});

test('a run loops over the lines a shell step printed; a number fails the foreach with a message', async () => {
  const r = await run(
    `steps:
  - id: ls
    shell: printf 'a.csv\\nb.csv\\n'
  - id: each
    foreach:
      items: \${steps.ls.output}
      steps:
        - id: size
          stub: { output: "size of \${item}" }
  - id: count
    stub: { output: 3 }
  - id: bad
    foreach:
      items: \${steps.count.output}
      steps:
        - id: x
          stub: true
`,
    { continueOnError: true },
  );
  assert.equal(finished(r.events, 'each/0/size').output, 'size of a.csv');
  assert.equal(finished(r.events, 'each/1/size').output, 'size of b.csv');
  assert.ok(!r.events.some((e) => e.type === 'step.started' && e.path === 'each/2/size'));
  assert.equal(finished(r.events, 'bad').status, 'failed');
  assert.match(finished(r.events, 'bad').error!, /foreach items must be an array, got number/);
});
