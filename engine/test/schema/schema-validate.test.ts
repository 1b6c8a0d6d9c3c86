// validateSchema: every ajv error becomes one diagnostic with a message a person understands, on the
// exact key (unknown, missing) or value (wrong type or value). The golden fixtures of the `schema`
// code are checked here directly (their `schema` lines, from schemaDiagnostics: validateSchema and
// the analyser's `schema` checks the schema cannot express); the analyser's golden harness checks
// them whole.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import { schemaDiagnostics } from '../../src/analysis/analyse.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { validateSchema } from '../../src/model/schema-validate.js';
import type { Diagnostic, WorkflowModel } from '../../src/model/types.js';
import { createLineIndex } from '../../src/model/line-index.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/diagnostics/schema');

function golden(model: WorkflowModel, d: Diagnostic): string {
  const s = model.lines.positionAt(d.range.start);
  const e = model.lines.positionAt(d.range.end);
  return `${s.line + 1}:${s.character + 1}-${e.line + 1}:${e.character + 1} ${d.severity} ${d.code}: ${d.message}`;
}

/** The model as the spec of the model says it is built (for independence from parse.ts details). */
function minimalModel(text: string): WorkflowModel {
  const yaml = parseDocument(text, { keepSourceTokens: true, merge: true });
  return { file: 'test.weft.yaml', text, yaml, data: yaml.toJS({ maxAliasCount: -1 }), lines: createLineIndex(text), parseDiagnostics: [] } as unknown as WorkflowModel;
}

/** Diagnostics as `[marked text, message]` pairs. */
function check(text: string, model = parseWorkflow(text, 'test.weft.yaml')): [string, string][] {
  return validateSchema(model).map((d) => [text.slice(d.range.start, d.range.end), d.message]);
}

/** The one diagnostic of `text` (there must be exactly one). */
function onlyDiagnostic(text: string): Diagnostic {
  const [d, ...rest] = validateSchema(parseWorkflow(text, 'x.weft.yaml'));
  assert.equal(rest.length, 0);
  return d!;
}

/** The text a diagnostic or its related information marks. */
const marked = (text: string, at: { range: { start: number; end: number } }): string => text.slice(at.range.start, at.range.end);

describe('schema golden fixtures (schema lines)', () => {
  const files = fs.readdirSync(FIXTURES).filter((f) => /\.weft\.yaml$/.test(f)).sort();
  it('has at least eight', () => assert.ok(files.length >= 8));
  for (const f of files) {
    it(f, () => {
      const file = path.join(FIXTURES, f);
      const model = parseWorkflow(fs.readFileSync(file, 'utf8'), file);
      // In the file's order, as the analysis sorts them.
      const actual = schemaDiagnostics(model).sort((a, b) => a.range.start - b.range.start).map((d) => golden(model, d));
      const expected = fs
        .readFileSync(file.replace(/\.weft\.yaml$/, '.diagnostics.txt'), 'utf8')
        .split('\n')
        .filter((l) => / error schema: /.test(l));
      assert.deepEqual(actual, expected);
    });
  }
});

