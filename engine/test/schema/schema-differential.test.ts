// A differential between the published schema (schemas/weft.schema.json) and Weft's own analyser.
// Users of other editors get only the schema (yaml-language-server with a `$schema` modeline,
// JetBrains, SchemaStore); `weft validate` and the language server use the analyser. Over the corpus,
// systematic mutations of it and synthesized documents (differential-docs.ts), three verdicts must
// agree on whether a document breaks a structural rule:
//   - the analyser: a `schema` diagnostic (schemaDiagnostics, what analyse() reports when the YAML parses);
//   - the schema as a JSON Schema validator reads the analyser's data (ajv, strict draft-07);
//   - the schema as yaml-language-server reads the text (Red Hat's YAML language service).
// Where they cannot agree, the difference is an explicit exception below, with its reason; each
// exception's cases are checked to still differ, so a fixed one is taken out of the table.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as fs from 'node:fs';
import { getLanguageService } from 'yaml-language-server';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { schemaDiagnostics } from '../../src/analysis/analyse.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { rawSchemaErrors } from '../../src/model/schema-validate.js';
import { corpusDocs, Mutations, synthesized, YAML_TEXTS, type Doc } from './differential-docs.js';

const schemaFile = path.resolve(__dirname, '../../../schemas/weft.schema.json');

interface Verdicts {
  /** The YAML does not parse (for the analyser: a parse diagnostic; for the service: a YAML error). */
  syntax: boolean;
  analyser: boolean;
  ajv: boolean;
}

function analyserVerdicts(text: string): Verdicts {
  const model = parseWorkflow(text, 'differential.weft.yaml');
  if (model.parseDiagnostics.length) return { syntax: true, analyser: false, ajv: false };
  return { syntax: false, analyser: schemaDiagnostics(model).some((d) => d.code === 'schema'), ajv: rawSchemaErrors(model.data).length > 0 };
}

