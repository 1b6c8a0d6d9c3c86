// Runtime evaluation of template ASTs (language spec section 4): turns a parsed `${...}` template
// into a value, given what the run knows at that moment (step records, inputs, env, foreach item).
// The analyser has already rejected unknown roots, steps and functions; what remains here are
// run-time facts (a missing field is `null`, a bad `fromJson` is an error of the step).
import type { Expr, Template } from './ast.js';
import { jsonProblem } from './json-problem.js';

/** What an expression can see. `step` resolves `steps.<id>` for the step being evaluated. */
export interface EvalScope {
  step(id: string): Record<string, unknown> | undefined;
  inputs: Record<string, unknown>;
  env: Record<string, string | undefined>;
  run: Record<string, unknown>;
  /** Foreach variables visible here, innermost first: the item name (`item` or `as`) and `index`. */
  variable(name: string): { found: boolean; value: unknown };
  /**
   * A dry run: the text a placeholder names (a value the dry run does not have, run/dry-placeholders.ts),
   * else undefined. A function given one, and a field of one, are placeholders too, not a failure
   * (`fromJson` of `<steps.a.output>`) or null.
   */
  placeholderText?(value: unknown): string | undefined;
}

export class TemplateEvalError extends Error {}

/** Evaluates a whole template: a single `${...}` keeps its type, anything else becomes text. */
export function evaluateTemplate(template: Template, scope: EvalScope): unknown {
  if (template.errors.length > 0) throw new TemplateEvalError(template.errors[0].message);
  try {
    return evaluateParts(template, scope);
  } catch (e) {
    // `fromJson` reads JSON of any depth, but comparing such a value or writing it as JSON recurses
    // per level: past some thousands the stack overflows (a RangeError, as is text past the
    // longest string). The step fails saying so, as for any other value it cannot use.
    if (e instanceof RangeError) {
      throw new TemplateEvalError(/call stack/i.test(e.message) ? 'a value is nested too deeply to compare or write as text' : `a value is too large: ${e.message}`);
    }
    throw e;
  }
}

function evaluateParts(template: Template, scope: EvalScope): unknown {
  if (template.single) {
    const part = template.parts.find((p) => p.kind === 'expr');
    if (part && part.kind === 'expr') return normalise(evaluateExpr(part.expr, scope));
  }
  let out = '';
  for (const part of template.parts) {
    out += part.kind === 'text' ? part.value : toText(evaluateExpr(part.expr, scope));
  }
  return out;
}

/** Text form of a value inside a larger string: objects as JSON, null as empty text. */
export function toText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Truthiness for `if`: JavaScript's, plus the text `false` (any case) is false. */
export function isTruthy(value: unknown): boolean {
  if (typeof value === 'string') return value.trim() !== '' && value.trim().toLowerCase() !== 'false';
  if (Array.isArray(value)) return true;
  return Boolean(value);
}

function normalise(v: unknown): unknown {
  return v === undefined ? null : v;
}

export function evaluateExpr(expr: Expr, scope: EvalScope): unknown {
  switch (expr.type) {
    case 'literal':
      return expr.value;
    case 'path':
      return evalPath(expr, scope);
    case 'call': {
      const args = expr.args.map((a) => evaluateExpr(a, scope));
      const named = scope.placeholderText && args.map((a) => scope.placeholderText!(a));
      if (named?.some((t) => t !== undefined)) return `<${expr.name.name}(${args.map((a, i) => named[i] ?? JSON.stringify(a)).join(', ')})>`;
      return callFunction(expr.name.name, args);
    }
    case 'not':
      return !isTruthy(evaluateExpr(expr.operand, scope));
    case 'binary':
      return evalBinary(expr.op, expr.left, expr.right, scope);
    case 'error':
    default:
      throw new TemplateEvalError('malformed expression');
  }
}

