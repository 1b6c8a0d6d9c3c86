// The parse shield swaps `process.env` for the length of a synchronous parse only: the documents
// are the ones the yaml package builds without it, the real environment is back afterwards (also
// when the parse throws), and the yaml package's debug variables still reach it.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseAllDocuments } from 'yaml';
import { parseYamlDocuments, withPlainEnv, WORKFLOW_PARSE_OPTIONS } from '../../src/model/yaml-parse.js';

const TEXT = [
  'name: shield',
  'base: &base { timeout: 5s }',
  'steps:',
  '  - id: a',
  '    <<: *base',
  '    shell: echo "${inputs.x}"',
  '  - id: b',
  '    needs: [a]',
  '    stub: { output: [1, 2] }',
  '---',
  'second: doc',
  '',
].join('\n');

test('the documents and their ranges are those of a plain parse', () => {
  const shielded = parseYamlDocuments(TEXT);
  const plain = parseAllDocuments(TEXT, WORKFLOW_PARSE_OPTIONS) as ReturnType<typeof parseYamlDocuments>;
  assert.equal(shielded.length, 2);
  assert.deepEqual(shielded.map((d) => d.toJS()), plain.map((d) => d.toJS()));
  assert.deepEqual(shielded.map((d) => d.range), plain.map((d) => d.range));
  assert.equal(String(shielded[0]), String(plain[0]));
});

test('process.env is the real environment again after a parse', () => {
  const real = process.env;
  parseYamlDocuments(TEXT);
  assert.equal(process.env, real);
  assert.equal(typeof process.env.PATH, 'string');
});

test('process.env is put back when the parse throws', () => {
  const real = process.env;
  assert.throws(() => withPlainEnv(() => { throw new Error('boom'); }), /boom/);
  assert.equal(process.env, real);
});

test('during the parse, process.env holds only the debug variables of the yaml package', () => {
  const real = process.env;
  real.LOG_STREAM = '';
  const seen = withPlainEnv(() => ({ ...process.env }));
  delete real.LOG_STREAM;
  assert.deepEqual(Object.keys(seen).sort(), ['LOG_STREAM', 'LOG_TOKENS']);
  assert.equal(seen.LOG_STREAM, '');
  assert.equal(seen.PATH, undefined);
});
