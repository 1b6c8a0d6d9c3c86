// The scalar-edit path (server/src/scalar-edit.ts): typing inside one YAML scalar derives the new
// Document from the previous one instead of re-parsing. Every step here is checked against a full
// `analyse(parseWorkflow(newText))` (diagnostics by code, message, range; the Document node for
// node), and each case asserts which path was taken: the shortcut, or a fall back to the full parse.
import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import type { WorkflowModel } from '../../../engine/src/model/types.js';
import { analyse } from '../../../engine/src/analysis/analyse.js';
import { buildModel, parseWorkflow } from '../../../engine/src/model/parse.js';
import { scalarEdit } from '../../src/scalar-edit.js';
import { assertSameDocument, diagnosticsOf } from './tree-compare.js';

const FILE = '/tmp/scalar-edit.weft.yaml';

const BASE = `name: t
config:
  maxConcurrency: 1
  continueOnError: tr
steps:
  - id: fetch
    http:
      url: https://example.com/a
  - id: summarize
    needs: [fetch, other]
    llm:
      prompt: "Summarize \${steps.} \\t done \\u00e9"
  - id: check
    shell: |
      echo one
      echo \${steps.fetch.output}
  - id: quoted
    stub:
      output: 'it''s \${steps.fetch.output}'
  - id: plain
    stub:
      output: value \${steps.fetch.output} end
`;

interface State { text: string; model: WorkflowModel }

const start = (text: string): State => ({ text, model: parseWorkflow(text, FILE) });

/**
 * Applies one edit (replace `del` characters at `at` with `ins`), checks the result against a full
 * analysis of the new text, and returns the path taken ('scalar' or the reason for falling back).
 */
function type(s: State, at: number, del: number, ins: string): { route: string; diagnostics: string[] } {
  const text = s.text.slice(0, at) + ins + s.text.slice(at + del);
  const full = parseWorkflow(text, FILE);
  const expected = diagnosticsOf(analyse(full));
  const r = scalarEdit(s.model, text);
  s.text = text;
  if ('reason' in r) {
    s.model = full;
    return { route: r.reason, diagnostics: expected };
  }
  assertSameDocument(r.doc, full.yaml!);
  assert.deepEqual(r.data, full.data, `after typing ${JSON.stringify(ins)}: the derived data differs from the document's toJS()`);
  const model = buildModel([r.doc], text, FILE, { data: r.data });
  const got = diagnosticsOf(analyse(model));
  assert.deepEqual(got, expected, `after typing ${JSON.stringify(ins)}: diagnostics differ from a full analysis`);
  s.model = model;
  return { route: 'scalar', diagnostics: got };
}

/** Types `chars` one by one at the offset just after `after`'s first occurrence. */
function typeAfter(s: State, after: string, chars: string): { route: string; diagnostics: string[] }[] {
  let at = s.text.indexOf(after);
  assert.ok(at >= 0, `no ${after} in the text`);
  at += after.length;
  const out: { route: string; diagnostics: string[] }[] = [];
  for (const ch of chars) out.push(type(s, at++, 0, ch));
  return out;
}

const unknownStep = (ds: string[]) => ds.some((d) => d.startsWith('unknown-step'));

