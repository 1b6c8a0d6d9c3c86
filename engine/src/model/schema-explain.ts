// Explains one collapsed schema error: picks the range (the key for an unknown or missing key, the
// value for a wrong type or value) and writes the message in the language's own terms.
import type { Document, Node as YamlNode } from 'yaml';
import { isCollection, isMap, isScalar } from './yaml-nodes.js';
import { ACTION_KINDS, BLOCK_KINDS } from './types.js';
import type { Diagnostic, Range, WorkflowModel } from './types.js';
import type { SchemaError } from './schema-collapse.js';
import { containerLabel, dataAt, keyKind, pathContext, stepLabel, subject } from './schema-context.js';
import { andList, countWord, expectedAt, ID_RULE, mappingPhrase, show, typePhrase } from './schema-messages.js';
import { BLOCK_KEY_SYNONYMS, closest, CONFIG_KEY_HINTS, CONFIG_KEY_SYNONYMS, RETRIES_KEY_SYNONYMS, STEP_KEY_HINTS, STEP_KEY_SYNONYMS, timeoutMinutesHint, TOP_KEY_HINTS } from './schema-suggest.js';
import { booleanWord, minutesAsDuration, quotedNumber, shorthandMapping } from './schema-fixes.js';
import { isIdentifier } from '../template/lexer.js';
import { emptyItemRange, firstKey, headRange, mapKeys, nodeAtPath, nodeRange } from './yaml-node-at-path.js';

export interface Explainer {
  model: WorkflowModel;
  doc: Document;
  data: unknown;
  text: string;
  /** Whether the file would have no schema error at or below `path` with `value` there (for fixes). */
  accepts?: (path: readonly string[], value: unknown) => boolean;
}

const STEP_ACTIONS: readonly string[] = [...ACTION_KINDS, ...BLOCK_KINDS];
const STEP_LOC = '#/definitions/step';
/** The rule that a GET or HEAD request has no body (the schema's `if`/`then` on httpAction). */
const HTTP_NO_BODY_LOC = '#/definitions/httpAction/then/properties/body';
/** The one required key of a mapping that is often written as its value alone. */
const SHORTHAND_KEY: Record<string, string> = { '#/definitions/workflowBlock': 'path', '#/definitions/httpAction': 'url' };

function diag(range: Range, message: string, data?: Diagnostic['data']): Diagnostic {
  const d: Diagnostic = { code: 'schema', severity: 'error', message, range };
  if (data) d.data = data;
  return d;
}

/** Somewhere sensible when nothing better is found: the start of the first line. */
function fallbackRange(x: Explainer): Range {
  const r = headRange(x.doc.value ?? undefined, x.text);
  return r ?? { start: 0, end: 0 };
}

function keyRangeOf(x: Explainer, path: readonly string[]): Range {
  const hit = nodeAtPath(x.doc, path);
  return nodeRange(hit.key, x.text) ?? valueRangeOf(x, path);
}

/** The value's range; a block mapping or list under a key is marked at its key instead. */
function valueRangeOf(x: Explainer, path: readonly string[]): Range {
  const hit = nodeAtPath(x.doc, path);
  if (hit.depth === path.length) {
    if (hit.value && isCollection(hit.value) && hit.key) {
      const vr = nodeRange(hit.value, x.text);
      const multiLine = vr ? x.text.slice(vr.start, vr.end).includes('\n') : false;
      if (multiLine) return nodeRange(hit.key, x.text) ?? vr!;
    }
    return headRange(hit.value, x.text) ?? nodeRange(hit.key, x.text) ?? emptyItemRange(hit.value, x.text) ?? fallbackRange(x);
  }
  return nodeRange(hit.lastKey, x.text) ?? headRange(hit.last, x.text) ?? fallbackRange(x);
}

