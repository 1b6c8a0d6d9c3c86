// What `[key]` and `.name` pick out of a value at run time: an index is a whole number or text that
// writes one, never null, a boolean, empty text or a list (which JavaScript's Number() read as 0 or 1,
// so a missing key picked the first item); an object's key is text or a number, and a key that is
// an object itself (JSON text with a `toString` field) is no key, not a TypeError. Found by the
// differential test against reference-evaluator.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TemplateEvalError } from '../../src/template/evaluate.js';
import { parseTemplate } from '../../src/template/parse.js';
import { evaluateWith } from './evaluate-with.js';

const ev = evaluateWith;

describe('indexes of lists and texts', () => {
  const inputs = { list: ['a', 'b', 'c'], text: 'xyz', matrix: [[1, 2], [3, 4]] };

  it('take whole numbers and text that writes one, from the end when negative', () => {
    assert.equal(ev('${inputs.list[1]}', inputs), 'b');
    assert.equal(ev("${inputs.list['1']}", inputs), 'b');
    assert.equal(ev('${inputs.list[-1]}', inputs), 'c');
    assert.equal(ev("${inputs.list['-1']}", inputs), 'c');
    assert.equal(ev('${inputs.list[-0]}', inputs), 'a');
    assert.equal(ev('${inputs.text[2]}', inputs), 'z');
    assert.equal(ev('${inputs.list.length}', inputs), 3);
  });

  it('null, a boolean, empty or padded text, hex or a list is no index', () => {
    for (const key of ['null', 'inputs.missing', 'true', 'false', "''", "' 1'", "'1 '", "'0x1'", "'1.0'", "'1e0'", "fromJson('[1]')", "fromJson('[]')", '1.5']) {
      assert.equal(ev(`\${inputs.list[${key}]}`, inputs), null, `list[${key}]`);
      assert.equal(ev(`\${inputs.text[${key}]}`, inputs), null, `text[${key}]`);
    }
  });

  it('`.0.1` is [0][1], though the lexer reads 0.1 as one number', () => {
    assert.equal(ev('${inputs.matrix.1.0}', inputs), 3);
    assert.equal(ev('${inputs.matrix.0}', inputs), inputs.matrix[0]);
    assert.equal(ev('${inputs.matrix.1.0}', inputs), ev('${inputs.matrix[1][0]}', inputs));
  });

  it('after a dot, a number other than a whole one is a syntax error that says to write brackets', () => {
    assert.deepEqual(parseTemplate('${inputs.list.-1}').errors.map((e) => e.message), ["'-1' is not a name: write [-1]"]);
    const t = parseTemplate('${inputs.list.1e3 }');
    assert.deepEqual(t.errors.map((e) => [e.message, e.range]), [["'1e3' is not a name: write [1e3]", { start: 14, end: 17 }]]);
    assert.deepEqual(parseTemplate('${inputs.list.1.5e3}').errors.length, 1);
    assert.deepEqual(parseTemplate('${inputs.list.10}').errors, []);
  });
});

describe('keys of objects', () => {
  const inputs = { obj: { a: 1, '1': 'one', null: 'the key null', true: 'the key true', '': 'empty key' } };

  it('are text or numbers', () => {
    assert.equal(ev("${inputs.obj['a']}", inputs), 1);
    assert.equal(ev('${inputs.obj[1]}', inputs), 'one');
    assert.equal(ev("${inputs.obj['']}", inputs), 'empty key');
    assert.equal(ev('${inputs.obj.null}', inputs), 'the key null', 'a name is text');
  });

  it('null, a missing value and a boolean name no key', () => {
    assert.equal(ev('${inputs.obj[null]}', inputs), null);
    assert.equal(ev('${inputs.obj[inputs.missing]}', inputs), null);
    assert.equal(ev('${inputs.obj[true]}', inputs), null);
  });

  it('an object or list as a key is null, not a TypeError', () => {
    const t = `\${inputs.obj[fromJson('{"toString": 1}')]}`;
    let got: unknown;
    try {
      got = ev(t, inputs);
    } catch (e) {
      assert.ok(e instanceof TemplateEvalError, `a non-Weft error: ${e}`);
    }
    assert.equal(got, null);
    assert.equal(ev("${inputs.obj[fromJson('[1]')]}", inputs), null);
  });
});
