// A key that reads as null (`~:`, `null:`, `Null:`, `NULL:`, an empty key) is '' in the plain data
// (`toJS`, which the schema check validates, so in every ajv path); a schema error under one must
// land on the offending node, as under any other key.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyseText } from '../../src/analysis/analyse.js';
import { nodeAtPath, nodeRange } from '../../src/model/yaml-node-at-path.js';
import { parseYamlDocument } from '../../src/model/yaml-parse.js';
import { dataKey, isMap } from '../../src/model/yaml-nodes.js';

/** Every way to write a key, with the name `toJS` gives it (checked below against toJS itself). */
const FORMS: [string, string][] = [
  ['~', ''],
  ['null', ''],
  ['Null', ''],
  ['NULL', ''],
  ['', ''],
  ['nUll', 'nUll'],
  ['"null"', 'null'],
  ["'~'", '~'],
  ['""', ''],
  ['1', '1'],
  ['01', '1'],
  ['1.0', '1'],
  ['"1"', '1'],
  ["'1'", '1'],
  ['true', 'true'],
  ['True', 'true'],
  ['.inf', 'Infinity'],
  ['yes', 'yes'],
  ['!!str 1', '1'],
];

describe('keys that read as null', () => {
  it('dataKey names every form of key as toJS does', () => {
    for (const [form, name] of FORMS) {
      const doc = parseYamlDocument(`m:\n  ${form}: x\n`);
      const m = (doc.toJS() as { m: Record<string, unknown> }).m;
      assert.deepEqual(Object.keys(m), [name], `toJS of ${form}:`);
      const map = nodeAtPath(doc, ['m']).value;
      assert.ok(isMap(map));
      const [pair] = Array.from(map.pairs());
      assert.equal(dataKey(pair!.key), name, `dataKey of ${form}:`);
    }
  });

  it('dataKey gives no name for a collection key (toJS writes it out as YAML)', () => {
    const doc = parseYamlDocument('? [a]\n: x\n');
    assert.ok(isMap(doc.value));
    const [pair] = Array.from(doc.value.pairs());
    assert.equal(dataKey(pair!.key), undefined);
  });

  it('nodeAtPath finds the value under a null key', () => {
    for (const form of ['~', 'null', 'Null', '']) {
      const text = `env:\n  ${form}: [1, 2]\n`;
      const hit = nodeAtPath(parseYamlDocument(text), ['env', '']);
      const r = nodeRange(hit.value, text);
      assert.equal(r && text.slice(r.start, r.end), '[1, 2]', `${form}:`);
    }
  });

  it("the model names a null key as the data does: inputs, outputs, branches and template paths", () => {
    const text =
      'inputs:\n  ~: { type: string, default: d }\noutputs:\n  ~: "${steps.a.output}"\nsteps:\n  - id: a\n    stub: { output: "${inputs.x}" }\n' +
      '  - id: p\n    parallel:\n      branches:\n        ~: [{ id: b, stub: true }]\n  - id: c\n    http:\n      url: https://x\n      headers:\n        ~: "${steps.a.output}"\n';
    const { model } = analyseText(text, '/w/k.weft.yaml');
    assert.deepEqual(model.inputs.map((i) => [i.name, i.default, i.required]), [['', 'd', false]], 'the default read from the data');
    assert.deepEqual(model.outputs.map((o) => o.name), ['']);
    assert.deepEqual(model.outputTemplates.map((t) => t.fieldPath), [['outputs', '']]);
    assert.deepEqual(model.allSteps.find((s) => s.id === 'p')!.branches!.map((b) => b.name), ['']);
    assert.deepEqual(model.allSteps.find((s) => s.id === 'c')!.templates.map((t) => t.fieldPath), [['http', 'headers', '']]);
  });

  for (const form of ['~', 'null', 'Null', 'NULL', '']) {
    it(`a schema error under a '${form}:' key lands on the offending node`, () => {
      const text = `env:\n  ${form}: [1, 2]\ninputs:\n  ${form}:\n    type: nope\nsteps:\n  - id: a\n    http:\n      url: https://x\n      headers:\n        ${form}: {a: 1}\n`;
      const schema = analyseText(text, '/w/k.weft.yaml').diagnostics.filter((d) => d.code === 'schema');
      const at = schema.map((d) => text.slice(d.range.start, d.range.end));
      for (const offending of ['[1, 2]', 'nope', '{a: 1}']) assert.ok(at.includes(offending), `${offending} in ${JSON.stringify(at)}`);
      assert.ok(!at.includes('env') && !at.includes('inputs') && !at.includes('headers'), JSON.stringify(at));
      // The invalid name is the key itself (an empty key has no text: it lands next to its value).
      if (form) assert.equal(at.filter((s) => s === form).length, 2, JSON.stringify(at));
    });
  }
});
