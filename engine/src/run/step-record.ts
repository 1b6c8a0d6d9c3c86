// A step's record (what `${steps.X}` sees and what its outputs file holds, spec 3.4) as an object,
// built on demand from the fields the instance keeps (instance.ts says why there is no record object
// per step), and the one way to merge a partial record (an action's extra fields, a reused result)
// into those fields.
import type { Instance, StepRecord } from './instance.js';

/** The record of `inst` now: output, status, error, attempts, durationMs, then its extra fields. */
export function recordOf(inst: Instance): StepRecord {
  const r: StepRecord = { output: inst.output, status: inst.status, error: inst.error ?? null, attempts: inst.attempts, durationMs: inst.durationMs };
  if (inst.extra) Object.assign(r, inst.extra);
  return r;
}

/**
 * Sets the fields of `patch` in the record of `inst`, as Object.assign on a record object would. A
 * `status` in a patch is ignored: the record's status is the instance's, which the scheduler sets.
 */
export function patchRecord(inst: Instance, patch: Record<string, unknown>): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    switch (k) {
      case 'output':
        inst.output = v;
        break;
      case 'error':
        inst.error = v as string | null;
        break;
      case 'attempts':
        inst.attempts = v as number;
        break;
      case 'durationMs':
        inst.durationMs = v as number | null;
        break;
      case 'status':
        break;
      default:
        (inst.extra ??= {})[k] = v;
    }
  }
}
