// The workflow parse options: merge keys are followed, every document of a multi-document file is
// returned (the model reports the extra ones), and the yaml package's warnings stay off the console.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseYamlDocuments } from '../../src/model/yaml-parse.js';

const TEXT = [
  'name: options',
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

test('merge keys are followed and every document is returned', () => {
  const docs = parseYamlDocuments(TEXT);
  assert.equal(docs.length, 2);
  const first = docs[0]!.toJS() as { steps: Record<string, unknown>[] };
  assert.deepEqual(first.steps[0], { id: 'a', timeout: '5s', shell: 'echo "${inputs.x}"' });
  assert.deepEqual(docs[1]!.toJS(), { second: 'doc' });
  assert.deepEqual(docs[0]!.range, [0, TEXT.indexOf('---'), TEXT.indexOf('---')]);
});

test("the yaml package's warnings do not reach the console or the process", async () => {
  const written: unknown[] = [];
  const onWarning = (w: Error) => void written.push(w.message);
  const warn = console.warn;
  const log = console.log;
  console.warn = (...args: unknown[]) => void written.push(args);
  console.log = (...args: unknown[]) => void written.push(args);
  process.on('warning', onWarning);
  try {
    // An unknown tag is a parse warning; a collection as a key warns when the data is built.
    const docs = parseYamlDocuments('? [a, b]\n: 1\nx: !!foo 1\nsteps: []\n');
    assert.deepEqual(docs[0]!.warnings.map((w) => w.code), ['TAG_RESOLVE_FAILED']);
    assert.deepEqual(docs[0]!.toJS(), { '[ a, b ]': 1, x: '1', steps: [] });
    await new Promise((resolve) => setImmediate(resolve)); // process warnings are emitted on a later tick
  } finally {
    console.warn = warn;
    console.log = log;
    process.off('warning', onWarning);
  }
  assert.deepEqual(written, []);
});
