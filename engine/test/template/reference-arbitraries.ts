// Random templates and contexts for the differential test of the template language
// (template-reference.test.ts): odd numbers (-0, 1e21, NaN, large integers), texts with quotes,
// escapes and lone surrogates, nested values with prototype names, missing fields; and the check
// that compares the engine's parse + evaluate with reference-evaluator.ts on one of them.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { evaluateTemplate, TemplateEvalError, type EvalScope } from '../../src/template/evaluate.js';
import { parseTemplate } from '../../src/template/parse.js';
import { refEvaluate, RefError, type RefContext } from './reference-evaluator.js';

export const STEP_IDS = ['a', 'b-', 'c_1'];
const NAMES = ['output', 'status', 'error', 'length', 'x', 'y', 'name', 'a', '0', 'true', 'null', 'constructor', '__proto__'];

// ---- values ----

const oddNumber = fc.constantFrom(0, -0, 1, -1, 3, 1.5, -2.5, 1e21, 1e-7, 2 ** 53, 2 ** 53 + 2, 0.1, 10, 100, NaN, Infinity, -Infinity);
const number = fc.oneof(fc.integer({ min: -3, max: 12 }), oddNumber, fc.double({ noDefaultInfinity: true }));
const oddText = fc.constantFrom(
  '', ' ', '3', ' 3', '3 ', '03', '-0', '1e3', '1.', '.5', '0x10', 'NaN', 'Infinity', 'false', 'FALSE', ' false ', 'true', 'null',
  'abc', 'ABC', 'a"b', "a'b", 'a\\b', '${x}', '}', '{"a":1}', '[1,2]', '😀', 'é😀中', '\ud83d', '\ude00x', '\uffff', 'a\nb', '\t',
);
const text = fc.oneof(oddText, fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom(...NAMES));
const scalar = fc.oneof(fc.constant(null), fc.boolean(), number, text);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...NAMES, 'b', '1', ''), tie('v'), { maxKeys: 4 }),
  ),
})).v;

export const context: fc.Arbitrary<RefContext> = fc.record({
  steps: fc.record(Object.fromEntries(STEP_IDS.map((id) => [id, fc.record({
    output: value,
    status: fc.constantFrom('succeeded', 'failed', 'skipped'),
    error: fc.oneof(fc.constant(null), text),
    attempts: fc.integer({ min: 0, max: 3 }),
    durationMs: fc.nat(),
  })])) as Record<string, fc.Arbitrary<Record<string, unknown>>>),
  inputs: fc.dictionary(fc.constantFrom(...NAMES), value, { maxKeys: 5 }),
  env: fc.dictionary(fc.constantFrom('HOME', 'x', 'N', 'EMPTY'), text, { maxKeys: 3 }),
  run: fc.record({ id: fc.constant('r1'), workflow: fc.constant('w'), startedAt: fc.constant('2024-01-01T00:00:00Z') }),
  vars: fc.record({ item: value, index: fc.nat({ max: 5 }) }),
});

// ---- expressions (source text) ----

const space = fc.constantFrom('', '', '', ' ', '  ', '\t', '\n');
const numberSource = fc.oneof(
  number.filter(Number.isFinite).map((n) => (Object.is(n, -0) ? '-0' : String(n))),
  fc.constantFrom('0', '-0', '007', '1e21', '1E+2', '2.50', '9007199254740993', '1e400', '-1e400', '0.0', '1e-400', '12345678901234567890'),
);
const stringChar = fc.oneof(
  fc.constantFrom('a', 'B', ' ', '}', '{', '$', '${', '$${', "'", '"', '\\', '\\n', '\\t', '\\u0041', '\\\\', '😀', '\ud83d', '\ude00', 'é', '\u0000', '0', '.', 'false'),
  fc.string({ unit: 'binary', maxLength: 1 }),
);
/** A quoted literal; a character equal to the quote is escaped, so it is terminated unless it ends in a lone `\`. */
const stringSource = fc
  .tuple(fc.constantFrom("'", '"'), fc.array(stringChar, { maxLength: 5 }))
  .map(([q, cs]) => q + cs.map((c) => (c === q ? '\\' + c : c)).join('').replace(/\\+$/, (m) => (m.length % 2 ? m + '\\' : m)) + q);