/** For a step as a whole: its id value, else its action key, else its first key. */
function stepAnchor(x: Explainer, stepPath: readonly string[], preferId: boolean): Range {
  const hit = nodeAtPath(x.doc, stepPath);
  if (preferId) {
    const id = nodeAtPath(x.doc, [...stepPath, 'id']);
    if (id.depth === stepPath.length + 1 && isScalar(id.value)) {
      const r = nodeRange(id.value as YamlNode, x.text);
      if (r) return r;
    }
  }
  const keys = mapKeys(x.doc, hit.value);
  const action = keys.find((k) => STEP_ACTIONS.includes(k.name));
  return (
    nodeRange(action?.key, x.text) ??
    nodeRange(firstKey(x.doc, hit.value), x.text) ??
    headRange(hit.value, x.text) ??
    valueRangeOf(x, stepPath)
  );
}

/**
 * `needs: a, c` or `needs: a c` (ids written as one text, the way a command line lists them): the
 * ids, when the value of a step's `needs` (not an entry of its list) is two or more valid ids.
 */
function needsWrittenAsText(path: readonly string[], value: unknown): string[] | undefined {
  if (path[path.length - 1] !== 'needs' || typeof value !== 'string') return undefined;
  const ids = value.split(/[\s,]+/).filter((p) => p !== '');
  return ids.length > 1 && ids.every(isIdentifier) ? ids : undefined;
}

function labeller(x: Explainer) {
  return { data: x.data, doc: x.doc, lines: x.model.lines };
}

export interface Explained {
  diagnostic: Diagnostic;
  /**
   * Other problems this one explains, as `<instancePath>#<missing key>` or `<instancePath>#action`:
   * a misspelt action makes "no action" redundant, branches outside `branches:` a missing `branches`;
   * `<instancePath>#type`: a list of allowed values makes "must be a string" redundant.
   */
  covers?: string[];
}

