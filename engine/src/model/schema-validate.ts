// Checks a workflow's shape against schemas/weft.schema.json (the same file editors use) and turns
// each problem into one `schema` diagnostic on the exact key or value, in words a person understands
// ("unknown key 'maxConcurency' in config; did you mean 'maxConcurrency'?").
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import schemaJson from '../../../schemas/weft.schema.json';
import type { Diagnostic, WorkflowModel } from './types.js';
import { collapse } from './schema-collapse.js';
import { hasOwnWords } from './schema-messages.js';
import { explainAction, explainError, explainUnion, type Explainer } from './schema-explain.js';
import { withLineFeeds } from './yaml-parse.js';

type SchemaObj = Record<string, unknown>;

interface Compiled {
  validate: ValidateFunction;
  /** The `step` definition alone: top-level steps are checked one by one (see `schemaErrors`). */
  validateStep: ValidateFunction;
  locOf: (schema: unknown) => string;
  resolveRef: (schema: SchemaObj) => SchemaObj;
}

let compiled: Compiled | undefined;

/** The Weft JSON Schema as a plain object (for hover docs and completion in the language server). */
export const weftSchema = schemaJson as unknown as SchemaObj;

/** Editor-only annotations the schema carries for VS Code / yaml-language-server. */
const ANNOTATIONS = ['markdownDescription', 'defaultSnippets'];

function compile(): Compiled {
  if (compiled) return compiled;
  const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
  ajv.addVocabulary(ANNOTATIONS);
  const validate = ajv.compile(weftSchema);
  const locs = new Map<unknown, string>();
  const walk = (node: unknown, loc: string): void => {
    if (node === null || typeof node !== 'object') return;
    if (!Array.isArray(node)) locs.set(node, loc);
    for (const [k, v] of Object.entries(node)) walk(v, `${loc}/${k}`);
  };
  walk(weftSchema, '#');
  const definitions = weftSchema.definitions as Record<string, SchemaObj>;
  const resolveRef = (s: SchemaObj): SchemaObj => {
    let cur = s;
    for (let guard = 0; typeof cur.$ref === 'string' && guard < 10; guard++) {
      const m = /^#\/definitions\/(.+)$/.exec(cur.$ref as string);
      if (!m || !definitions[m[1]!]) break;
      cur = definitions[m[1]!]!;
    }
    return cur;
  };
  const validateStep = ajv.getSchema(`${String(weftSchema.$id)}#/definitions/step`)!;
  compiled = { validate, validateStep, locOf: (s) => locs.get(s) ?? '?', resolveRef };
  return compiled;
}

/** The raw ajv errors for plain data (for tests and tools); empty when the data is valid. */
export function rawSchemaErrors(data: unknown): ErrorObject[] {
  const { validate } = compile();
  return validate(data) ? [] : [...(validate.errors ?? [])];
}

/**
 * ajv's errors for the whole workflow. The top-level steps are validated one by one: ajv's code for
 * a recursive reference concatenates the error list once per failing item, which is quadratic in a
 * file where thousands of steps have a problem; step by step it stays linear.
 */
function schemaErrors(data: unknown): ErrorObject[] {
  const { validate } = compile();
  const steps = data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>).steps : undefined;
  if (!Array.isArray(steps) || steps.length === 0) return validate(data) ? [] : [...(validate.errors ?? [])];
  const out: ErrorObject[] = validate({ ...(data as object), steps: [PLACEHOLDER_STEP] }) ? [] : [...(validate.errors ?? [])];
  steps.forEach((step, i) => {
    const errors = stepErrors(step);
    for (const e of errors) out.push({ ...e, instancePath: `/steps/${i}${e.instancePath}` });
  });
  return out;
}

/**
 * A top-level step's errors, relative to the step. Plain data is never modified once read, so the
 * result is kept for the step's object: after a one-scalar edit the language server hands over data
 * that shares every unchanged step's object (parse.ts, BuildOptions.data), and only the edited step
 * is checked again.
 */
const stepErrorsOf = new WeakMap<object, readonly ErrorObject[]>();
const VALID: readonly ErrorObject[] = Object.freeze([]);