describe('scalar-edit: typing inside one scalar', () => {
  it('types a step id into ${steps.|} char by char: diagnostics follow a full analysis', () => {
    const s = start(BASE);
    const steps = typeAfter(s, 'Summarize ${steps.', 'fetch');
    assert.deepEqual(steps.map((x) => x.route), ['scalar', 'scalar', 'scalar', 'scalar', 'scalar']);
    assert.ok(unknownStep(steps[1].diagnostics), "'fe' is an unknown step");
    assert.ok(!steps[4].diagnostics.some((d) => d.includes("'fetch'") && d.startsWith('unknown-step')), "'fetch' resolves");
    // and back: deleting characters one by one
    const at = s.text.indexOf('${steps.fetch}') + '${steps.fetch'.length;
    for (let i = 0; i < 5; i++) assert.equal(type(s, at - 1 - i, 1, '').route, 'scalar');
  });

  it('half-typed templates that break the template but not the YAML take the path', () => {
    const s = start(BASE);
    const steps = typeAfter(s, 'value ', '${steps.fe');
    // `$` and `{` are typed inside the plain scalar too: each keystroke still reads as one plain scalar.
    assert.ok(steps.filter((x) => x.route === 'scalar').length >= 8, JSON.stringify(steps.map((x) => x.route)));
    assert.ok(steps[steps.length - 1].diagnostics.length > 0);
  });

  it('a plain scalar changes type (string -> boolean, number -> string -> number)', () => {
    const s = start(BASE);
    const t = typeAfter(s, 'continueOnError: tr', 'ue');
    assert.deepEqual(t.map((x) => x.route), ['scalar', 'scalar']);
    const n = typeAfter(s, 'maxConcurrency: 1', '2x');
    assert.deepEqual(n.map((x) => x.route), ['scalar', 'scalar']);
    const at = s.text.indexOf('maxConcurrency: 12x') + 'maxConcurrency: 12'.length;
    assert.equal(type(s, at, 1, '').route, 'scalar');
    assert.equal(type(s, at - 1, 1, '.50').route, 'scalar'); // 1.50: a float with minFractionDigits
  });

  it('a double-quoted scalar with escapes', () => {
    const s = start(BASE);
    // x, then `\\` (an escaped backslash before the `u00e9` already there), then `u` makes `\\u\\u00e9`
    // an invalid escape: the full parse reports it, and the next keystrokes (in a broken document)
    // fall back too, until the document is well-formed again.
    const steps = typeAfter(s, '\\t done ', 'x\\u00e8y');
    assert.deepEqual(steps.map((x) => x.route === 'scalar'), [true, true, false, false, false, false, false, true]);
    assert.equal(typeAfter(s, 'Summarize ${steps.', 'fe')[1].route, 'scalar');
  });

  it('a block literal and a single-quoted scalar', () => {
    const s = start(BASE);
    const block = typeAfter(s, 'echo ${steps.fe', 'X');
    assert.deepEqual(block.map((x) => x.route), ['scalar']);
    // The diagnostics from the scalar-edit path report the step id now in the block literal
    // (`${steps.fetch.output}` became `${steps.feXtch.output}`), at that id.
    const id = s.text.indexOf('feXtch');
    assert.ok(id >= 0);
    assert.ok(
      block[0].diagnostics.some((d) => d.startsWith(`unknown-step ${id}-${id + 'feXtch'.length} unknown step 'feXtch'`)),
      JSON.stringify(block[0].diagnostics),
    );
    assert.deepEqual(typeAfter(s, "it''s ${steps.fe", 'Y').map((x) => x.route), ['scalar']);
    assert.deepEqual(typeAfter(s, 'echo one', ' two').map((x) => x.route), ['scalar', 'scalar', 'scalar', 'scalar']);
  });

  it('a plain scalar inside a flow sequence', () => {
    const s = start(BASE);
    assert.deepEqual(typeAfter(s, 'needs: [fetch, oth', 'Z').map((x) => x.route), ['scalar']);
    assert.notEqual(typeAfter(s, 'needs: [fetch, oth', ',')[0].route, 'scalar');
  });
});

