// Turns ajv's raw error list into one error per real problem. ajv (allErrors) reports every branch
// of an `anyOf` that failed plus the `anyOf` itself; every branch of weft.schema.json's unions accepts
// a different JSON type, so the value's type says which branch the author meant: keep that branch's
// errors and drop the rest, or, when no branch (or more than one) fits, report the union as a whole.
// The step's "exactly one action" `oneOf` is taken out here and explained from the step's own keys.
import type { ErrorObject } from 'ajv';
import { dataAt } from './schema-context.js';
import { jsonType, typeAccepts } from './schema-messages.js';

export interface SchemaError {
  e: ErrorObject;
  /** instancePath as segments. */
  path: string[];
  /** Where in weft.schema.json the failing rule sits (`#/definitions/duration/anyOf/1`). */
  loc: string;
  dropped: boolean;
}

export interface Collapsed {
  /** Errors to explain one by one. */
  errors: SchemaError[];
  /** Unions no branch of which fits the value: report "'x' must be <what the union expects>". */
  unions: SchemaError[];
  /** Steps whose `oneOf` (exactly one action) failed: explain from the step's keys. */
  actionSteps: SchemaError[];
}

type SchemaObj = Record<string, unknown>;

const STEP_LOC = '#/definitions/step';

/**
 * The schema's rule that an input's default is a value of its type, which editors without Weft
 * apply: the analyser says it in the run's own words (analysis/input-defaults.ts, which parses JSON
 * text where the schema can only match its brackets), so ajv's copy is not reported twice.
 */
const INPUT_DEFAULT_LOCS = ['#/definitions/inputDeclaration/allOf/', '#/definitions/inputDefault'];

function isPrefix(prefix: readonly string[], path: readonly string[]): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (prefix[i] !== path[i]) return false;
  return true;
}

function branchTypes(branch: SchemaObj): string[] | undefined {
  if (branch.type !== undefined) return Array.isArray(branch.type) ? branch.type.map(String) : [String(branch.type)];
  if ('const' in branch) return [jsonType(branch.const) === 'integer' ? 'number' : jsonType(branch.const)];
  if (Array.isArray(branch.enum)) return [...new Set(branch.enum.map((v) => (jsonType(v) === 'integer' ? 'number' : jsonType(v))))];
  return undefined;
}

export function collapse(
  raw: ErrorObject[],
  data: unknown,
  locOf: (schema: unknown) => string,
  resolveRef: (schema: SchemaObj) => SchemaObj,
  explains: (loc: string) => boolean,
): Collapsed {
  const all: SchemaError[] = raw.map((e) => ({
    e,
    path: e.instancePath === '' ? [] : e.instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')),
    loc: locOf(e.parentSchema),
    dropped: false,
  }));
  const actionSteps: SchemaError[] = [];
  const unions: SchemaError[] = [];

  // The step's action rule: its branch errors (`required: [shell]`, ...) say nothing useful.
  for (const err of all) {
    if (err.loc.startsWith(`${STEP_LOC}/oneOf/`)) err.dropped = true;
    else if (err.e.keyword === 'oneOf' && err.loc === STEP_LOC) {
      err.dropped = true;
      actionSteps.push(err);
    } else if (err.e.keyword === 'if' || err.e.keyword === 'propertyNames') err.dropped = true;
    else if (INPUT_DEFAULT_LOCS.some((l) => err.loc.startsWith(l))) err.dropped = true;
  }

  // Unions, outermost first: an outer union that is reported whole swallows the inner ones.
  const unionIdx = all
    .map((err, i) => ({ err, i }))
    .filter(({ err }) => err.e.keyword === 'anyOf' || err.e.keyword === 'oneOf')
    .filter(({ err }) => !err.dropped)
    .sort((a, b) => a.err.path.length - b.err.path.length || a.i - b.i);
  for (const { err: u, i: ui } of unionIdx) {
    if (u.dropped) continue;
    u.dropped = true;
    const branches = ((u.e.schema as unknown[]) ?? []).map((b) => resolveRef(b as SchemaObj));
    const branchLocs = branches.map((b) => locOf(b));
    const valueType = jsonType(dataAt(data, u.path));
    const fits = branches
      .map((b, i) => ({ b, i, types: branchTypes(b) }))
      .filter(({ types }) => types === undefined || types.some((t) => typeAccepts(t, valueType)));
    // Errors this union produced: ajv reports them right before it, all at its path or below.
    const related: SchemaError[] = [];
    for (let i = ui - 1; i >= 0 && isPrefix(u.path, all[i]!.path); i--) {
      if (!all[i]!.dropped) related.push(all[i]!);
    }
    const belongsTo = (err: SchemaError, bi: number): boolean => {
      if (err.path.length > u.path.length) return true; // only the branch of the value's type descends
      const bl = branchLocs[bi]!;
      return err.loc === bl || err.loc.startsWith(`${bl}/`);
    };
    const chosen = fits.length === 1 ? fits[0]!.i : -1;
    let kept = chosen >= 0 ? related.filter((err) => belongsTo(err, chosen)) : [];
    // A scalar branch's own words ("text matching \$\{") are worse than the union's, unless the
    // branch has a phrase of its own (a step id, a duration's number).
    const deep = chosen >= 0 && (fits[0]!.types ?? ['object']).some((t) => t === 'object' || t === 'array');
    if (!deep && !kept.every((err) => explains(err.loc))) kept = [];
    if (kept.length > 0) {
      for (const err of related) if (!kept.includes(err)) err.dropped = true;
    } else {
      for (const err of related) err.dropped = true;
      unions.push(u);
    }
  }
  return { errors: all.filter((err) => !err.dropped), unions, actionSteps };
}
