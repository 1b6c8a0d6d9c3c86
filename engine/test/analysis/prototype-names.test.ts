// Names that Object.prototype also has (toString, constructor, __proto__, hasOwnProperty) written in a
// workflow as a function, a property or a step key are unknown like any other: the analyser neither
// throws nor takes them for known names nor suggests a native function's source.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { parseWorkflow } from '../../src/model/parse.js';

const NAMES = ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf'];

function messages(text: string): string[] {
  return analyse(parseWorkflow(text, 'w.weft.yaml')).diagnostics.map((d) => `${d.code}: ${d.message}`);
}

describe('names that objects inherit', () => {
  for (const name of NAMES) {
    it(`'${name}' as a function, a run or step property, an output field and a step key`, () => {
      const text = [
        'steps:',
        '  - id: b',
        '    stub: { output: { x: 1 } }',
        '  - id: a',
        `    shell: echo \${${name}(1)} \${run.${name}} \${steps.b.${name}} \${steps.b.output.${name}}`,
        `    ${name}: x`,
        '',
      ].join('\n');
      assert.deepEqual(messages(text), [
        `unknown-function: unknown function '${name}'; the functions are length, contains, startsWith, endsWith, json, fromJson`,
        `unknown-property: 'run' has no property '${name}'; it has id, workflow, startedAt`,
        `unknown-property: step 'b' (stub) has no property '${name}'; it has output, status, error, attempts, durationMs`,
        `unknown-property: the output of 'b' has no field '${name}'; it has x`,
        `schema: unknown key '${name}' in step 'a'`,
      ]);
    });
  }
});
