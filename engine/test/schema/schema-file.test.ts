// schemas/weft.schema.json itself: a valid draft-07 schema that ajv compiles in strict mode, with a
// description on every property (editors show them on hover), accepting every form of the language
// and every bundled example, and rejecting unknown keys everywhere.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parseDocument } from 'yaml';
import { rawSchemaErrors, weftSchema } from '../../src/model/schema-validate.js';

const root = path.resolve(__dirname, '../../..');
const schemaFile = path.join(root, 'schemas/weft.schema.json');
const fixture = (name: string) => path.join(__dirname, 'fixtures', name);
const load = (file: string): unknown => parseDocument(fs.readFileSync(file, 'utf8'), { merge: true }).toJS({ maxAliasCount: -1 });

type Obj = Record<string, unknown>;

/** Every schema that is a property's value: under properties, additionalProperties, items. */
function propertySchemas(schema: unknown, at = '#', out: { at: string; s: Obj }[] = []): { at: string; s: Obj }[] {
  if (!schema || typeof schema !== 'object') return out;
  const s = schema as Obj;
  if (s.properties && typeof s.properties === 'object') {
    for (const [k, v] of Object.entries(s.properties as Obj)) out.push({ at: `${at}/properties/${k}`, s: v as Obj });
  }
  if (s.additionalProperties && typeof s.additionalProperties === 'object') out.push({ at: `${at}/additionalProperties`, s: s.additionalProperties as Obj });
  for (const [k, v] of Object.entries(s)) {
    if (k === 'defaultSnippets' || k === 'examples' || k === 'enum' || k === 'const' || k === 'default') continue;
    if (Array.isArray(v)) v.forEach((item, i) => propertySchemas(item, `${at}/${k}/${i}`, out));
    else if (v && typeof v === 'object') propertySchemas(v, `${at}/${k}`, out);
  }
  return out;
}

describe('weft.schema.json', () => {
  it('is a draft-07 schema that ajv compiles in strict mode', () => {
    const json = JSON.parse(fs.readFileSync(schemaFile, 'utf8')) as Obj;
    assert.equal(json.$schema, 'http://json-schema.org/draft-07/schema#');
    const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
    ajv.addVocabulary(['markdownDescription', 'defaultSnippets']);
    assert.ok(ajv.validateSchema(json), JSON.stringify(ajv.errors));
    ajv.compile(json);
  });

  it('has a description on every property and every definition', () => {
    const missing = propertySchemas(weftSchema)
      .filter(({ at }) => !at.includes('/if/'))
      .filter(({ s }) => typeof s.description !== 'string' || s.description === '')
      .map(({ at }) => at);
    for (const [name, def] of Object.entries(weftSchema.definitions as Obj)) {
      if (typeof (def as Obj).description !== 'string') missing.push(`#/definitions/${name}`);
    }
    assert.deepEqual(missing, []);
  });

  it('says additionalProperties: false on every object with properties', () => {
    const open: string[] = [];
    const walk = (s: unknown, at: string): void => {
      if (!s || typeof s !== 'object') return;
      const o = s as Obj;
      // An `if`/`then` adds to the rules of the object it sits in, which lists its keys: `then` with
      // additionalProperties: false would refuse every other key.
      if (o.properties && o.additionalProperties !== false && !at.endsWith('/if') && !at.endsWith('/then')) open.push(at);
      for (const [k, v] of Object.entries(o)) {
        if (k === 'defaultSnippets' || k === 'examples') continue;
        if (Array.isArray(v)) v.forEach((item, i) => walk(item, `${at}/${k}/${i}`));
        else walk(v, `${at}/${k}`);
      }
    };
    walk(weftSchema, '#');
    assert.deepEqual(open, []);
  });

  it('uses every definition and resolves every $ref', () => {
    const text = fs.readFileSync(schemaFile, 'utf8');
    const defs = Object.keys(weftSchema.definitions as Obj);
    for (const d of defs) assert.ok(text.includes(`"#/definitions/${d}"`), `definition ${d} is not used`);
    for (const m of text.matchAll(/"\$ref": "#\/definitions\/([^"]+)"/g)) assert.ok(defs.includes(m[1]!), `dangling $ref ${m[1]}`);
  });

  it('accepts every form of the language (all-forms fixture)', () => {
    assert.deepEqual(rawSchemaErrors(load(fixture('all-forms.weft.yaml'))), []);
  });

  it('accepts every bundled example', () => {
    const dir = path.join(root, 'examples');
    const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /\.(weft|workflow)\.ya?ml$/.test(f)) : [];
    for (const f of files) {
      const errors = rawSchemaErrors(load(path.join(dir, f)));
      assert.deepEqual(errors.map((e) => `${e.instancePath} ${e.message}`), [], f);
    }
  });

  it('rejects unknown keys at every level', () => {
    const base = { steps: [{ id: 'a', stub: true }] };
    const cases: unknown[] = [
      { ...base, extra: 1 },
      { ...base, config: { extra: 1 } },
      { ...base, config: { llm: { extra: 1 } } },
      { ...base, config: { retries: { max: 1, extra: 1 } } },
      { ...base, inputs: { x: { type: 'string', extra: 1 } } },
      { steps: [{ id: 'a', stub: true, extra: 1 }] },
      { steps: [{ id: 'a', shell: { run: 'x', extra: 1 } }] },
      { steps: [{ id: 'a', http: { url: 'x', extra: 1 } }] },
      { steps: [{ id: 'a', file: { action: 'read', path: 'x', extra: 1 } }] },
      { steps: [{ id: 'a', llm: { prompt: 'x', extra: 1 } }] },
      { steps: [{ id: 'a', stub: { extra: 1 } }] },
      { steps: [{ id: 'a', parallel: { branches: { b: [{ id: 'c', stub: true }] }, extra: 1 } }] },
      { steps: [{ id: 'a', foreach: { items: [], steps: [{ id: 'c', stub: true }], extra: 1 } }] },
      { steps: [{ id: 'a', workflow: { path: 'x', extra: 1 } }] },
    ];
    for (const c of cases) {
      const errors = rawSchemaErrors(c);
      assert.ok(errors.some((e) => e.keyword === 'additionalProperties'), JSON.stringify(c));
    }
  });

  it('accepts durations as seconds, unit strings and templates, and nothing else; a timeout longer than zero', () => {
    const ok = [0, 1.5, '1500ms', '90s', '1h30m', '2.5m', '${inputs.t}'];
    const bad = [-1, '', '30', '30 s', '1d', 's', true, [], {}];
    const withDelay = (t: unknown) => ({ steps: [{ id: 'a', stub: { delay: t } }] });
    for (const t of ok) assert.deepEqual(rawSchemaErrors(withDelay(t)), [], String(t));
    for (const t of bad) assert.ok(rawSchemaErrors(withDelay(t)).length > 0, JSON.stringify(t));
    // A timeout is such a duration, longer than zero.
    const withTimeout = (t: unknown) => ({ steps: [{ id: 'a', stub: true, timeout: t }] });
    for (const t of ok.filter((v) => v !== 0)) assert.deepEqual(rawSchemaErrors(withTimeout(t)), [], String(t));
    for (const t of [...bad, 0, '0s', '0.0ms', '0m0s']) assert.ok(rawSchemaErrors(withTimeout(t)).length > 0, JSON.stringify(t));
  });
});
