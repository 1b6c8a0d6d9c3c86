// A workflow text over the size limit is not parsed: one `file-too-large` error, at once, and every
// later stage (analysis, plan) works on the empty model without failing.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/analysis/analyse.js';
import { buildModel, MAX_WORKFLOW_BYTES, parseWorkflow } from '../../src/model/parse.js';
import { parseYamlDocuments } from '../../src/model/yaml-parse.js';
import { buildPlan } from '../../src/plan/build-plan.js';

describe('a file over the size limit', () => {
  it('gets one file-too-large error on its first line and no other diagnostic', () => {
    const text = 'steps:\n' + '  - { id: s, stub: true }\n'.repeat(Math.ceil(MAX_WORKFLOW_BYTES / 26) + 10);
    const analysis = analyse(parseWorkflow(text, '/w/huge.weft.yaml'));
    assert.deepEqual(analysis.diagnostics.map((d) => [d.code, d.severity, d.range]), [['file-too-large', 'error', { start: 0, end: 6 }]]);
    assert.match(analysis.diagnostics[0].message, /^this file is 10\.\d MB; Weft reads workflow files of up to 10 MB$/);
    assert.deepEqual(buildPlan(analysis).steps, []);
  });

  it('holds for a model built from a document already parsed (the language server patches one as the user types)', () => {
    const doc = parseYamlDocuments('steps:\n  - { id: s, stub: true, output: x }\n');
    // The patched text that grew past the limit while the user typed inside one scalar.
    const text = 'steps:\n  - { id: s, stub: true, output: ' + 'x'.repeat(MAX_WORKFLOW_BYTES) + ' }\n';
    const model = buildModel(doc, text, '/w/grown.weft.yaml');
    assert.deepEqual(analyse(model).diagnostics.map((d) => d.code), ['file-too-large']);
    assert.deepEqual(model.allSteps, []);
  });

  it('counts UTF-8 bytes, as the file has on disk, not characters', () => {
    // 6 Mi characters of 'é' (2 bytes each): 12 MB on disk, under the limit if counted in characters.
    const text = 'steps:\n  - { id: s, stub: true, output: "' + '\u00e9'.repeat(6 * 1048576) + '" }\n';
    assert.ok(text.length < MAX_WORKFLOW_BYTES);
    const analysis = analyse(parseWorkflow(text, '/w/accents.weft.yaml'));
    assert.deepEqual(analysis.diagnostics.map((d) => d.code), ['file-too-large']);
    assert.match(analysis.diagnostics[0].message, /^this file is 12\.0 MB;/);
  });

  it('counts every character at its UTF-8 size: a text of exactly the limit is parsed, one byte more is not', () => {
    // Characters of 1, 2, 3 and 4 (a surrogate pair) bytes, 10 bytes a unit; padded with ASCII to the
    // exact limit, so counting any of them one byte off tips the first text over or the second under.
    const unit = 'a\u00e9\u20ac\u{1F600}';
    const head = 'steps:\n  - { id: s, stub: { output: "';
    const tail = '" } }\n';
    const room = MAX_WORKFLOW_BYTES - head.length - tail.length;
    const body = unit.repeat(Math.floor(room / 10)) + 'x'.repeat(room % 10);
    const atLimit = head + body + tail;
    assert.equal(Buffer.byteLength(atLimit), MAX_WORKFLOW_BYTES);
    assert.deepEqual(analyse(parseWorkflow(atLimit, '/w/mixed.weft.yaml')).diagnostics, []);
    const over = head + body + 'x' + tail;
    assert.deepEqual(analyse(parseWorkflow(over, '/w/mixed.weft.yaml')).diagnostics.map((d) => d.code), ['file-too-large']);
  });

  it('a lone surrogate counts as the 3 bytes it is saved as, whatever follows it', () => {
    // '\ud800' + 'é' is 3 + 2 bytes on disk; over the limit by one byte.
    const head = 'steps: []\n# ';
    const room = MAX_WORKFLOW_BYTES + 1 - head.length;
    const text = head + '\ud800\u00e9'.repeat(Math.floor(room / 5)) + 'x'.repeat(room % 5);
    assert.equal(Buffer.byteLength(text), MAX_WORKFLOW_BYTES + 1);
    assert.deepEqual(analyse(parseWorkflow(text, '/w/lone.weft.yaml')).diagnostics.map((d) => d.code), ['file-too-large']);
  });

  it('marks the first line of a file with classic Mac line ends, not the whole file', () => {
    const text = 'steps: []\r' + '#'.repeat(MAX_WORKFLOW_BYTES) + '\r';
    assert.deepEqual(analyse(parseWorkflow(text, '/w/mac.weft.yaml')).diagnostics.map((d) => [d.code, d.range]), [['file-too-large', { start: 0, end: 9 }]]);
  });

  it('a small file is parsed as usual', () => {
    const text = 'steps:\n  - { id: s, stub: true }\n';
    assert.deepEqual(analyse(parseWorkflow(text, '/w/small.weft.yaml')).diagnostics, []);
  });
});