describe('validateSchema', () => {
  it('finds nothing in a valid workflow', () => {
    assert.deepEqual(check('steps:\n  - id: a\n    shell: echo hi\n  - id: b\n    stub: true\n    needs: a\n'), []);
  });

  it('marks an unknown key and suggests the closest one', () => {
    const text = 'config:\n  maxConcurency: 3\nsteps:\n  - id: a\n    stub: true\n';
    const [d] = validateSchema(parseWorkflow(text, 'x.weft.yaml'));
    assert.equal(text.slice(d!.range.start, d!.range.end), 'maxConcurency');
    assert.equal(d!.message, "unknown key 'maxConcurency' in config; did you mean 'maxConcurrency'?");
    assert.equal(d!.code, 'schema');
    assert.equal(d!.severity, 'error');
    assert.deepEqual(d!.data, { suggestion: 'maxConcurrency' });
  });

  it('lists the allowed keys when nothing is close', () => {
    assert.deepEqual(check('config:\n  colour: red\nsteps: [{id: a, stub: true}]\n'), [
      ['colour', "unknown key 'colour' in config; allowed keys are maxConcurrency, continueOnError, timeout, retries and llm"],
    ]);
  });

  it('explains two actions once, on the second, with the first as related information', () => {
    const text = 'steps:\n  - id: fetch\n    http: {url: x}\n    shell: curl x\n';
    const d = onlyDiagnostic(text);
    assert.equal(d.message, "step 'fetch' has two actions, `http` and `shell`; a step has exactly one");
    assert.equal(marked(text, d), 'shell');
    assert.equal(marked(text, d.related![0]!), 'http');
  });

  it('marks an action written in the step, not one merged in from another step', () => {
    const text = 'steps:\n  - &b {id: a, stub: true}\n  - id: d\n    <<: *b\n    shell: echo x\n';
    const d = onlyDiagnostic(text);
    assert.equal(d.message, "step 'd' has two actions, `shell` and `stub`; a step has exactly one");
    assert.equal(marked(text, d), 'shell');
    assert.ok(d.range.start > text.indexOf('- id: d'), 'inside step d');
    assert.equal(d.related![0]!.message, 'merged action: `stub`');
    assert.equal(marked(text, d.related![0]!), 'stub');
    // Both merged in: the step's id is marked.
    const both = 'steps:\n  - &b {id: a, stub: true}\n  - &s {id: z, shell: echo}\n  - id: d\n    <<: [*b, *s]\n';
    const [e] = validateSchema(parseWorkflow(both, 'x.weft.yaml'));
    assert.equal(both.slice(e!.range.start, e!.range.end), 'd');
    assert.ok(e!.range.start > both.indexOf('- id: d'));
  });

  it("says where GitHub Actions' step keys go in Weft", () => {
    assert.deepEqual(check('steps:\n  - id: a\n    shell: echo\n    env: {X: 1}\n    timeout-minutes: 5\n'), [
      ['env', "unknown key 'env' in step 'a': a step's environment goes inside its action, shell: {run: ..., env: {NAME: value}}, or in the workflow's top-level env"],
      // The whole pair, which its quick fix replaces with `timeout: 5m`.
      ['timeout-minutes: 5', "unknown key 'timeout-minutes' in step 'a': write timeout with a unit, timeout: 5m"],
    ]);
    assert.deepEqual(check('steps:\n  - id: a\n    shell: echo\n    working-directory: x\n    cwd: y\n    with: {a: 1}\n'), [
      ['working-directory', "unknown key 'working-directory' in step 'a': the working folder goes inside the action, shell: {run: ..., cwd: dir}"],
      ['cwd', "unknown key 'cwd' in step 'a': the working folder goes inside the action, shell: {run: ..., cwd: dir}"],
      ['with', "unknown key 'with' in step 'a': a called workflow's inputs go in workflow: {path: ..., inputs: {...}}"],
    ]);
    // Not outside a step: the top level lists its keys as before.
    assert.match(check('with: 1\nsteps: [{id: a, stub: true}]\n')[0]![1], /^unknown key 'with' at the top level; allowed keys are /);
  });

  it('marks a step without an action on its id', () => {
    assert.deepEqual(check('steps:\n  - id: fetch\n    timeout: 3s\n'), [
      ['fetch', "step 'fetch' has no action; add one of shell, http, file, llm, stub, parallel, foreach, workflow"],
    ]);
  });

  it('reads a misspelt action as one problem', () => {
    assert.deepEqual(check('steps:\n  - id: a\n    htpp: {url: x}\n'), [['htpp', "unknown key 'htpp' in step 'a'; did you mean 'http'?"]]);
    assert.deepEqual(check('steps:\n  - id: a\n    command: ls\n'), [['command', "unknown key 'command' in step 'a'; did you mean 'shell'?"]]);
  });

  it('marks a wrong value on the value', () => {
    assert.deepEqual(check('config:\n  timeout: soon\nsteps: [{id: a, stub: true, timeout: "1h 30m"}]\n'), [
      ['soon', "'timeout' must be a duration like 30s, 1500ms or 1h30m"],
      ['"1h 30m"', "'timeout' must be a duration like 30s, 1500ms or 1h30m"],
    ]);
    assert.deepEqual(check('config:\n  maxConcurrency: 0\nsteps: [{id: a, stub: true}]\n'), [['0', "'maxConcurrency' must be an integer >= 1"]]);
    assert.deepEqual(check('steps: [{id: a, http: {url: x, method: FETCH}}]\n'), [
      ['FETCH', "'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"],
    ]);
  });

  it('refuses a zero timeout, which would stop the step or run at once, and only a timeout', () => {
    const zero = "'timeout' must be longer than 0 (a zero timeout would stop it at once); leave the key out for no timeout";
    assert.deepEqual(check('config:\n  timeout: 0s\nsteps:\n  - {id: a, stub: true, timeout: 0}\n  - {id: b, stub: true, timeout: 0.0ms}\n'), [
      ['0s', zero],
      ['0', zero],
      ['0.0ms', zero],
    ]);
    assert.deepEqual(check('steps:\n  - {id: a, stub: {delay: 0}, timeout: 0.5s, retries: {max: 1, delay: 0s}}\n  - {id: b, stub: true, timeout: 10ms0s}\n'), []);
  });

  it('says a value not in a list of values once, not also that it has the wrong type', () => {
    assert.deepEqual(check('steps: [{id: a, http: {url: x, method: 7}}]\n'), [
      ['7', "'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS"],
    ]);
  });

  it('shows the form of a mapping given as a plain value', () => {
    const text = 'steps:\n  - id: w\n    workflow: ./other.weft.yaml\n  - id: h\n    http: https://example.com\n  - id: e\n    foreach: ${inputs.list}\n';
    assert.deepEqual(check(text), [
      ['./other.weft.yaml', "'workflow' must be a mapping with 'path' (optional: inputs): write { path: ./other.weft.yaml }"],
      ['https://example.com', "'http' must be a mapping with 'url' (optional: method, headers, query, body, expect, parse): write { url: https://example.com }"],
      ['${inputs.list}', "'foreach' must be a mapping with 'items' and 'steps' (optional: as, maxConcurrency, continueOnError)"],
    ]);
    // A mapping with no named keys stays "a mapping"; one with no required key lists what it may hold.
    assert.deepEqual(check('env: 5\nconfig:\n  llm: 5\nsteps: [{id: a, stub: true}]\n'), [
      ['5', "'env' must be a mapping"],
      ['5', "'llm' must be a mapping of provider, model, baseUrl, apiKeyEnv, temperature or maxTokens"],
    ]);
  });

  it('marks a block value of the wrong type on its key', () => {
    assert.deepEqual(check('steps:\n  - id: a\n    stub: true\n    if:\n      - x\n      - y\n'), [
      ['if', "'if' must be true, false or a template like ${inputs.depth > 1}"],
    ]);
  });

  it('marks a missing key on the key of the mapping that lacks it', () => {
    assert.deepEqual(check('steps:\n  - id: a\n    http:\n      method: GET\n'), [['http', "'http' of step 'a' has no 'url'"]]);
    assert.deepEqual(check('name: x\n'), [['name', "the workflow has no 'steps'; add a list of steps"]]);
  });

  it('names a step without an id by its line and marks its action', () => {
    assert.deepEqual(check('steps:\n  - name: x\n    shell: ls\n'), [['shell', "the step on line 2 has no 'id'; every step needs one"]]);
  });

  it('picks the union branch that matches the value and reports only its problem', () => {
    // `parallel` is a list of steps or {branches}: a list with a bad step reports the step, nothing about branches.
    assert.deepEqual(check('steps:\n  - id: p\n    parallel:\n      - id: a\n        stub: {output: 1, delai: 2s}\n'), [
      ['delai', "unknown key 'delai' in 'stub' of step 'a'; did you mean 'delay'?"],
    ]);
    // retries as a mapping reports inside the mapping, not "must be an integer".
    assert.deepEqual(check('steps: [{id: a, stub: true, retries: {max: 2, backof: fixed}}]\n'), [
      ['backof', "unknown key 'backof' in 'retries' of step 'a'; did you mean 'backoff'?"],
    ]);
    // needs as a list reports the bad entry.
    assert.deepEqual(check('steps: [{id: a, stub: true}, {id: b, stub: true, needs: [a, "c d"]}]\n'), [
      ['"c d"', "'c d' is not a valid step id: use letters, digits, '_' and '-', starting with a letter or '_'"],
    ]);
  });

  it('accepts templates where a value is computed at run time, except for concurrency limits', () => {
    assert.deepEqual(check('steps: [{id: a, stub: true, timeout: "${inputs.t}", retries: "${inputs.r}", continueOnError: "${inputs.c}", if: "${inputs.x > 1}"}]\ninputs: {t: 1s, r: 1, c: true, x: 2}\n'), []);
    assert.deepEqual(check('config: {maxConcurrency: "${inputs.n}"}\ninputs: {n: 2}\nsteps: [{id: a, stub: true}]\n'), [
      ['"${inputs.n}"', "'maxConcurrency' must be an integer >= 1; a template is not taken here (limits are fixed when the plan is made, before any step runs)"],
    ]);
  });

  it('reports a problem inside an anchor once, where it is written', () => {
    const text = 'steps:\n  - id: p\n    parallel:\n      branches:\n        one: &s [{id: a, stub: {dealy: 1s}}]\n        two: *s\n';
    assert.deepEqual(check(text), [['dealy', "unknown key 'dealy' in 'stub' of step 'a'; did you mean 'delay'?"]]);
  });

  it('follows merge keys to the mapping that holds the key', () => {
    const text = 'steps:\n  - id: a\n    <<: {timeout: never}\n    stub: true\n';
    assert.deepEqual(check(text), [['never', "'timeout' must be a duration like 30s, 1500ms or 1h30m"]]);
  });

  it('treats an empty file and a non-mapping document as workflows without steps', () => {
    const empty = validateSchema(parseWorkflow('', 'x.weft.yaml'));
    assert.deepEqual(empty.map((d) => [d.range, d.message]), [[{ start: 0, end: 0 }, "the workflow is empty; add a 'steps' list"]]);
    assert.deepEqual(check('- a\n- b\n'), [['- a', "a workflow must be a mapping with a 'steps' list"]]);
  });

  it('works on a model built exactly as the model contract says (duplicate keys: the last wins)', () => {
    const text = 'steps:\n  - id: a\n    stub: true\n    timeout: 1s\n    timeout: later\n';
    assert.deepEqual(check(text, minimalModel(text)), [['later', "'timeout' must be a duration like 30s, 1500ms or 1h30m"]]);
  });

  it('keeps every range inside the document and sorts by position', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'wrong-types.weft.yaml'), 'utf8');
    const ds = validateSchema(parseWorkflow(text, 'x.weft.yaml'));
    assert.ok(ds.length > 5);
    for (const d of ds) assert.ok(0 <= d.range.start && d.range.start <= d.range.end && d.range.end <= text.length);
    for (let i = 1; i < ds.length; i++) assert.ok(ds[i - 1]!.range.start <= ds[i]!.range.start);
  });
});
