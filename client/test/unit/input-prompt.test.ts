// Unit tests of Run with Inputs' input box (commands/input-prompt.ts): it refuses, as the user types,
// what the run would refuse, in the run's words, and gives the run what `weft run --input` would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promptProblem, promptText, promptValue } from '../../src/commands/input-prompt.js';
import { readWorkflowInfo, type InputInfo } from '../../src/workflow-info.js';
import { coerceInputs } from '../../../engine/src/run/workflow-frame.js';
import { parseWorkflow } from '../../../engine/src/model/parse.js';

const text = `name: typed
inputs:
  topic: parallel computing
  depth:
    type: number
    default: 2
  dry:
    type: boolean
    default: false
  opts:
    type: object
    default: {a: 1}
  tags:
    type: array
    required: false
  who:
    type: string
steps:
  - id: s
    stub: true
`;
const inputs = new Map(readWorkflowInfo(text).inputs.map((i) => [i.name, i]));
const input = (name: string): InputInfo => inputs.get(name)!;

/** What the run is given for one input typed as `typed`, through the engine's own conversion. */
function runGets(name: string, typed: string): unknown {
  const given: Record<string, unknown> = { who: 'me' };
  const v = promptValue(input(name), typed);
  if (v !== undefined) given[name] = v;
  return coerceInputs(parseWorkflow(text, '/w/typed.weft.yaml').inputs, given)[name];
}

test('a boolean input takes true or false only: True, yes or 1 are refused in the box, not run as false', () => {
  for (const typed of ['True', 'yes', '1', 'TRUE', ' true']) {
    assert.match(promptProblem(input('dry'), typed) ?? '', /^input 'dry' must be a boolean \(true or false\), got /, typed);
  }
  assert.equal(promptProblem(input('dry'), 'true'), undefined);
  assert.equal(runGets('dry', 'true'), true);
  assert.equal(runGets('dry', 'false'), false);
});

test('a number input takes a number as JSON writes one, as weft run --input does', () => {
  for (const typed of ['0x10', ' 5', 'Infinity', '1_000', 'abc', '.5']) {
    assert.match(promptProblem(input('depth'), typed) ?? '', /^input 'depth' must be a number/, typed);
  }
  for (const typed of ['16', '-2', '0.5', '1e3']) assert.equal(promptProblem(input('depth'), typed), undefined, typed);
  assert.equal(runGets('depth', '16'), 16);
});

test('an object or array input must be JSON of its kind before the run starts', () => {
  assert.match(promptProblem(input('opts'), '{a: 1}') ?? '', /^input 'opts' must be JSON object, got '\{a: 1\}'/);
  assert.match(promptProblem(input('opts'), '[1]') ?? '', /must be JSON object/);
  assert.match(promptProblem(input('tags'), '{"a":1}') ?? '', /^input 'tags' must be JSON array/);
  assert.equal(promptProblem(input('opts'), '{"a":1}'), undefined);
  assert.deepEqual(runGets('opts', '{"a":2}'), { a: 2 });
  assert.deepEqual(runGets('tags', '["x"]'), ['x']);
});

test('an empty box: refused for a required input; an optional one gets its default, or null', () => {
  assert.equal(promptProblem(input('who'), ''), "input 'who' is required");
  assert.equal(promptProblem(input('tags'), ''), undefined);
  assert.equal(promptValue(input('tags'), ''), undefined);
  assert.equal(runGets('tags', ''), null);
  assert.equal(runGets('depth', ''), 2);
  assert.equal(runGets('topic', 'threads'), 'threads');
});

test('the box starts with the default as it would be typed', () => {
  assert.equal(promptText(input('topic')), 'parallel computing');
  assert.equal(promptText(input('depth')), '2');
  assert.equal(promptText(input('dry')), 'false');
  assert.equal(promptText(input('opts')), '{"a":1}');
  assert.equal(promptText(input('tags')), '');
  assert.equal(promptText(input('depth'), 5), '5');
  // What the box starts with is a value the box takes.
  for (const i of inputs.values()) if (promptText(i) !== '') assert.equal(promptProblem(i, promptText(i)), undefined, i.name);
});
