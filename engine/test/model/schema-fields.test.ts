// isStepField: which places inside a step the schema has (the cycle search leaves out references
// under a key the schema rejects, golden cycle/through-unknown-key).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStepField } from '../../src/model/schema-fields.js';

describe('isStepField', () => {
  it('knows the fields of steps, actions and blocks, through unions, lists and open values', () => {
    for (const path of [['if'], ['shell'], ['shell', 'run'], ['shell', 'env', 'X'], ['http', 'headers', 'Accept'], ['http', 'body', 'a', 0, 'b'], ['stub', 'output', 'x', 'y'], ['retries', 'max'], ['foreach', 'items'], ['foreach', 'items', 2], ['workflow', 'inputs', 'topic'], ['llm', 'prompt'], ['file', 'content']]) {
      assert.equal(isStepField(path), true, path.join('.'));
    }
  });

  it("rejects keys the schema does not have, at any depth", () => {
    for (const path of [['outputs', 'v'], ['with', 'from'], ['env', 'X'], ['shell', 'script'], ['retries', 'limit'], ['http', 'data'], ['stub', 'result'], ['foreach', 'withItems', 0]]) {
      assert.equal(isStepField(path), false, path.join('.'));
    }
  });
});