function evalPath(expr: Extract<Expr, { type: 'path' }>, scope: EvalScope): unknown {
  const root = expr.root.name;
  let value: unknown;
  let segments = expr.segments;
  if (root === 'steps') {
    const first = segments[0];
    if (!first || first.kind !== 'prop') throw new TemplateEvalError('steps must be followed by a step id');
    const record = scope.step(first.name);
    if (!record) throw new TemplateEvalError(`unknown step '${first.name}'`);
    value = record;
    segments = segments.slice(1);
  } else if (root === 'inputs') value = scope.inputs;
  else if (root === 'env') value = scope.env;
  else if (root === 'run') value = scope.run;
  else {
    const v = scope.variable(root);
    if (!v.found) throw new TemplateEvalError(`'${root}' is not defined here`);
    value = v.value;
  }
  for (const seg of segments) {
    const key = seg.kind === 'prop' ? seg.name : evaluateExpr(seg.expr, scope);
    const named = scope.placeholderText?.(value);
    value = named === undefined ? member(value, key) : `<${named}${seg.kind === 'prop' ? `.${seg.name}` : `[${JSON.stringify(key)}]`}>`;
  }
  return normalise(value);
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * The characters of a text, as `length` and `[i]` count them: code points, so `😀` is one (JavaScript's
 * own length counts UTF-16 units, two for it, and indexing would split it into halves).
 */
function characterCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** The character at `i` (from the end when negative), counted as characterCount counts, without listing them all. */
function characterAt(s: string, i: number): string | null {
  if (!SURROGATE.test(s)) return s[i < 0 ? s.length + i : i] ?? null;
  let k = i < 0 ? characterCount(s) + i : i;
  if (k < 0) return null;
  for (const ch of s) if (k-- === 0) return ch;
  return null;
}

/** Text that writes a whole number (`'1'`, `'-1'`), as an index of a list or a text may be given. */
const INDEX_TEXT = /^-?(0|[1-9][0-9]*)$/;

/**
 * The index `key` gives: a whole number, or text that writes one; anything else (null, a boolean,
 * empty or padded text, a list) is none, where Number() read null, '' and [] as 0 and true as 1.
 */
function indexOf(key: unknown): number | undefined {
  if (typeof key === 'number') return Number.isInteger(key) ? key : undefined;
  if (typeof key === 'string' && INDEX_TEXT.test(key)) return Number(key);
  return undefined;
}

function member(obj: unknown, key: unknown): unknown {
  if (obj === null || obj === undefined) return null;
  if (typeof obj === 'string') {
    if (key === 'length') return characterCount(obj);
    const i = indexOf(key);
    return i === undefined ? null : characterAt(obj, i);
  }
  if (Array.isArray(obj)) {
    if (key === 'length') return obj.length;
    const i = indexOf(key);
    if (i === undefined) return null;
    return obj[i < 0 ? obj.length + i : i] ?? null;
  }
  if (typeof obj === 'object') {
    // A key is text or a number; String() of an object key threw a TypeError for JSON with a
    // `toString` field, and named the key 'null' for a missing value.
    if (typeof key !== 'string' && typeof key !== 'number') return null;
    const k = String(key);
    return Object.prototype.hasOwnProperty.call(obj, k) ? (obj as Record<string, unknown>)[k] : null;
  }
  return null;
}

function evalBinary(op: string, l: Expr, r: Expr, scope: EvalScope): unknown {
  if (op === '&&') {
    const a = evaluateExpr(l, scope);
    return isTruthy(a) ? evaluateExpr(r, scope) : a;
  }
  if (op === '||') {
    const a = evaluateExpr(l, scope);
    return isTruthy(a) ? a : evaluateExpr(r, scope);
  }
  if (op === '??') {
    const a = evaluateExpr(l, scope);
    return a === null || a === undefined ? evaluateExpr(r, scope) : a;
  }
  const a = evaluateExpr(l, scope);
  const b = evaluateExpr(r, scope);
  switch (op) {
    case '==':
      return looseEqual(a, b);
    case '!=':
      return !looseEqual(a, b);
    default:
      return compare(op, a, b);
  }
}

/**
 * JSON's number syntax (`16`, `-2`, `0.5`, `1e3`; not `0x10`, `.5`, `+1`, `012`, `Infinity` or
 * surrounding spaces, which Number() read as numbers): how the run reads a number given as text, in
 * a comparison and as an input's value (input-types.ts).
 */
export const NUMBER_TEXT = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && NUMBER_TEXT.test(v)) {
    const n = Number(v);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** `==`: numbers compare as numbers when both sides read as numbers ("3" == 3), else deep equality. */
export function looseEqual(a: unknown, b: unknown): boolean {
  if ((typeof a === 'number' || typeof b === 'number') && a !== null && b !== null) {
    const x = asNumber(a);
    const y = asNumber(b);
    if (x !== undefined && y !== undefined) return x === y;
  }
  return deepEqual(a ?? null, b ?? null);
}

function deepEqual(a: unknown, b: unknown): boolean {
  // Values by ===, so NaN equals nothing; lists and objects item by item, even one with itself:
  // `output == output` was true where `output[0][0] == output[0][0]` was false for `[[NaN]]`.
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  // Own keys only: b's `__proto__` read through would be Object.prototype, which has no keys either.
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  return ka.every((k) => has(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Texts in code point order, as `length` counts characters (JavaScript's `<` orders UTF-16 units). */
function compareText(a: string, b: string): number {
  if (a === b) return 0;
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done || q.done) return p.done ? (q.done ? 0 : -1) : 1;
    if (p.value !== q.value) return p.value.codePointAt(0)! - q.value.codePointAt(0)!;
  }
}

function compare(op: string, a: unknown, b: unknown): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  let c: number;
  // Not x - y: two equal infinities give NaN, so `1e400 >= 1e400` was false.
  if (x !== undefined && y !== undefined) c = x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  else if (a === null || b === null || a === undefined || b === undefined) return false;
  else c = compareText(toText(a), toText(b));
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    default:
      throw new TemplateEvalError(`unknown operator ${op}`);
  }
}

function callFunction(name: string, args: unknown[]): unknown {
  const [a, b] = args;
  switch (name) {
    case 'length':
      if (a === null || a === undefined) return 0;
      if (typeof a === 'string') return characterCount(a);
      if (Array.isArray(a)) return a.length;
      if (typeof a === 'object') return Object.keys(a).length;
      return characterCount(toText(a));
    case 'contains':
      if (Array.isArray(a)) return a.some((x) => looseEqual(x, b));
      if (a && typeof a === 'object') return Object.prototype.hasOwnProperty.call(a, toText(b));
      return toText(a).includes(toText(b));
    case 'startsWith':
      return toText(a).startsWith(toText(b));
    case 'endsWith':
      return toText(a).endsWith(toText(b));
    case 'json':
      return JSON.stringify(a ?? null);
    case 'fromJson':
      if (typeof a !== 'string') return a ?? null;
      try {
        return JSON.parse(a);
      } catch (e) {
        throw new TemplateEvalError(`fromJson: the text is not valid JSON: ${jsonProblem(a, e)}`);
      }
    default:
      throw new TemplateEvalError(`unknown function ${name}()`);
  }
}
