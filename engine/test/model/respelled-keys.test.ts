// One data key written two ways in one mapping (`"1":` and `1:`, `"":` and `~:`): the yaml package
// keeps both pairs and reports nothing (the keys differ as YAML values), and toJS keeps the later
// value. Weft reports the later key as yaml reports a repeated key, and finds the pair the data holds.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { validateSchema } from '../../src/model/schema-validate.js';
import { mapPairs, nodeAtPath, nodeRange } from '../../src/model/yaml-node-at-path.js';
import { parseYamlDocument } from '../../src/model/yaml-parse.js';

/** The file's yaml-syntax diagnostics as `[marked text, severity, message]`. */
function yamlSyntax(text: string): [string, string, string][] {
  return analyseText(text, '/w/k.weft.yaml')
    .diagnostics.filter((d) => d.code === 'yaml-syntax')
    .map((d) => [text.slice(d.range.start, d.range.end), d.severity, d.message]);
}

/** The source text of a node. */
function source(node: unknown, text: string): string | undefined {
  const r = nodeRange(node as Parameters<typeof nodeRange>[0], text);
  return r && text.slice(r.start, r.end);
}

/** The source text of the node at `path`. */
const textAt = (text: string, path: string[]) => source(nodeAtPath(parseYamlDocument(text), path).value, text);

/** mapPairs of the mapping at `path`, as `[name, source of the value]`. */
function pairsAt(text: string, path: string[]): [string, string | undefined][] {
  const doc = parseYamlDocument(text);
  return mapPairs(doc, nodeAtPath(doc, path).value).map((p) => [p.name, source(p.pair.value, text)]);
}

describe('one data key written two ways', () => {
  it('is a yaml-syntax error on the later key, like a key written twice the same way', () => {
    const same = yamlSyntax('env: {"1": ok, "1": [x]}\nsteps: []\n');
    assert.deepEqual(same.map(([at, sev]) => [at, sev]), [['"1"', 'error']], 'the yaml package reports this one itself');
    assert.deepEqual(yamlSyntax('env: {"1": ok, 1: [x]}\nsteps: []\n'), [
      ['1', 'error', `'1' is the same key as '"1"' earlier in this mapping (both read as '1'); a key may appear only once`],
    ]);
    assert.deepEqual(yamlSyntax('env:\n  1: [x]\n  "1": ok\nsteps: []\n').map(([at]) => at), ['"1"']);
    assert.deepEqual(yamlSyntax('env:\n  "": a\n  ~: b\nsteps: []\n'), [
      ['~', 'error', `'~' is the same key as '""' earlier in this mapping (both read as an empty key ''); a key may appear only once`],
    ]);
    assert.deepEqual(yamlSyntax('env:\n  "": a\n  : b\nsteps: []\n').map(([at, , m]) => [at, m.slice(0, 40)]), [[':', "an empty key is the same key as '\"\"' ear"]]);
    assert.deepEqual(yamlSyntax('steps:\n  - id: a\n    stub:\n      output: {true: 1, "true": 2}\n').map(([at]) => at), ['"true"']);
    assert.deepEqual(yamlSyntax('env: {.inf: a, Infinity: b}\nsteps: []\n').map(([at]) => at), ['Infinity']);
  });

  it('is no error for keys that differ in the data, or a key a merge brings in and the mapping overrides', () => {
    assert.deepEqual(yamlSyntax('env: {1: a, 2: b, "3": c, true: d, ~: e, "null": f}\nsteps: []\n'), []);
    assert.deepEqual(yamlSyntax('x-base: &b {"1": a, "": b, t: c}\nenv:\n  <<: *b\n  1: d\n  ~: e\n  "t": f\nsteps: []\n'), []);
  });

  it('findPair and mapPairs give the pair whose value the data holds (the later one)', () => {
    for (const text of ['env: {"1": ok, 1: [x]}\n', 'env: {1: ok, "1": [x]}\n', 'env:\n  "": ok\n  ~: [x]\n', 'env:\n  ~: ok\n  "": [x]\n']) {
      const name = text.includes('1') ? '1' : '';
      assert.deepEqual(parseYamlDocument(text).toJS().env, { [name]: ['x'] }, 'toJS keeps the later value');
      assert.equal(textAt(text, ['env', name]), '[x]', text);
      assert.deepEqual(pairsAt(text, ['env']), [[name, '[x]']], text);
    }
  });

  it('in a merge source, the earlier spelling is the one the data holds (a merge fills in only missing keys)', () => {
    const text = 'x-base: &b {"1": [x], 1: ok}\nenv:\n  <<: *b\n';
    assert.deepEqual(parseYamlDocument(text).toJS().env, { 1: ['x'] });
    assert.equal(textAt(text, ['env', '1']), '[x]');
    assert.deepEqual(pairsAt(text, ['env']), [['1', '[x]']]);
  });

  it("the schema error lands on the value the data holds: env: {\"1\": ok, 1: [x]} flags [x]", () => {
    // Schema errors about the values (the names '1' and '' are errors of their own, on the key).
    const check = (text: string) =>
      validateSchema(parseWorkflow(text, '/w/k.weft.yaml'))
        .filter((d) => /must be a string/.test(d.message))
        .map((d) => text.slice(d.range.start, d.range.end));
    const steps = 'steps: [{id: a, stub: true}]\n';
    assert.deepEqual(check(`env: {"1": ok, 1: [x]}\n${steps}`), ['[x]']);
    assert.deepEqual(check(`env: {"1": [x], 1: ok}\n${steps}`), []);
    assert.deepEqual(check(`env:\n  ~: ok\n  "": [x]\n${steps}`), ['[x]']);
  });
});

describe('names the model reads from a mapping follow the data', () => {
  it('one input, output and branch per data key, holding the later spelling', () => {
    const text = [
      'inputs:',
      '  "1": first',
      '  1: second',
      'steps:',
      '  - id: p',
      '    parallel:',
      '      branches:',
      '        "2": [{ id: a, stub: true }]',
      '        2: [{ id: b, stub: true }]',
      'outputs:',
      '  "3": one',
      '  3: two',
      '',
    ].join('\n');
    const m = parseWorkflow(text, '/w/k.weft.yaml');
    assert.deepEqual(m.inputs.map((i) => [i.name, i.default, text.slice(i.nameRange.start, i.nameRange.end)]), [['1', 'second', '1']]);
    const p = m.root.steps[0]!;
    assert.deepEqual(p.branches!.map((b) => [b.name, b.scope.steps.map((s) => s.id)]), [['2', ['b']]]);
    assert.deepEqual(m.outputs.map((o) => [o.name, o.value]), [['3', 'two']]);
  });

  it('inputs and outputs brought in by a merge key are read like the data, not as a "<<" entry', () => {
    const text = [
      'x-common: &common',
      '  topic: parallel computing',
      'inputs:',
      '  <<: *common',
      '  depth: 2',
      'steps:',
      '  - id: a',
      '    stub: true',
      '',
    ].join('\n');
    // The top-level x- key is a schema error; the model still reads the inputs as the data has them.
    const m = parseWorkflow(text, '/w/k.weft.yaml');
    assert.deepEqual(m.inputs.map((i) => [i.name, i.default]), [['depth', 2], ['topic', 'parallel computing']]);
  });
});
