// `stub`: a placeholder that succeeds with its (already templated) `output` after an optional
// `delay`; abortable, so a cancelled run never waits for a stub's timer. Without a delay it answers
// synchronously (the scheduler then needs no promise for it).
import { parseDuration } from '../../model/duration.js';
import type { Action, ActionContext, ActionResult } from './types.js';
import { StepError } from './types.js';
import { later } from '../long-timer.js';

/**
 * The result of a stub without delay or output, shared: the scheduler only reads a result, and a
 * large graph of such stubs then allocates no result object per step.
 */
const NULL_RESULT: ActionResult = Object.freeze({ output: null });

export const stubAction: Action = (ctx: ActionContext): Promise<ActionResult> | ActionResult => {
  const cfg = ctx.config;
  const obj = cfg && typeof cfg === 'object' && !Array.isArray(cfg) ? (cfg as Record<string, unknown>) : {};
  const output = 'output' in obj ? obj.output : null;
  const delay = obj.delay === undefined ? 0 : parseDuration(obj.delay);
  if (delay === undefined) throw new StepError(`stub: bad delay '${String(obj.delay)}'`);
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
