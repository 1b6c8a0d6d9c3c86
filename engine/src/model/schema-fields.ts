// Whether a place inside a step (a template's field path, `['http', 'headers', 'X']`) is one the
// schema has, or lies under a key it rejects (GitHub's step `outputs:`, `with:`). The cycle search
// asks it about the references of a loop it found: a loop closed only through a rejected key is
// that key's schema error alone (one mistake, one diagnostic). Read from schemas/weft.schema.json,
// so a key added there is known here too.
import { weftSchema } from './schema-validate.js';

type SchemaObj = Record<string, unknown>;

const definitions = weftSchema.definitions as Record<string, SchemaObj>;

function resolveRef(s: SchemaObj): SchemaObj {
  let cur = s;
  for (let guard = 0; typeof cur.$ref === 'string' && guard < 10; guard++) {
    const m = /^#\/definitions\/(.+)$/.exec(cur.$ref);
    if (!m || !definitions[m[1]!]) break;
    cur = definitions[m[1]!]!;
  }
  return cur;
}

/** Whether a rule can be a mapping (`object`) or a list (`array`): not a constant, a list of values or another type. */
function holds(s: SchemaObj, type: 'object' | 'array'): boolean {
  if ('const' in s || 'enum' in s) return false;
  const t = s.type;
  return t === undefined || t === type || (Array.isArray(t) && t.includes(type));
}

/**
 * Whether the schema at `s` has the place `path[i..]`: a key is unknown where a mapping's rule has
 * `additionalProperties: false` and no property of that name (in every form a union allows); a list
 * index, and anything below a value the schema leaves open (`stub.output`), is known.
 */
function has(schema: SchemaObj, path: readonly (string | number)[], i: number, depth: number): boolean {
  const s = resolveRef(schema);
  if (i === path.length || depth > 50) return true;
  const forms = [...((s.anyOf as SchemaObj[] | undefined) ?? []), ...((s.oneOf as SchemaObj[] | undefined) ?? [])];
  const seg = path[i]!;
  // A union with no rule of its own for what is inside (`shell: text | {run, ...}`): one of its forms
  // that is a mapping (a list, for an index); with none, the value has the wrong type, not a wrong key.
  if (forms.length && !s.properties && !s.items && s.additionalProperties === undefined) {
    const containers = forms.map(resolveRef).filter((f) => holds(f, typeof seg === 'number' ? 'array' : 'object'));
    return containers.length === 0 || containers.some((f) => has(f, path, i, depth + 1));
  }
  if (typeof seg === 'number') return s.items ? has(s.items as SchemaObj, path, i + 1, depth + 1) : true;
  const props = s.properties as Record<string, SchemaObj> | undefined;
  if (props && Object.hasOwn(props, seg)) return has(props[seg]!, path, i + 1, depth + 1);
  if (s.additionalProperties === false) return false;
  if (s.additionalProperties && typeof s.additionalProperties === 'object') return has(s.additionalProperties as SchemaObj, path, i + 1, depth + 1);
  return true;
}

/** Whether a step has the field at `fieldPath` (relative to the step) in the schema. */
export function isStepField(fieldPath: readonly (string | number)[]): boolean {
  return has(definitions.step!, fieldPath, 0, 0);
}
