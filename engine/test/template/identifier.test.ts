// One step-id rule: the template lexer's isIdentifier (what `${steps.ID}` can name) accepts exactly
// what the schema's stepId pattern accepts (language spec section 2: [A-Za-z_][A-Za-z0-9_-]*), so
// every id the schema allows can be referenced, and the language server's rename, which checks a
// new id with isIdentifier, allows exactly the ids the schema does.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isIdentifier } from '../../src/template/lexer.js';

const schema = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../schemas/weft.schema.json'), 'utf8')) as { definitions: Record<string, { pattern?: string }> };
const stepId = new RegExp(schema.definitions.stepId.pattern!);

describe('the step-id rule', () => {
  it('isIdentifier and the schema agree on chosen ids', () => {
    const yes = ['a', 'a-', 'a--', '_', '_-', 'fetch-', 'my-step_2', 'A9', 'x-1-', 'process-a'];
    const no = ['', '-', '-a', '1a', '9lives', 'a b', 'a.b', 'a}', "a'", 'a+', 'é', 'a\n', ' a'];
    for (const s of yes) assert.deepEqual([isIdentifier(s), stepId.test(s)], [true, true], JSON.stringify(s));
    for (const s of no) assert.deepEqual([isIdentifier(s), stepId.test(s)], [false, false], JSON.stringify(s));
  });

  it('isIdentifier and the schema agree on every string of up to three characters drawn from a, Z, 0, _, -, dot, space and [', () => {
    const alphabet = ['a', 'Z', '0', '_', '-', '.', ' ', '['];
    let strings = [''];
    for (let len = 1; len <= 3; len++) {
      strings = strings.flatMap((s) => alphabet.map((c) => s + c));
      for (const s of strings) assert.equal(isIdentifier(s), stepId.test(s), JSON.stringify(s));
    }
  });
});