function languageService() {
  const ls = getLanguageService({
    schemaRequestService: async (uri: string) => fs.readFileSync(new URL(uri), 'utf8'),
    workspaceContext: { resolveRelativePath: (rel: string, resource: string) => new URL(rel, resource).toString() },
  });
  ls.configure({ validate: true, schemas: [{ uri: pathToFileURL(schemaFile).toString(), fileMatch: ['*.weft.yaml'] }] });
  let version = 1;
  /** The service's verdicts: a YAML error, a schema problem. */
  return async (text: string): Promise<{ syntax: boolean; schema: boolean; messages: string[] }> => {
    // The corpus's own modelines name the schema by a path relative to their folder: the association is used instead.
    const doc = TextDocument.create(pathToFileURL('/differential/x.weft.yaml').toString(), 'yaml', version++, text.replace(/^# yaml-language-server:.*$/m, '#'));
    const list = await ls.doValidation(doc, false);
    const isSyntax = (d: (typeof list)[number]) => d.source === 'YAML' || !String(d.source).includes('schema');
    return {
      // An anchor no alias uses is a warning of the service's own, not a YAML error.
      syntax: list.some((d) => isSyntax(d) && !/^Unused anchor/.test(d.message)),
      schema: list.some((d) => !isSyntax(d)),
      messages: list.map((d) => `${d.range.start.line + 1}: ${d.message}`),
    };
  };
}

/**
 * Differences that are deliberate: rules JSON Schema cannot express, or YAML the two readers read
 * differently. `analyser` and `yls`: whether each finds a problem in every one of the texts.
 */
const EXCEPTIONS: { what: string; why: string; texts: string[]; corpus?: string[]; analyser: boolean; yls: boolean }[] = [
  {
    what: 'an empty or comments-only file',
    why: 'yaml-language-server validates no empty document; the analyser says the workflow has no steps',
    texts: ['# only a comment\n'],
    corpus: ['engine/test/fixtures/diagnostics/schema/empty-file.weft.yaml'],
    analyser: true,
    yls: false,
  },
  {
    what: 'a null key (`null:`, `~:`, `: x`) in a mapping',
    why: 'yaml-language-server drops a pair whose key is null before validating; the analyser reads the key as written and reports it as unknown (spec 1: unknown keys anywhere are errors)',
    texts: ['steps:\n  - id: a\n    null: x\n    shell: echo a', 'steps:\n  - id: a\n    ~: x\n    shell: echo a', 'steps:\n  - id: a\n    : x\n    shell: echo a'],
    corpus: ['engine/test/fixtures/diagnostics/schema/null-key.weft.yaml'],
    analyser: true,
    yls: false,
  },
  {
    what: 'a boolean key as a name (`branches: {true: [...]}`)',
    why: "the analyser reads a key by its text, as JSON has text keys only ('true' is a valid name); yaml-language-server checks propertyNames against the key's YAML type and wants a string",
    texts: ['steps:\n  - id: p\n    parallel:\n      branches:\n        true: [{id: a, stub: true}]', 'inputs:\n  false: 1\nsteps:\n  - id: a\n    stub: true'],
    analyser: false,
    yls: true,
  },
  {
    what: '.nan, or .inf where a number has no maximum (env values, header values, an input default)',
    why: 'JSON has no NaN or Infinity: ajv refuses them as numbers, and the analyser with it; yaml-language-server takes them as numbers, and JSON Schema cannot name them (a duration has a maximum, which refuses .inf, but NaN passes every comparison)',
    texts: ['steps:\n  - id: a\n    stub: true\n    timeout: .nan', 'env:\n  A: .inf\nsteps:\n  - id: a\n    stub: true', 'inputs:\n  n: .inf\nsteps:\n  - id: a\n    stub: true'],
    analyser: true,
    yls: false,
  },
  {
    what: "an object or array input's default given as text that is not JSON (`{type: array, default: '[1, 2'}` is caught, `'[1, x]'` is not)",
    why: 'the run parses the text as JSON (input-types.ts); the schema can only ask that it look like one, starting with [ or { and ending with ] or }',
    texts: ["inputs:\n  a: {type: array, default: '[1, x]'}\nsteps:\n  - id: a\n    stub: true", "inputs:\n  a: {type: object, default: '{a: 1}'}\nsteps:\n  - id: a\n    stub: true"],
    analyser: true,
    yls: false,
  },
  {
    what: "a number input's default given as text of a number JSON cannot hold (`'1e400'`)",
    why: 'the run refuses a number that is not finite; a pattern can say how a number is written, not how large it is',
    texts: ["inputs:\n  a: {type: number, default: '1e400'}\nsteps:\n  - id: a\n    stub: true"],
    analyser: true,
    yls: false,
  },
  {
    what: 'a file of two YAML documents',
    why: 'yaml-language-server validates each document on its own; the analyser refuses a second document (yaml-syntax)',
    texts: [],
    corpus: ['engine/test/fixtures/diagnostics/yaml-syntax/multi-document.weft.yaml'],
    analyser: true,
    yls: false,
  },
  {
    what: 'one key written twice in two spellings (`200:` and `"200":`)',
    why: 'a YAML rule, not the schema: the analyser compares the keys as read (yaml-syntax); yaml-language-server compares them as written',
    texts: [],
    corpus: ['engine/test/fixtures/diagnostics/yaml-syntax/duplicate-key-two-spellings.weft.yaml'],
    analyser: true,
    yls: false,
  },
];

const exceptionCorpus = new Set(EXCEPTIONS.flatMap((e) => e.corpus ?? []));

function allDocs(): { docs: Doc[]; corpus: number } {
  const corpus = corpusDocs();
  const mutations = new Mutations(1);
  synthesized(mutations);
  for (const d of corpus) {
    const model = parseWorkflow(d.text, 'differential.weft.yaml');
    if (model.parseDiagnostics.length || model.data === undefined || schemaDiagnostics(model).some((x) => x.code === 'schema') || rawSchemaErrors(model.data).length) continue;
    mutations.of(d.label, model.data);
  }
  const texts = Object.entries(YAML_TEXTS).map(([label, text]) => ({ label, text }));
  return { docs: [...corpus.filter((d) => !exceptionCorpus.has(d.label)), ...texts, ...mutations.docs], corpus: corpus.length };
}

describe('schema differential: weft.schema.json and the analyser', () => {
  const { docs, corpus } = allDocs();

  it('has the corpus and thousands of mutations', () => {
    assert.ok(corpus >= 150, `corpus: ${corpus}`);
    assert.ok(docs.length >= 5000, `documents: ${docs.length}`);
  });

  it('the analyser reports a schema error exactly where the schema (ajv, on the same data) refuses the document', () => {
    const differ: string[] = [];
    for (const d of docs) {
      const v = analyserVerdicts(d.text);
      if (!v.syntax && v.analyser !== v.ajv) differ.push(`${d.label}: analyser ${v.analyser}, schema ${v.ajv}\n${d.text}`);
    }
    assert.deepEqual(differ.slice(0, 10), []);
  });

  it('yaml-language-server with the schema refuses a document exactly when the analyser does', async () => {
    const yls = languageService();
    // The corpus, the hand-written texts and the synthesized forms whole; of the mutations, every
    // fifth (the service takes about 10 ms a document).
    const sample = docs.filter((d, i) => i < corpus + Object.keys(YAML_TEXTS).length + 400 || i % 5 === 0);
    const differ: string[] = [];
    for (const d of sample) {
      const a = analyserVerdicts(d.text);
      const y = await yls(d.text);
      if (a.syntax || y.syntax) {
        if (a.syntax !== y.syntax) differ.push(`${d.label}: YAML error for the analyser ${a.syntax}, for the service ${y.syntax}: ${y.messages.join(' | ')}`);
        continue;
      }
      if (a.analyser !== y.schema) differ.push(`${d.label}: analyser ${a.analyser}, yaml-language-server ${y.schema}: ${y.messages.join(' | ')}\n${d.text}`);
    }
    assert.deepEqual(differ.slice(0, 10), []);
  });

  describe('deliberate exceptions still differ as the table says', () => {
    const yls = languageService();
    for (const e of EXCEPTIONS) {
      it(e.what, async () => {
        const root = path.resolve(__dirname, '../../..');
        const texts = [...e.texts, ...(e.corpus ?? []).map((f) => fs.readFileSync(path.join(root, f), 'utf8'))];
        assert.ok(texts.length > 0);
        for (const text of texts) {
          const a = analyserVerdicts(text);
          const y = await yls(text);
          assert.equal(a.analyser || a.syntax, e.analyser, `analyser on ${JSON.stringify(text)}`);
          assert.equal(y.schema || y.syntax, e.yls, `yaml-language-server on ${JSON.stringify(text)}: ${y.messages.join(' | ')}`);
        }
      });
    }
  });
});
