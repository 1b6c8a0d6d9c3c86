// The static side of a `workflow` call's input types: says whether a literal value passed under
// `workflow.inputs` would be refused by the run (engine/src/run/workflow-frame.ts, coerceInputs), so
// that `weft validate` and the editor report it before anything runs. The rules copy the run's
// exactly (input-types.test.ts compares the two over a table of values); a value whose type depends
// on a template is not known here and passes.
import type { InputDecl } from '../model/types.js';

/**
 * Why the run would refuse `value` for the input `decl` (`must be a number, got 'abc'`, the run's
 * words after `input 'name' `), or undefined when it would take it or the value is not known yet.
 */
export function literalInputProblem(decl: InputDecl, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.includes('${') ? undefined : textProblem(decl, value);
  // An array or a mapping keeps its kind whatever templates it holds: the run checks only the kind.
  return typedProblem(decl, value);
}

/** Text is converted to the declared type (as `--input n=5` is). */
function textProblem(d: InputDecl, v: string): string | undefined {
  switch (d.type) {
    case 'number':
      return v.trim() === '' || !Number.isFinite(Number(v)) ? `must be a number, got '${v}'` : undefined;
    case 'boolean':
      return /^(true|yes|1)$/i.test(v) || /^(false|no|0)$/i.test(v) ? undefined : `must be true or false, got '${v}'`;
    case 'object':
    case 'array':
      return parsesAs(v, d.type) ? undefined : `must be JSON ${d.type}`;
    default:
      return undefined;
  }
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

/** As the run names it, but an infinite number (YAML's `.inf`) as `Infinity`, where the run's JSON says `null`. */
function typeName(v: unknown): string {
  if (typeof v === 'number' && !Number.isFinite(v)) return `number ${v}`;
  return Array.isArray(v) ? 'an array' : typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
