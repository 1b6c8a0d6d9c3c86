// Unit tests of the YAML reader behind step decorations, "reveal step" and "Run with Inputs".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readWorkflowInfo, staticPath } from '../../src/workflow-info.js';

const text = `name: demo
inputs:
  topic: parallel computing
  depth:
    type: number
    default: 2
  who:
    type: string
steps:
  - id: fetch
    shell: echo hi
  - id: analyses
    parallel:
      branches:
        summary:
          - id: sum
            stub: true
  - id: quick
    parallel: [ {id: a, stub: true}, {id: b, stub: true} ]
  - id: per_file
    foreach:
      items: [1, 2]
      steps:
        - id: size
          stub: true
`;

test('step locations by static path', () => {
  const info = readWorkflowInfo(text);
  assert.deepEqual([...info.steps.keys()], ['fetch', 'analyses', 'analyses/summary/sum', 'quick', 'quick/a', 'quick/b', 'per_file', 'per_file/size']);
  const fetch = info.steps.get('fetch')!;
  assert.equal(text.slice(fetch.start, fetch.end), 'fetch');
  assert.equal(info.name, 'demo');
  assert.equal(staticPath('per_file/3/size'), 'per_file/size');
});

test('inputs with defaults and required ones', () => {
  const info = readWorkflowInfo(text);
  assert.deepEqual(info.inputs.map((i) => [i.name, i.type, i.default, i.required]), [
    ['topic', 'string', 'parallel computing', false],
    ['depth', 'number', 2, false],
    ['who', 'string', undefined, true],
  ]);
});

test('broken YAML gives what it can', () => {
  assert.equal(readWorkflowInfo('steps: [').steps.size, 0);
});

test('a step whose id comes in through a merge key is found, as the run finds it', () => {
  const merged = 'steps:\n  - &base { id: one, stub: true }\n  - { <<: { id: two }, stub: true }\n';
  const info = readWorkflowInfo(merged);
  assert.deepEqual([...info.steps.keys()], ['one', 'two']);
  const two = info.steps.get('two')!;
  assert.equal(merged.slice(two.start, two.end), 'two');
});
