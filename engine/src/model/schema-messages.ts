// The words of schema diagnostics: what each kind of value must be ("a duration like 30s, 1500ms or
// 1h30m"), keyed by the place in weft.schema.json the failing rule comes from, and phrases for JSON
// types and lists. Kept apart from the mapping logic so that wording changes are one-file diffs.

/** What a value must be, by schema location (the longest matching prefix wins). */
const EXPECTED: Record<string, string> = {
  '#/definitions/duration': 'a duration like 30s, 1500ms or 1h30m',
  '#/definitions/boolOrTemplate': 'true, false or a template ${...}',
  '#/definitions/concurrency': 'an integer >= 1',
  '#/definitions/temperature': 'a number from 0 to 2 (or a template)',
  '#/definitions/maxTokens': 'an integer >= 1 (or a template)',
  '#/definitions/retries': 'a number of retries (an integer >= 0) or {max, delay, backoff, maxDelay}',
  '#/definitions/retryPolicy/properties/max': 'an integer >= 0 (or a template)',
  '#/definitions/needs': 'a step id or a list of step ids',
  '#/definitions/shellAction': 'a command (a non-empty string) or {run, cwd, env, shell, parse}',
  '#/definitions/stubAction': 'true or {output, delay}',
  '#/definitions/parallelBlock': 'a list of steps or {branches, maxConcurrency, continueOnError}',
  '#/definitions/foreachItems': 'a list, or a template that yields one such as ${steps.list.output}',
  '#/definitions/httpExpect': 'a status code (200), a class like 2xx, or a list of them',
  '#/definitions/httpStatus': 'a status code (100-599) or a class like 2xx',
  '#/definitions/envValue': 'a string, a number or a boolean',
  '#/definitions/envName': 'an environment variable name (letters, digits and _, not starting with a digit)',
  '#/definitions/stepList': 'a list of steps',
  '#/definitions/parallelObject/properties/branches': 'a mapping of branch names, each a list of steps (a list of steps, each its own branch, goes directly under parallel:)',
  '#/definitions/step/properties/if': 'true, false or a template like ${inputs.depth > 1}',
  '#/definitions/foreachBlock/properties/as': "a name of letters, digits and '_', not starting with a digit",
  '#/definitions/config': 'a mapping of maxConcurrency, continueOnError, timeout, retries, llm',
};

/** Whether a rule at `loc` has words of its own (else a union's words are better). */
export function hasOwnWords(loc: string): boolean {
  return loc === '#/definitions/stepId' || expectedAt(loc) !== undefined;
}

export function expectedAt(loc: string): string | undefined {
  let l = loc;
  for (;;) {
    const hit = EXPECTED[l];
    if (hit !== undefined) return hit;
    const cut = l.lastIndexOf('/');
    if (cut <= 1) return undefined;
    l = l.slice(0, cut);
  }
}

export const ID_RULE = "use letters, digits, '_' and '-', starting with a letter or '_'";

const TYPE_PHRASE: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

/** "a string", "a string or a number", "a string, a number or true or false". */
export function typePhrase(type: unknown): string {
  const types = Array.isArray(type) ? type.map(String) : [String(type)];
  if (types.length === 3 && types.includes('boolean') && types.includes('string') && types.includes('number')) {
    return 'a string, a number or a boolean';
  }
  if (types.length === 2 && types.includes('boolean') && types.includes('string')) return 'true, false or a string';
  return orList(types.map((t) => TYPE_PHRASE[t] ?? t));
}

/**
 * What a mapping of the schema must hold, from its own `properties` and `required`: "a mapping with
 * 'url' (optional: method, headers, ...)". For a value of the wrong type where a mapping is due
 * (`workflow: ./other.weft.yaml`, `http: https://...`), so that the message shows the form; undefined
 * for a mapping with no named properties (`env`, `headers`), where "a mapping" says it all.
 */
export function mappingPhrase(schema: unknown): string | undefined {
  const s = schema as { properties?: Record<string, unknown>; required?: unknown } | null;
  if (!s || typeof s !== 'object' || !s.properties || typeof s.properties !== 'object') return undefined;
  const keys = Object.keys(s.properties);
  if (!keys.length) return undefined;
  const required = Array.isArray(s.required) ? s.required.map(String).filter((k) => keys.includes(k)) : [];
  const optional = keys.filter((k) => !required.includes(k));
  if (!required.length) return `a mapping of ${orList(keys)}`;
  return `a mapping with ${andList(required.map((k) => `'${k}'`))}${optional.length ? ` (optional: ${optional.join(', ')})` : ''}`;
}

/** "a", "a or b", "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** "a", "a and b", "a, b and c". */
export function andList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

const COUNTS = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
export function countWord(n: number): string {
  return COUNTS[n] ?? String(n);
}

/** A value as it appears in a message: short, one line. */
export function show(value: unknown): string {
  let s: string;
  if (typeof value === 'string') s = value;
  else if (value === undefined) s = '';
  else s = JSON.stringify(value) ?? String(value);
  s = s.replace(/\s+/g, ' ');
  return s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

/** The JSON type of a plain-data value, with integers told apart from other numbers. */
export function jsonType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Whether a schema `type` accepts a value of JSON type `t` (integer counts as a number). */
export function typeAccepts(schemaType: string, t: string): boolean {
  return schemaType === t || (schemaType === 'number' && t === 'integer');
}