describe('scalar-edit: the derived data', () => {
  it('shares every object off the edited path with the previous version, and copies the path', () => {
    const s = start(BASE);
    const before = s.model.data as { config: object; steps: object[] };
    const at = s.text.indexOf('Summarize ${steps.') + 'Summarize ${steps.'.length;
    const text = s.text.slice(0, at) + 'f' + s.text.slice(at);
    const r = scalarEdit(s.model, text);
    assert.ok('doc' in r && r.data !== undefined);
    const after = r.data as typeof before;
    assert.notEqual(after, before);
    assert.notEqual(after.steps, before.steps);
    assert.equal(after.config, before.config);
    assert.deepEqual(after.steps.map((step, i) => step === before.steps[i]), [true, false, true, true, true]);
  });

  it('a schema problem typed into one step is found there, and goes when typed away', () => {
    const s = start(BASE);
    // `oth.er` is not a step id (letters, digits, '_' and '-'): a schema error in step 'summarize' only.
    const at = s.text.indexOf('needs: [fetch, oth') + 'needs: [fetch, oth'.length;
    assert.equal(type(s, at, 0, '.').route, 'scalar');
    const schema = () => diagnosticsOf(analyse(s.model)).filter((d) => d.startsWith('schema') && d.includes('step id'));
    assert.equal(schema().length, 1, JSON.stringify(schema()));
    // An edit in another step keeps that error (its step's object, and its result, are shared).
    const url = s.text.indexOf('example.com/a') + 'example.com/'.length;
    assert.equal(type(s, url, 0, 'b').route, 'scalar');
    assert.equal(schema().length, 1);
    assert.equal(type(s, s.text.indexOf('oth.er') + 3, 1, '').route, 'scalar');
    assert.deepEqual(schema(), []);
  });
});

describe('scalar-edit: edits that must fall back to the full parse', () => {
  const fallsBack = (s: State, at: number, del: number, ins: string) => {
    const r = type(s, at, del, ins);
    assert.notEqual(r.route, 'scalar', `${JSON.stringify(ins)} at ${at} took the shortcut`);
    return r.route;
  };

  it("': ' typed into a plain scalar", () => {
    const s = start(BASE);
    fallsBack(s, s.text.indexOf('value ${') + 'value'.length, 0, ':');
    fallsBack(s, s.text.indexOf('value:') + 'value:'.length, 0, ' '); // now `value: ${...`: a key
  });

  it('a quote closed early', () => {
    const s = start(BASE);
    fallsBack(s, s.text.indexOf('Summarize ') + 'Summarize'.length, 0, '"');
    const t = start(BASE);
    fallsBack(t, t.text.indexOf("it''s") + 'it'.length, 0, "'");
  });

  it('an edit spanning two scalars', () => {
    const s = start(BASE);
    const a = s.text.indexOf('example.com/a');
    const b = s.text.indexOf('summarize');
    fallsBack(s, a + 4, b + 3 - (a + 4), 'x');
  });

  it('a document with an anchor (or alias)', () => {
    const text = BASE.replace('  - id: plain\n    stub:', '  - id: plain\n    stub: &st');
    const s = start(text);
    assert.match(fallsBack(s, s.text.indexOf('value ') + 2, 0, 'x'), /anchors/);
  });

  it('line breaks, comments, leading characters, keys and block headers', () => {
    const s = start(BASE);
    fallsBack(s, s.text.indexOf('value ') + 2, 0, '\n');
    fallsBack(start(BASE), BASE.indexOf('value ') + 5, 0, ' #');
    fallsBack(start(BASE), BASE.indexOf('value '), 0, 'x'); // before the first character
    fallsBack(start(BASE), BASE.indexOf('maxConcurrency') + 2, 0, 'x'); // a key
    fallsBack(start(BASE), BASE.indexOf('shell: |') + 'shell: |'.length, 0, '-'); // the header
    fallsBack(start(BASE), BASE.indexOf('      echo one'), 0, ' '); // indentation of a block line
    fallsBack(start(BASE), BASE.indexOf('value ') + 2, 0, '\t');
  });

  it('a document with YAML errors', () => {
    const s = start(BASE.replace('name: t', 'name: [t'));
    assert.match(fallsBack(s, s.text.indexOf('value ') + 2, 0, 'x'), /errors/);
  });
});