export function explainError(x: Explainer, err: SchemaError): Explained | undefined {
  const { e, path, loc } = err;
  const p = e.params as Record<string, unknown>;
  const value = dataAt(x.data, path);
  const subj = subject(path);
  const expected = expectedAt(loc);
  switch (e.keyword) {
    case 'additionalProperties':
      return unknownKey(x, err, String(p.additionalProperty));
    case 'required':
      return { diagnostic: missingKey(x, err, String(p.missingProperty)) };
    case 'type': {
      let message: string;
      if (loc === '#') message = "a workflow must be a mapping with a 'steps' list";
      else if (loc === STEP_LOC) {
        message = "a step must be a mapping with an 'id' and one action, like {id: hello, shell: echo hi}";
        // Argo's `steps:` is a list of lists, each inner list run in parallel.
        if (Array.isArray(value)) message += '; steps that run side by side are a parallel block, {id: group, parallel: [...]}';
      }
      else if (loc === HTTP_NO_BODY_LOC) {
        const given = (dataAt(x.data, path.slice(0, -1)) as { method?: unknown } | null)?.method;
        const method = given === undefined ? 'GET' : String(given);
        const why = given === undefined ? ' (GET is the method when none is given)' : '';
        message = `a ${method} request cannot have a body${why}: give the step a 'method' (POST, PUT, ...), or send the data in 'query'`;
      }
      else message = `'${subj}' must be ${expected ?? (p.type === 'object' ? mappingPhrase(e.parentSchema) : undefined) ?? typePhrase(p.type)}`;
      // `maxConcurrency: ${inputs.n}`: say why the template is refused, not only what the value is not.
      const literal = p.type === 'integer' || p.type === 'number' || p.type === 'boolean';
      if (literal && loc !== HTTP_NO_BODY_LOC && typeof value === 'string' && value.includes('${')) {
        const why = loc.startsWith('#/definitions/concurrency') ? ' (limits are fixed when the plan is made, before any step runs)' : '';
        return { diagnostic: diag(valueRangeOf(x, path), `${message}; a template is not taken here${why}`) };
      }
      if (p.type === 'boolean') return { diagnostic: withBooleanFix(x, path, value, message) };
      const unquoted = withNumberFix(x, loc, path, value, message);
      if (unquoted) return { diagnostic: unquoted };
      // `workflow: ./file` (as GitHub's `uses:` names a file) or `http: https://...`: the mapping to
      // write, when the text can stand in a flow mapping as it is.
      const key = SHORTHAND_KEY[loc];
      const fix = key && shorthandMapping(key, value);
      if (fix) return { diagnostic: diag(valueRangeOf(x, path), `${message}: write ${fix}`, { suggestion: fix }) };
      return { diagnostic: diag(valueRangeOf(x, path), message) };
    }
    case 'enum': {
      const allowed = (p.allowedValues as unknown[]).map(String);
      const guess = typeof value === 'string' ? closest(value, allowed) : undefined;
      const message = `'${subj}' must be one of ${allowed.join(', ')}${guess ? `; did you mean '${guess}'?` : ''}`;
      // `method: 7` also fails the rule's `type: string`: the list of values says more.
      return { diagnostic: diag(valueRangeOf(x, path), message, guess ? { suggestion: guess } : undefined), covers: [`${e.instancePath}#type`] };
    }
    case 'pattern': {
      const name = (e as { propertyName?: string }).propertyName;
      if (name !== undefined) {
        const rule = loc.startsWith('#/definitions/envName') ? "use letters, digits and '_', not starting with a digit" : ID_RULE;
        const message = `'${show(name)}' is not a valid ${keyKind(path)}: ${rule}`;
        return { diagnostic: diag(keyRangeOf(x, [...path, name]), message) };
      }
      if (loc === '#/definitions/stepId') {
        const list = needsWrittenAsText(path, value);
        if (list) {
          const range = valueRangeOf(x, path);
          const fix = `[${list.join(', ')}]`;
          // A fix where the range holds the text alone on one line, plain or quoted (the list replaces
          // the quotes with it); a block scalar (`|`, `>`, its lines below the key) gets the message alone.
          const raw = x.text.slice(range.start, range.end);
          const data = raw === value || /^(["'])[^\n]*\1$/.test(raw) ? { suggestion: fix } : undefined;
          return { diagnostic: diag(range, `'${show(value)}' is one text; 'needs' takes one step id or a list of them: write ${fix}`, data) };
        }
        return { diagnostic: diag(valueRangeOf(x, path), `'${show(value)}' is not a valid step id: ${ID_RULE}`) };
      }
      const message = `'${subj}' must be ${expected ?? `text matching ${String(p.pattern)}`}`;
      return { diagnostic: diag(valueRangeOf(x, path), message) };
    }
    case 'minItems': {
      let message: string;
      const parentKey = path[path.length - 2];
      if (loc === '#/definitions/stepList') {
        message = parentKey === 'branches' ? `branch '${subj}' must list at least one step` : `'${subj}' must list at least one step`;
      } else message = `'${subj}' must not be empty`;
      return { diagnostic: diag(valueRangeOf(x, path), message) };
    }
    case 'minProperties': {
      const message = subj === 'branches' ? "'branches' must name at least one branch" : `'${subj}' must not be empty`;
      return { diagnostic: diag(valueRangeOf(x, path), message) };
    }
    case 'minLength':
      return { diagnostic: diag(valueRangeOf(x, path), expected ? `'${subj}' must be ${expected}` : `'${subj}' must not be empty`) };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const op = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[e.keyword];
      const message = expected ? `'${subj}' must be ${expected}` : `'${subj}' must be ${op} ${String(p.limit)}`;
      return { diagnostic: diag(valueRangeOf(x, path), message) };
    }
    case 'const':
      return { diagnostic: diag(valueRangeOf(x, path), `'${subj}' must be ${expected ?? show(p.allowedValue)}`) };
    case 'not':
      if (loc === '#/definitions/foreachBlock/properties/as') {
        const message = `'as' cannot be '${show(value)}': steps, inputs, env, index and run are reserved names`;
        return { diagnostic: diag(valueRangeOf(x, path), message) };
      }
      if (loc === '#/definitions/timeout') {
        return { diagnostic: diag(valueRangeOf(x, path), `'${subj}' must be longer than 0 (a zero timeout would stop it at once); leave the key out for no timeout`) };
      }
      return { diagnostic: diag(valueRangeOf(x, path), `'${subj}' cannot be '${show(value)}'`) };
    case 'anyOf':
    case 'oneOf':
    case 'if':
    case 'propertyNames':
      return undefined;
    default: {
      return { diagnostic: diag(valueRangeOf(x, path), `'${subj}' ${e.message ?? 'is not valid'}`) };
    }
  }
}

function unknownKey(x: Explainer, err: SchemaError, key: string): Explained {
  const { path } = err;
  const l = labeller(x);
  const parent = err.e.parentSchema as { properties?: Record<string, unknown> } | undefined;
  const allowed = Object.keys(parent?.properties ?? {});
  const present = new Set(Object.keys((dataAt(x.data, path) as object | null) ?? {}));
  const ctx = pathContext(x.data, path);
  const candidates = allowed.filter((k) => !present.has(k));
  // Other tools' keys first (`parallelism` is Argo's limit, not a misspelt `parallel`), then spelling.
  const place = keyPlace(x.data, path, ctx.isStep);
  const syn = place && (KEY_SYNONYMS[place][key] ?? KEY_SYNONYMS[place][key.toLowerCase()]);
  let guess = syn && !present.has(syn) && allowed.includes(syn) ? syn : undefined;
  let hint = guess ? undefined : keyHint(x.data, path, place, key);
  if (!guess && !hint) guess = closest(key, candidates);
  const where = path.length === 0 ? 'at the top level' : `in ${containerLabel(l, path)}`;
  const range = keyRangeOf(x, [...path, key]);
  // A null key (`null:`, `~:`) is '' in the data: name it as written.
  const written = key === '' ? x.text.slice(range.start, range.end) : '';
  let message = `unknown key '${written && written !== '""' && written !== "''" ? written : show(key)}' ${where}`;
  if (hint && key === 'timeout-minutes' && (place === 'step' || place === 'config')) {
    if (present.has('timeout')) hint = `${place === 'step' ? 'the step' : 'config'} already has timeout, which Weft uses; remove timeout-minutes`;
    else {
      const minutes = timeoutMinutesFix(x, [...path, key], range);
      if (minutes) return { diagnostic: diag(minutes.range, `${message}: ${timeoutMinutesHint(minutes.fix)}`, { suggestion: minutes.fix }), covers: [] };
    }
  }
  if (guess) message += `; did you mean '${guess}'?`;
  else if (hint) message += `: ${hint}`;
  else if (allowed.length > 0 && allowed.length <= 8) message += `; allowed keys are ${andList(allowed)}`;
  const hasAction = STEP_ACTIONS.some((a) => present.has(a));
  const covers: string[] = [];
  if (ctx.isStep && !hasAction && guess !== undefined && STEP_ACTIONS.includes(guess)) covers.push(`${err.e.instancePath}#action`);
  if (guess !== undefined && !present.has(guess)) covers.push(`${err.e.instancePath}#${guess}`);
  // GitHub's `jobs:` holds the steps: the file's missing `steps` is the same mistake.
  if (place === 'top' && key === 'jobs' && !present.has('steps')) covers.push(`${err.e.instancePath}#steps`);
  if (err.loc === '#/definitions/parallelObject' && Array.isArray(dataAt(x.data, [...path, key]))) {
    // `parallel: {one: [...], two: [...]}`: branch lists one level too high.
    message = `'${show(key)}' in ${containerLabel(l, path)} looks like a branch: put branches under 'branches:'`;
    if (!present.has('branches')) covers.push(`${err.e.instancePath}#branches`);
  }
  return { diagnostic: diag(range, message, guess ? { suggestion: guess } : undefined), covers };
}

type KeyPlace = 'top' | 'config' | 'step' | 'retries' | 'block';

const KEY_SYNONYMS: Record<KeyPlace, Readonly<Record<string, string>>> = {
  top: {},
  config: CONFIG_KEY_SYNONYMS,
  step: STEP_KEY_SYNONYMS,
  retries: RETRIES_KEY_SYNONYMS,
  block: BLOCK_KEY_SYNONYMS,
};

/** Where the mapping at `path` is, for the tables of other tools' keys: undefined elsewhere. */
function keyPlace(data: unknown, path: readonly string[], isStep: boolean): KeyPlace | undefined {
  if (path.length === 0) return 'top';
  if (isStep) return 'step';
  if (path.length === 1 && path[0] === 'config') return 'config';
  const last = path[path.length - 1];
  const parentIsStep = pathContext(data, path.slice(0, -1)).isStep;
  if (last === 'retries' && (parentIsStep || (path.length === 2 && path[0] === 'config'))) return 'retries';
  if ((last === 'foreach' || last === 'parallel') && parentIsStep) return 'block';
  return undefined;
}

/** Where an unknown key of another tool goes in Weft, when a table knows (see schema-suggest.ts). */
function keyHint(data: unknown, path: readonly string[], place: KeyPlace | undefined, key: string): string | undefined {
  if (place === 'step') {
    const hint = STEP_KEY_HINTS[key];
    if (typeof hint !== 'function') return hint;
    const step = (dataAt(data, path) ?? {}) as Record<string, unknown>;
    return hint({ id: typeof step.id === 'string' ? step.id : '', shell: step.shell, fields: step });
  }
  if (place === 'config') return CONFIG_KEY_HINTS[key];
  if (place === 'top') {
    if (key === 'timeout-minutes') return `the run's timeout goes in config, config: {timeout: ${minutesAsDuration(dataAt(data, [key])) ?? '5m'}}`;
    return TOP_KEY_HINTS[key];
  }
  return undefined;
}

function missingKey(x: Explainer, err: SchemaError, missing: string): Diagnostic {
  const { path, loc } = err;
  const l = labeller(x);
  if (path.length === 0) {
    const r = nodeRange(firstKey(x.doc, x.doc.value ?? undefined), x.text) ?? { start: 0, end: 0 };
    return diag(r, `the workflow has no '${missing}'; add a list of steps`);
  }
  const ctx = pathContext(x.data, path);
  if (ctx.isStep) {
    return diag(stepAnchor(x, path, false), `${stepLabel(l, path)} has no '${missing}'; every step needs one`);
  }
  const label = containerLabel(l, path);
  if (loc === '#/definitions/fileAction/then') {
    const action = show(dataAt(x.data, [...path, 'action']));
    return diag(keyRangeOf(x, path), `${label} has no '${missing}' to ${action}`);
  }
  return diag(keyRangeOf(x, path), `${label} has no '${missing}'`);
}

/** A union none of whose forms fits the value. */
export function explainUnion(x: Explainer, err: SchemaError): Diagnostic {
  const expected = expectedAt(err.loc) ?? 'a valid value';
  const message = `'${subject(err.path)}' must be ${expected}`;
  const value = dataAt(x.data, err.path);
  if (err.loc.startsWith('#/definitions/boolOrTemplate')) return withBooleanFix(x, err.path, value, message);
  // `stub: yes`: true is the one boolean a stub takes.
  if (err.loc === '#/definitions/stubAction' && booleanWord(value) === 'true') return withBooleanFix(x, err.path, value, message);
  return withNumberFix(x, err.loc, err.path, value, message) ?? diag(valueRangeOf(x, err.path), message);
}

/** `continueOnError: yes` (text in YAML 1.2): the message says so, and true or false is the fix. */
function withBooleanFix(x: Explainer, path: readonly string[], value: unknown, message: string): Diagnostic {
  const range = valueRangeOf(x, path);
  const fix = booleanWord(value);
  if (!fix) return diag(range, message);
  return diag(range, `${message}: '${show(value)}' is text in YAML 1.2, not a boolean; write ${fix}`, { suggestion: fix });
}

/**
 * `maxConcurrency: "4"`, `timeout: "30"`: a number in quotes is text. The message says so, and the
 * number is the fix, when the file takes it there and the value is written as the number in quotes
 * (not `!!str 4` or a block scalar); undefined otherwise. `loc` (the rule's place) says whether the
 * number is a duration.
 */
function withNumberFix(x: Explainer, loc: string, path: readonly string[], value: unknown, message: string): Diagnostic | undefined {
  const number = quotedNumber(value);
  if (number === undefined || !x.accepts?.(path, Number(number))) return undefined;
  const range = valueRangeOf(x, path);
  if (!/^(["'])[^\n]*\1$/.test(x.text.slice(range.start, range.end))) return undefined;
  const seconds = loc.startsWith('#/definitions/duration') || loc.startsWith('#/definitions/timeout') ? ' (a number of seconds)' : '';
  return diag(range, `${message}: '${number}' in quotes is text; write the number without quotes, ${number}${seconds}`, { suggestion: number });
}

/**
 * GitHub's `timeout-minutes: 10` on a step without `timeout`: `timeout: 10m`, written over the whole
 * `key: value` (the range then covers both), when the value is a positive number on the key's line.
 */
function timeoutMinutesFix(x: Explainer, keyPath: readonly string[], keyRange: Range): { range: Range; fix: string } | undefined {
  const fix = minutesAsDuration(dataAt(x.data, keyPath));
  if (!fix) return undefined;
  const valueRange = valueRangeOf(x, keyPath);
  if (valueRange.start <= keyRange.end || !/^[ \t]*:[ \t]*$/.test(x.text.slice(keyRange.end, valueRange.start))) return undefined;
  return { range: { start: keyRange.start, end: valueRange.end }, fix: `timeout: ${fix}` };
}

/** A step with no action, or with more than one. */
export function explainAction(x: Explainer, err: SchemaError): Diagnostic | undefined {
  const path = err.path;
  const l = labeller(x);
  const stepNode = nodeAtPath(x.doc, path).value;
  const data = dataAt(x.data, path) as Record<string, unknown> | undefined;
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined; // reported as a wrong type
  let actions = mapKeys(x.doc, stepNode).filter((k) => STEP_ACTIONS.includes(k.name));
  const dataActions = STEP_ACTIONS.filter((a) => a in data);
  if (actions.length !== dataActions.length) actions = actions.filter((k) => dataActions.includes(k.name));
  const label = stepLabel(l, path);
  if (dataActions.length === 0) {
    return diag(stepAnchor(x, path, true), `${label} has no action; add one of ${STEP_ACTIONS.join(', ')}`);
  }
  if (dataActions.length === 1) return undefined;
  const names = actions.length === dataActions.length ? actions.map((a) => a.name) : dataActions;
  const message = `${label} has ${countWord(names.length)} actions, ${andList(names.map((n) => `\`${n}\``))}; a step has exactly one`;
  // The mark goes on an action written in the step itself (the second, when it has two): one that
  // comes from a `<<` merge is written in another step (its anchor), and is the related place.
  const own = new Set<unknown>(isMap(stepNode) ? Array.from(stepNode.pairs(), (p) => p.key) : []);
  const isOwn = (a: { key: YamlNode }) => !isMap(stepNode) || own.has(a.key);
  const ownActions = actions.filter(isOwn);
  const marked = ownActions[1] ?? ownActions[0];
  const other = actions.find((a) => a !== marked);
  const d = diag((marked && nodeRange(marked.key, x.text)) ?? stepAnchor(x, path, true), message);
  const otherRange = other && nodeRange(other.key, x.text);
  if (otherRange) d.related = [{ file: x.model.file, range: otherRange, message: `${isOwn(other) ? 'first' : 'merged'} action: \`${other.name}\`` }];
  return d;
}
