// The static side of a `workflow` call's input types: says whether a literal value passed under
// `workflow.inputs` would be refused by the run (engine/src/run/workflow-frame.ts, coerceInputs), so
// that `weft validate` and the editor report it before anything runs. There is one rule:
// inputValueProblem (the rule without the template skip) is what the run itself calls, so both give
// the same words (input-types.test.ts checks the run against it over a table of values); a value
// whose type depends on a template is not known here and passes.
import type { InputDecl } from '../model/types.js';
import { hasTemplate, parseTemplate } from '../template/parse.js';
import { NUMBER_TEXT } from '../template/evaluate.js';

/**
 * Why the run would refuse `value` for the input `decl` (`must be a number (...), got 'abc'`, the
 * run's words after `input 'name' `), or undefined when it would take it or the value is not known
 * before the run (a template).
 */
export function literalInputProblem(decl: InputDecl, value: unknown): string | undefined {
  if (typeof value === 'string' && hasTemplate(value)) {
    // `$${` is a literal `${`, not a template: the run passes the text with the escape undone.
    const { parts } = parseTemplate(value);
    if (parts.some((p) => p.kind === 'expr')) return undefined;
    return inputValueProblem(decl, parts.map((p) => (p.kind === 'text' ? p.value : '')).join(''));
  }
  return inputValueProblem(decl, value);
}

/**
 * Why `value` (already evaluated, or a literal) is not a value of the input `decl`, in the run's
 * words; undefined when it is (null passes: an optional value that is not there). An array or a
 * mapping keeps its kind whatever templates it holds: only the kind is checked.
 */
export function inputValueProblem(decl: InputDecl, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? textProblem(decl, value) : typedProblem(decl, value);
}

/** Text is converted to the declared type (as `--input n=5` is): a number as JSON writes one, a boolean only `true`/`false`. */
function textProblem(d: InputDecl, v: string): string | undefined {
  switch (d.type) {
    case 'number':
      return NUMBER_TEXT.test(v) && Number.isFinite(Number(v)) ? undefined : `must be a number (as JSON writes one: 16, -2, 0.5, 1e3), got ${quoted(v)}`;
    case 'boolean':
      return v === 'true' || v === 'false' ? undefined : `must be a boolean (true or false), got ${quoted(v)}`;
    case 'object':
    case 'array':
      return parsesAs(v, d.type) ? undefined : `must be JSON ${d.type}, got ${quoted(v)}`;
    default:
      return undefined;
  }
}

/** The text given, quoted, its first 60 characters when longer (a JSON value can be any size). */
function quoted(v: string): string {
  const chars = [...v];
  return `'${chars.length > 60 ? `${chars.slice(0, 60).join('')}...` : v}'`;
}

function parsesAs(v: string, type: 'object' | 'array'): boolean {
  try {
    const parsed: unknown = JSON.parse(v);
    return type === 'array' ? Array.isArray(parsed) : isObject(parsed);
  } catch {
    return false;
  }
}

const isObject = (v: unknown): boolean => !!v && typeof v === 'object' && !Array.isArray(v);

/** A value that is not text must already have the declared type; a `string` input takes a number or boolean. */
function typedProblem(d: InputDecl, v: unknown): string | undefined {
  const ok =
    d.type === 'number' ? typeof v === 'number' && Number.isFinite(v)
    : d.type === 'boolean' ? typeof v === 'boolean'
    : d.type === 'object' ? isObject(v)
    : d.type === 'array' ? Array.isArray(v)
    : typeof v === 'number' || typeof v === 'boolean';
  if (ok) return undefined;
  const article = d.type === 'array' || d.type === 'object' ? 'an' : 'a';
  return `must be ${article} ${d.type}, got ${typeName(v)}`;
}

/** A value's type for a message; an infinite number (YAML's `.inf`) as `number Infinity`, where JSON would say `null`. */
function typeName(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return `number ${v}`;
  return Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
