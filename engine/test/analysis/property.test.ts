// Property tests (fast-check): on random workflows, on byte- and line-level mutations of real files,
// and on half-typed templates, parseWorkflow + analyse (and the schema check) never throw, return in
// bounded time, and put every diagnostic range inside the document. Bounded runs: seconds, not minutes.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { analyse } from '../../src/analysis/analyse.js';
import type { AnalysisHost } from '../../src/analysis/types.js';
import { parseWorkflow } from '../../src/model/parse.js';
import { validateSchema } from '../../src/model/schema-validate.js';
import type { Diagnostic } from '../../src/model/types.js';
import { workflowCorpus } from '../../../test/support/workflow-corpus.js';

const ROOT = path.resolve(__dirname, '../../..');
/** Far above any real figure (a few ms): only a hang or a blow-up fails. */
const ABSURD_MS = 2000;
/** Files a `workflow` step may call: a tiny valid one, and one that calls back. */
const host: AnalysisHost = {
  readFile: (p) =>
    p.endsWith('child.weft.yaml') ? 'steps:\n  - id: c\n    stub: true\n' : p.endsWith('loop.weft.yaml') ? 'steps:\n  - id: l\n    workflow: {path: ./loop.weft.yaml}\n' : undefined,
};

function checkRanges(text: string, ds: readonly Diagnostic[], where: string): void {
  for (const d of ds) {
    const ranges = [d.range, ...(d.related ?? []).filter((r) => r.file === where).map((r) => r.range)];
    for (const r of ranges) {
      assert.ok(
        Number.isInteger(r.start) && Number.isInteger(r.end) && 0 <= r.start && r.start <= r.end && r.end <= text.length,
        `${d.code} range ${JSON.stringify(r)} outside 0..${text.length}: ${d.message}`,
      );
    }
    assert.equal(typeof d.message, 'string');
    assert.ok(d.message.length > 0);
  }
}

/** The whole pipeline on one text; fails on a throw, an absurd time or a range outside the text. */
function runOnce(text: string): void {
  const file = path.join(ROOT, 'engine/test/fixtures/property.weft.yaml');
  const t0 = performance.now();
  const model = parseWorkflow(text, file);
  const analysis = analyse(model, { host });
  const schema = validateSchema(model);
  const ms = performance.now() - t0;
  assert.ok(ms < ABSURD_MS, `took ${ms.toFixed(0)} ms on ${JSON.stringify(text.slice(0, 200))}`);
  checkRanges(text, analysis.diagnostics, file);
  checkRanges(text, schema, file);
  assert.ok(model.lines.positionAt(text.length).line < model.lines.lineCount);
}

const seedFiles = (): string[] => workflowCorpus(['examples', 'engine/test/fixtures', 'engine/test/schema/fixtures']);

// ---- random workflows with references ------------------------------------------------------

// Names Object.prototype also has are in the pools: tables looked up by them once threw (`toString(1)`).
const idArb = fc.constantFrom('a', 'b', 'c', 'fetch', 'read_file', 'combine', 'x-1', '_p', 'sum', 'keys', 'z9', 'constructor', '__proto__');
const refArb = fc.tuple(idArb, fc.constantFrom('output', 'status', 'error', 'ouput', 'output.field', 'output[0]', 'exitCode')).map(([id, p]) => `\${steps.${id}.${p}}`);
const textArb = fc.oneof(
  fc.constantFrom('echo hi', 'plain', '${inputs.topic}', '${item}', '${index}', '${env.HOME}', '${run.id}', '${length(steps.a.output)}', '$${literal}', '${ unclosed', '${toString(1)}', '${run.constructor}', '${steps.a.__proto__}'),
  refArb,
  fc.tuple(fc.string({ maxLength: 8 }), refArb, fc.string({ maxLength: 8 })).map(([a, r, b]) => `${a}${r}${b}`),
);

type Step = Record<string, unknown>;
const leafArb: fc.Arbitrary<Step> = fc.record(
  {
    id: idArb,
    action: fc.constantFrom('shell', 'stub', 'http', 'llm', 'file', 'none', 'two'),
    text: textArb,
    needs: fc.option(fc.oneof(idArb, fc.array(idArb, { maxLength: 3 })), { nil: undefined }),
    timeout: fc.option(fc.constantFrom('30s', 5, 'soon', '${inputs.t}', -1), { nil: undefined }),
    extra: fc.option(fc.constantFrom('shel', 'maxConcurency', 'if', 'toString', '__proto__'), { nil: undefined }),
  },
  { requiredKeys: ['id', 'action', 'text'] },
).map(({ id, action, text, needs, timeout, extra }) => {
  const s: Step = { id };
  if (needs !== undefined) s.needs = needs;
  if (timeout !== undefined) s.timeout = timeout;
  if (action === 'shell' || action === 'two') s.shell = text;
  if (action === 'stub') s.stub = { output: text };
  if (action === 'http' || action === 'two') s.http = { url: text, method: 'GET' };
  if (action === 'llm') s.llm = { prompt: text };
  if (action === 'file') s.file = { action: 'write', path: 'out.txt', content: text };
  if (extra) s[extra] = text;
  return s;
});

