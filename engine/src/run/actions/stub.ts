// `stub`: a placeholder that succeeds with its (already templated) `output` after an optional
// `delay`; abortable, so a cancelled run never waits for a stub's timer. Without a delay it answers
// synchronously (the scheduler then needs no promise for it).
import type { Action, ActionContext, ActionResult } from './types.js';
import { StepError, stepErrorOf } from './types.js';
import { later } from '../long-timer.js';
import { duration } from '../step-policy.js';

function fields(config: unknown): Record<string, unknown> {
  return config && typeof config === 'object' && !Array.isArray(config) ? (config as Record<string, unknown>) : {};
}

/**
 * The delay in milliseconds (0: none; null or empty text, as a template may give, is none); throws a
 * StepError `stub: delay must be a duration (...), got 'soon'`.
 */
function delayOf(obj: Record<string, unknown>): number {
  try {
    return duration(obj.delay, 'delay ') ?? 0;
  } catch (e) {
    throw new StepError(`stub: ${(e as Error).message}`);
  }
}

/**
 * What is wrong with a stub's evaluated config, or undefined. A literal `delay` is checked by the
 * schema; a templated one (`delay: ${inputs.d}`) is checked here when the step is gated, so that a
 * bad value fails the step before it starts (`attempts: 0`, no retries), as a bad templated
 * `timeout` does, and in the same words: `stub: delay must be a duration (...), got 'soon'`.
 * (It failed each attempt with `stub: bad delay 'soon'`, retried, and showed an object as
 * `[object Object]`.)
 */
export function stubConfigProblem(config: unknown): string | undefined {
  return stepErrorOf(() => delayOf(fields(config)));
}

/**
 * The result of a stub without delay or output, shared: the scheduler only reads a result, and a
 * large graph of such stubs then allocates no result object per step.
 */
const NULL_RESULT: ActionResult = Object.freeze({ output: null });

export const stubAction: Action = (ctx: ActionContext): Promise<ActionResult> | ActionResult => {
  const obj = fields(ctx.config);
  const output = 'output' in obj ? obj.output : null;
  const delay = delayOf(obj);
  if (!delay) return output === null ? NULL_RESULT : { output };
  const signal = ctx.signal;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      timer.clear();
      reject(signal.reason ?? new Error('aborted'));
    };
    const timer = later(() => {
      signal.removeEventListener('abort', onAbort);
      resolve({ output });
    }, delay);
    signal.addEventListener('abort', onAbort, { once: true });
  });
};