function stepErrors(step: unknown): readonly ErrorObject[] {
  const { validateStep } = compile();
  const key = step !== null && typeof step === 'object' ? step : undefined;
  const known = key && stepErrorsOf.get(key);
  if (known) return known;
  const errors = validateStep(step) ? VALID : [...(validateStep.errors ?? [])];
  if (key) stepErrorsOf.set(key, errors);
  return errors;
}

const PLACEHOLDER_STEP = { id: 'placeholder', stub: true };

/**
 * Whether the workflow would have no schema error at or below `path` with `value` written there
 * (for a fix, which must not bring an error of its own: `timeout: 0` is a duration but no timeout).
 * The data is copied along the path only, and only the step holding it (or the file without its
 * steps) is checked again: asked only for a value that already failed (schema-explain.ts).
 */
function acceptsAt(data: unknown, path: readonly string[], value: unknown): boolean {
  const put = (node: unknown, i: number): unknown => {
    if (i === path.length) return value;
    const copy: Record<string, unknown> | unknown[] = Array.isArray(node) ? [...node] : { ...(node as Record<string, unknown>) };
    (copy as Record<string, unknown>)[path[i]!] = put((node as Record<string, unknown>)[path[i]!], i + 1);
    return copy;
  };
  const changed = put(data, 0) as Record<string, unknown>;
  const pointer = path.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
  let errors: readonly ErrorObject[];
  let at = pointer;
  if (path[0] === 'steps' && path.length > 1) {
    const { validateStep } = compile();
    errors = validateStep((changed.steps as unknown[])[Number(path[1])]) ? [] : (validateStep.errors ?? []);
    at = pointer.slice(`/steps/${path[1]}`.length);
  } else {
    const { validate } = compile();
    errors = validate({ ...changed, steps: [PLACEHOLDER_STEP] }) ? [] : (validate.errors ?? []);
  }
  return !errors.some((e) => e.instancePath === at || e.instancePath.startsWith(`${at}/`));
}

/** Every schema problem of the model's document, one diagnostic each, sorted by position. */
export function validateSchema(model: WorkflowModel): Diagnostic[] {
  const doc = model.yaml;
  if (!doc) {
    // No YAML document at all: an empty (or comments-only) file is a workflow without steps.
    if (model.parseDiagnostics.length || model.text.replace(/#.*$/gm, '').trim() !== '') return [];
    return [{ code: 'schema', severity: 'error', message: "the workflow is empty; add a 'steps' list", range: { start: 0, end: 0 } }];
  }
  const { locOf, resolveRef } = compile();
  const raw = schemaErrors(model.data);
  if (raw.length === 0) return [];
  const { errors, unions, actionSteps } = collapse(raw, model.data, locOf, resolveRef, hasOwnWords);
  // Ranges are found by scanning for line ends: in the text the parser saw (lone CRs as LFs).
  const x: Explainer = { model, doc, data: model.data, text: withLineFeeds(model.text), accepts: (path, value) => acceptsAt(model.data, path, value) };
  // Unknown keys first: a misspelt action or misplaced branch explains a "missing" one too.
  const explained = errors.map((err) => ({ err, d: explainError(x, err) }));
  const covered = new Set(explained.flatMap(({ d }) => d?.covers ?? []));
  const out: Diagnostic[] = [];
  for (const { err, d } of explained) {
    if (!d) continue;
    if (err.e.keyword === 'required' && covered.has(`${err.e.instancePath}#${String(err.e.params.missingProperty)}`)) continue;
    if (err.e.keyword === 'type' && covered.has(`${err.e.instancePath}#type`)) continue;
    out.push(d.diagnostic);
  }
  for (const u of unions) out.push(explainUnion(x, u));
  for (const s of actionSteps) {
    if (covered.has(`${s.e.instancePath}#action`)) continue;
    const d = explainAction(x, s);
    if (d) out.push(d);
  }
  const seen = new Set<string>();
  const unique = out.filter((d) => {
    const k = `${d.range.start}:${d.range.end}:${d.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return unique.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || (a.message < b.message ? -1 : 1));
}