const literal = fc.oneof(numberSource, stringSource, fc.constantFrom('true', 'false', 'null'));
const root = fc.constantFrom(...STEP_IDS.map((id) => `steps.${id}`), 'inputs', 'env', 'run', 'item', 'index', 'steps.a.output', 'steps.b-.output');
const FUNCS = ['length', 'contains', 'startsWith', 'endsWith', 'json', 'fromJson'];
const ARITY: Record<string, number> = { length: 1, contains: 2, startsWith: 2, endsWith: 2, json: 1, fromJson: 1 };
const BINARY = ['??', '||', '&&', '==', '!=', '<', '<=', '>', '>='];

export const expr: fc.Arbitrary<string> = fc.letrec<{ e: string; primary: string }>((tie) => ({
  primary: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    fc.tuple(root, fc.array(fc.oneof(fc.constantFrom(...NAMES).map((n) => `.${n}`), tie('e').map((e) => `[${e}]`)), { maxLength: 3 })).map(([r, s]) => r + s.join('')),
    fc.constantFrom(...FUNCS).chain((f) => fc.array(tie('e'), { minLength: ARITY[f], maxLength: ARITY[f] }).map((args) => `${f}(${args.join(', ')})`)),
    tie('e').map((e) => `(${e})`),
  ),
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    tie('primary'),
    fc.tuple(tie('e'), space, fc.constantFrom(...BINARY), space, tie('e')).map((p) => p.join('')),
    tie('e').map((e) => `!${e}`),
  ),
})).e;

/** A value holding templates: text around them, `$${`, `$$`, a lone `$`. */
export const templateValue = fc.array(fc.oneof(
  fc.tuple(space, expr, space).map(([a, e, b]) => `\${${a}${e}${b}}`),
  fc.constantFrom('x', ' ', '$', '$$', '$${', '}', '{', 'é', '😀', ''),
), { minLength: 1, maxLength: 3 }).map((ps) => ps.join(''));

// ---- comparing ----

export function scopeOf(ctx: RefContext): EvalScope {
  return {
    step: (id) => (Object.hasOwn(ctx.steps, id) ? ctx.steps[id] : undefined),
    inputs: ctx.inputs,
    env: ctx.env,
    run: ctx.run,
    variable: (name) => (Object.hasOwn(ctx.vars, name) ? { found: true, value: ctx.vars[name] } : { found: false, value: undefined }),
  };
}

type Outcome = { value: unknown } | { error: string };

export function engineOutcome(value: string, ctx: RefContext): Outcome {
  try {
    return { value: evaluateTemplate(parseTemplate(value), scopeOf(ctx)) };
  } catch (e) {
    if (e instanceof TemplateEvalError) return { error: e.message };
    throw new Error(`the engine threw a non-Weft error on ${JSON.stringify(value)}: ${(e as Error)?.stack ?? e}`, { cause: e });
  }
}

function refOutcome(value: string, ctx: RefContext): Outcome {
  try {
    return { value: refEvaluate(value, ctx) };
  } catch (e) {
    if (e instanceof RefError) return { error: e.message };
    throw e;
  }
}

/** Same value: numbers by Object.is (so -0 and NaN count), objects by own keys. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(rb, k) && sameValue(ra[k], rb[k]));
  }
  return a === b;
}

const show = (o: Outcome) => ('error' in o ? `error: ${o.error}` : `value: ${typeof o.value === 'number' && Object.is(o.value, -0) ? '-0' : JSON.stringify(o.value)}`);

export function checkAgainstReference(value: string, ctx: RefContext): void {
  const ours = engineOutcome(value, ctx);
  const ref = refOutcome(value, ctx);
  const agree = 'error' in ours ? 'error' in ref : !('error' in ref) && sameValue(ours.value, ref.value);
  assert.ok(agree, `${JSON.stringify(value)}\n  engine    ${show(ours)}\n  reference ${show(ref)}\n  context ${JSON.stringify(ctx)}`);
}


/** Characters that break or bend the grammar, for mutating well-formed values. */
const NOISE = ['(', ')', '[', ']', '.', ',', '!', '=', '==', '?', ':', "'", '"', '}', '{', '$', '${', '$$', '-', '|', '||', '&', '<', '\\', ' ', '0', '1.', 'a', 'steps.', '@', '\u00a0'];

/** A template value with a few characters inserted, deleted or replaced: mostly malformed. */
export const mutatedValue = fc
  .tuple(templateValue, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...NOISE)), { minLength: 1, maxLength: 3 }))
  .map(([value, edits]) => {
    let v = value;
    for (const [at, how, s] of edits) {
      const i = at % (v.length + 1);
      v = how === 0 ? v.slice(0, i) + s + v.slice(i) : how === 1 ? v.slice(0, i) + v.slice(i + 1) : v.slice(0, i) + s + v.slice(i + 1);
    }
    return v;
  });