const stepArb: fc.Arbitrary<Step> = fc.letrec<{ step: Step; list: Step[] }>((tie) => ({
  step: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.tuple(idArb, fc.dictionary(fc.constantFrom('left', 'right', 'mid', 'bad name'), tie('list'), { maxKeys: 3 })).map(([id, branches]) => ({ id, parallel: { branches } })),
    fc.tuple(idArb, tie('list')).map(([id, list]) => ({ id, parallel: list })),
    fc.tuple(idArb, tie('list'), fc.constantFrom('${steps.a.output}', '[1, 2]', 'item')).map(([id, steps, items]) => ({ id, foreach: { items: items === '[1, 2]' ? [1, 2] : items, as: 'f', steps } })),
    fc.tuple(idArb, fc.constantFrom('./child.weft.yaml', './loop.weft.yaml', './missing.weft.yaml')).map(([id, p]) => ({ id, workflow: { path: p } })),
  ),
  list: fc.array(tie('step'), { minLength: 0, maxLength: 4 }),
})).step;

const workflowArb = fc
  .record({
    steps: fc.array(stepArb, { minLength: 0, maxLength: 8 }),
    maxConcurrency: fc.option(fc.constantFrom(1, 4, 0, 'x'), { nil: undefined }),
    outputs: fc.option(fc.dictionary(fc.constantFrom('digest', 'all'), refArb, { maxKeys: 2 }), { nil: undefined }),
  })
  .map(({ steps, maxConcurrency, outputs }) => {
    const w: Record<string, unknown> = { name: 'random', inputs: { topic: 'x', t: '1s' } };
    if (maxConcurrency !== undefined) w.config = { maxConcurrency };
    if (outputs) w.outputs = outputs;
    w.steps = steps;
    return stringify(w, { aliasDuplicateObjects: false });
  });

// ---- mutations of real files -----------------------------------------------------------------

const SIGNIFICANT = ['\n', ' ', '  ', ':', '- ', '[', ']', '{', '}', '"', "'", '#', '&a', '*a', '<<: ', '|', '>', '!', '${', '}', '.', '${steps.', '---\n', '\t', '\r\n', '\u00e9', '\ud83d\ude00', '%YAML 1.2\n', '!!binary ', '!!set ', 'constructor'];

type Mutation = (text: string) => string;
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.nat({ max: 40 })).map(([at, n]): Mutation => (t) => {
    const i = t.length ? at % t.length : 0;
    return t.slice(0, i) + t.slice(i + n);
  }),
  fc.tuple(fc.nat(), fc.constantFrom(...SIGNIFICANT)).map(([at, s]): Mutation => (t) => {
    const i = t.length ? at % (t.length + 1) : 0;
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.tuple(fc.nat(), fc.string({ maxLength: 6 })).map(([at, s]): Mutation => (t) => {
    const i = t.length ? at % (t.length + 1) : 0;
    return t.slice(0, i) + s + t.slice(i);
  }),
  fc.tuple(fc.nat(), fc.nat()).map(([a, b]): Mutation => (t) => {
    const lines = t.split('\n');
    const i = a % lines.length;
    const j = b % lines.length;
    [lines[i], lines[j]] = [lines[j]!, lines[i]!];
    return lines.join('\n');
  }),
  fc.tuple(fc.nat(), fc.constantFrom('dup', 'del', 'indent', 'dedent')).map(([a, op]): Mutation => (t) => {
    const lines = t.split('\n');
    const i = a % lines.length;
    if (op === 'dup') lines.splice(i, 0, lines[i]!);
    else if (op === 'del') lines.splice(i, 1);
    else if (op === 'indent') lines[i] = `  ${lines[i]}`;
    else lines[i] = lines[i]!.replace(/^ {1,2}/, '');
    return lines.join('\n');
  }),
  fc.nat().map((n): Mutation => (t) => t.slice(0, t.length ? n % t.length : 0)),
);

// ---- half-typed templates --------------------------------------------------------------------

const halfTemplateArb = fc
  .tuple(
    fc.constantFrom('${', '${steps', '${steps.', '${steps.a', '${steps.a.', '${steps.a.output', '${ inputs.', '${length(', '${contains(steps.a.output, ', '${steps.a.output[', "${'abc", '${1 == ', '${!', '${ (', '${steps..x}', '${}', '${{}}', '$${', '${a ?? }'),
    fc.constantFrom('', '}', ' }', ')}', ']}', 'x'),
  )
  .map(([head, tail]) => head + tail);

const templateHost = (tpl: string): string =>
  `steps:\n  - id: a\n    shell: echo hi\n  - id: b\n    llm:\n      prompt: "use ${tpl.replace(/["\\]/g, '\\$&')}"\n    if: ${JSON.stringify(tpl)}\n  - id: c\n    foreach:\n      items: ${JSON.stringify(tpl)}\n      steps:\n        - id: d\n          shell: |\n            echo ${tpl}\n`;

describe('the analyser on random and broken input (fast-check)', () => {
  it('random workflows with references, blocks and mistakes', () => {
    fc.assert(fc.property(workflowArb, (text) => runOnce(text)), { numRuns: 300, seed: 42 });
  });

  it('byte and line mutations of the examples and fixtures', () => {
    const seeds = seedFiles();
    assert.ok(seeds.length > 0);
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), (seed, mutations) => {
        runOnce(mutations.reduce((t, m) => m(t), seed));
      }),
      { numRuns: 500, seed: 7 },
    );
  });

  it('half-typed templates in every kind of string', () => {
    fc.assert(fc.property(halfTemplateArb, (tpl) => runOnce(templateHost(tpl))), { numRuns: 200, seed: 3 });
  });

  it('arbitrary text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => runOnce(text)), { numRuns: 300, seed: 11 });
  });
});
