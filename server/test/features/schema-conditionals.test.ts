// The schema walker (services/schema-nav.ts) follows every keyword weft.schema.json combines
// subschemas with: $ref, allOf/anyOf/oneOf and the then/else of an if. `definitions/input` is an
// if/then (a mapping with any of type, default, description, required is a declaration), so under
// `inputs:` -> NAME: completion offers the declaration keys, `type:` its values, and hover shows
// each key's documentation; in block style and in flow mappings.
import { after, before, describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { LspClient, fileUri } from '../helpers/lsp-client.js';
import { parseCursor } from '../helpers/cursor.js';
import { SchemaNav, type JsonSchema } from '../../src/services/schema-nav.js';

let client: LspClient;
before(async () => { client = await LspClient.weft(); });
after(async () => { await client.stop(); });

let n = 0;
async function open(withCursor: string): Promise<{ uri: string; position: { line: number; character: number } }> {
  const fx = parseCursor(withCursor);
  const uri = fileUri(`/virtual/schema-conditionals-${n++}.weft.yaml`);
  await client.open(uri, fx.text);
  await client.waitForDiagnostics(uri);
  return { uri, position: { line: fx.line, character: fx.character } };
}

async function labels(withCursor: string): Promise<string[]> {
  const { uri, position } = await open(withCursor);
  const r = await client.conn.sendRequest<CompletionList | CompletionItem[] | null>('textDocument/completion', { textDocument: { uri }, position });
  return (Array.isArray(r) ? r : r?.items ?? []).map((i) => i.label);
}

async function hover(withCursor: string): Promise<string | undefined> {
  const { uri, position } = await open(withCursor);
  return client.hoverText(uri, position);
}

const STEPS = 'steps:\n  - id: a\n    shell: echo ${inputs.topic}\n';
const KEYS = ['default', 'description', 'required', 'type'];
const TYPES = ['string', 'number', 'boolean', 'object', 'array'];

describe('schema if/then: an input declaration under inputs:', () => {
  it('completion offers the declaration keys under a name, those not given yet', async () => {
    assert.deepEqual((await labels(`inputs:\n  topic:\n    |\n${STEPS}`)).sort(), KEYS);
    assert.deepEqual((await labels(`inputs:\n  topic:\n    type: string\n    d|\n${STEPS}`)).sort(), ['default', 'description', 'required']);
    assert.deepEqual((await labels(`inputs:\n  topic: {type: string, |}\n${STEPS}`)).sort(), ['default', 'description', 'required']);
  });

  it('completion offers the values of type: and required:', async () => {
    assert.deepEqual(await labels(`inputs:\n  topic:\n    type: s|\n${STEPS}`), TYPES);
    assert.deepEqual(await labels(`inputs:\n  topic: {type: |}\n${STEPS}`), TYPES);
    assert.deepEqual(await labels(`inputs:\n  topic:\n    type: string\n    required: t|\n${STEPS}`), ['true', 'false']);
  });

  it('hover on a declaration key shows its documentation', async () => {
    const text = (cursorAt: string) => `inputs:\n  topic:\n    ${cursorAt}\n${STEPS}`;
    assert.match((await hover(text('ty|pe: number')))!, /The input's type \(default: string\)/);
    assert.match((await hover(text('defa|ult: 2')))!, /The value used when the run does not give one/);
    assert.match((await hover(text('descr|iption: x')))!, /What the input is for/);
    assert.match((await hover(text('requ|ired: true')))!, /Whether a run must give the input/);
    assert.match((await hover(`inputs:\n  topic: {ty|pe: number}\n${STEPS}`))!, /The input's type/);
  });

  it('an input given as a default only, and the keys around it, are unchanged', async () => {
    assert.match((await hover(`inputs:\n  to|pic: x\n${STEPS}`))!, /An input: its default value/);
    assert.deepEqual(await labels(`inputs:\n  topic: x\n  |\n${STEPS}`), []);
    // A file action's if/then (write and append require content) adds no keys or values.
    assert.deepEqual(await labels('steps:\n  - id: a\n    file:\n      action: w|\n'), ['read', 'write', 'append', 'exists', 'list']);
  });
});

describe('SchemaNav: which subschemas the walker follows', () => {
  const nav = new SchemaNav({
    type: 'object',
    properties: {
      conditional: {
        if: { properties: { fromIf: { enum: ['never'] } }, required: ['fromIf'] },
        then: { $ref: '#/definitions/declared' },
        else: { properties: { fromElse: { type: 'boolean', description: 'from else' } } },
      },
      noIf: { then: { properties: { orphan: {} } }, else: { properties: { orphan2: {} } } },
      negated: { not: { properties: { fromNot: {} } }, allOf: [{ properties: { fromAllOf: { enum: ['x'] } } }] },
    },
    definitions: { declared: { properties: { fromThen: { enum: ['a', 'b'], description: 'from then' } } } },
  } as JsonSchema);
  const keys = (path: string[]) => [...nav.properties(path).keys()].sort();

  it('both branches of an if, never the condition', () => {
    assert.deepEqual(keys(['conditional']), ['fromElse', 'fromThen']);
    assert.deepEqual(nav.values(['conditional', 'fromThen']), ['a', 'b']);
    assert.deepEqual(nav.values(['conditional', 'fromElse']), [true, false]);
    assert.equal(nav.description(['conditional', 'fromThen']), 'from then');
    assert.deepEqual(nav.values(['conditional', 'fromIf']), []);
  });

  it('then and else without an if mean nothing; not is not followed; allOf is', () => {
    assert.deepEqual(keys(['noIf']), []);
    assert.deepEqual(keys(['negated']), ['fromAllOf']);
  });
});
