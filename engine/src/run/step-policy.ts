// A step's policy fields, `timeout`, `retries` and `continueOnError`, may be templates (the schema's
// duration, retries and boolOrTemplate; language spec 4: a template may appear in any string value),
// and so may a block's `continueOnError` inside `parallel:` / `foreach:` and those of `config:`. The
// model keeps only literal values (Step.timeoutMs, .retries, .continueOnError, model.config), so the
// run evaluates the templated ones here: a step's when it is gated, once, as it does its action's
// fields, and a failing value fails the step before it starts, naming the field; a file's config when
// its frame is built (workflow-frame.ts). (Before, they were silently ignored.)
import { parseDuration } from '../model/duration.js';
import { retryPolicy } from '../model/build-steps.js';
import type { RetryPolicy } from '../model/types.js';
import type { Instance } from './instance.js';
import type { EvalScope } from '../template/evaluate.js';
import { evalInstance, resolveValue, type RunInfo } from './resolve.js';

/** The evaluated templated policy fields of one instance (absent: the model's literal value applies). */
export interface StepPolicy {
  timeoutMs?: number;
  retries?: RetryPolicy;
  continueOnError?: boolean;
}

/** True when `value` holds a template anywhere (a string, or a field of a retries mapping). */
export function isTemplated(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('${');
  if (value && typeof value === 'object' && !Array.isArray(value)) return Object.values(value).some(isTemplated);
  return false;
}

/** True when any of the step's own policy fields is templated (compiled into the wiring's facts). */
export function hasTemplatedPolicy(raw: Record<string, unknown>): boolean {
  return isTemplated(raw.timeout) || isTemplated(raw.retries) || isTemplated(raw.continueOnError);
}

function shown(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : JSON.stringify(value) ?? String(value);
}

/** A whole number >= 0 given as a number or as its text. */
function count(value: unknown): number | undefined {
  const n = typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

/** `true`/`false`, or the text of one (as `--input` reads a boolean); null: not set. */
function boolean(value: unknown): boolean | undefined {
  if (value === null || value === undefined || typeof value === 'boolean') return value ?? undefined;
  if (value === 'true' || value === 'false') return value === 'true';
  throw new Error(`must be true or false, got ${shown(value)}`);
}

/**
 * A duration given by a template (milliseconds; undefined for null or empty text: not set); throws
 * `<what>must be a duration (...), got 'soon'`. Also a stub's templated `delay` (actions/stub.ts).
 */
export function duration(value: unknown, what = ''): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const ms = parseDuration(value);
  if (ms === undefined) throw new Error(`${what}must be a duration (seconds, or parts such as 1500ms, 90s, 1h30m), got ${shown(value)}`);
  return ms;
}

/** A duration longer than zero, as the schema's `timeout` (a zero one would stop it at once). */
function timeout(value: unknown): number | undefined {
  const ms = duration(value);
  if (ms === 0) throw new Error(`must be longer than 0 (a zero timeout would stop it at once), got ${shown(value)}`);
  return ms;
}

function retries(value: unknown): RetryPolicy | undefined {
  if (value === null || value === undefined) return undefined;
  const n = count(value);
  if (n !== undefined) return retryPolicy(n);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    const max = count(v.max);
    if (max === undefined) throw new Error(`max must be a whole number >= 0, got ${shown(v.max)}`);
    if (v.backoff !== undefined && v.backoff !== 'fixed' && v.backoff !== 'exponential') {
      throw new Error(`backoff must be fixed or exponential, got ${shown(v.backoff)}`);
    }
    duration(v.delay, 'delay ');
    duration(v.maxDelay, 'maxDelay ');
    return retryPolicy({ ...v, max });
  }
  throw new Error(`must be a whole number >= 0 or {max, delay, backoff, maxDelay}, got ${shown(value)}`);
}

/**
 * The value of the templated policy field `field` (written in `inst`'s step or block) checked by
 * `check`; an error, of the evaluation or the check, is prefixed with the field's name.
 */
function evaluated<T>(field: string, evaluate: () => unknown, check: (value: unknown) => T): T {
  try {
    return check(evaluate());
  } catch (e) {
    throw new Error(`${field}: ${(e as Error).message}`, { cause: e });
  }
}

/**
 * The templated `timeout`, `retries` and `continueOnError` of `raw` (a step, or a file's `config:`),
 * each evaluated by `evaluate` and checked; throws what is wrong, naming the field after `prefix`.
 */
function policyOf(raw: Record<string, unknown>, evaluate: (value: unknown) => unknown, prefix: string): StepPolicy {
  const policy: StepPolicy = {};
  const at = (value: unknown) => () => evaluate(value);
  if (isTemplated(raw.timeout)) policy.timeoutMs = evaluated(`${prefix}timeout`, at(raw.timeout), timeout);
  if (isTemplated(raw.retries)) policy.retries = evaluated(`${prefix}retries`, at(raw.retries), retries);
  if (isTemplated(raw.continueOnError)) policy.continueOnError = evaluated(`${prefix}continueOnError`, at(raw.continueOnError), boolean);
  return policy;
}

/** A block's templated `continueOnError` (inside `parallel:` / `foreach:`); throws what is wrong. */
export function blockContinueOnError(inst: Instance, run: RunInfo, raw: unknown): boolean | undefined {
  return evaluated('continueOnError', () => evalInstance(inst, raw, run), boolean);
}

/**
 * The templated `timeout`, `retries` and `continueOnError` of a workflow file's `config:`, evaluated
 * with its inputs and env (`scope`) when its frame is built; throws what is wrong, naming the field
 * (`config.timeout: ...`). Undefined when none is templated.
 */
export function configPolicy(config: Record<string, unknown> | undefined, scope: EvalScope): StepPolicy | undefined {
  if (!config || !hasTemplatedPolicy(config)) return undefined;
  return policyOf(config, (value) => resolveValue(value, scope), 'config.');
}

/**
 * Evaluates the templated policy fields of `inst` (its step has some) into `inst.policy`; returns
 * what is wrong instead, for the step to fail with before it starts.
 */
export function applyPolicy(inst: Instance, run: RunInfo): string | undefined {
  try {
    inst.policy = policyOf(inst.step.raw, (value) => evalInstance(inst, value, run), '');
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
}
