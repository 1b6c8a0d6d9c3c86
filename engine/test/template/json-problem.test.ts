// jsonProblem: where and why JSON text does not parse. V8 gives a position for some errors; for the
// others (`Unexpected token`, `Unexpected end`) the hand-written scan (jsonErrorAt) finds it, and
// is checked here directly, not only through the steps that read JSON.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { jsonProblem } from '../../src/template/json-problem.js';

function problem(text: string): string {
  try {
    JSON.parse(text);
  } catch (e) {
    return jsonProblem(text, e);
  }
  throw new Error(`${JSON.stringify(text)} parsed`);
}

test('positions V8 does not give are found by the scan', () => {
  assert.equal(problem(''), 'unexpected end of JSON input at line 1, column 1 (position 0)');
  assert.equal(problem('[1,]'), "unexpected token ']' at line 1, column 4 (position 3)");
  assert.equal(problem('tru'), 'unexpected end of JSON input at line 1, column 4 (position 3)');
  assert.equal(problem('{"a": [1, {"b": nul}]}'), "unexpected token '}' at line 1, column 20 (position 19)");
});

test("V8's own positions are kept, as line and column", () => {
  assert.equal(problem(' {}x'), 'unexpected non-whitespace character after JSON at line 1, column 4 (position 3)');
  assert.equal(problem('"\\x"'), 'bad escaped character at line 1, column 3 (position 2)');
  assert.equal(problem('{"a":1\n,}'), 'expected double-quoted property name at line 2, column 2 (position 8)');
  assert.equal(problem('[1 2]'), "expected ',' or ']' after array element at line 1, column 4 (position 3)");
});
