// A block's final status read from its steps' (language spec 3.3; docs/engine.md "A block's
// status"), with the error that counts the failures inside it and the failure that failed it: the
// rule the executor's completeBlock applies when a block's last open step ends. Reads the instance
// tree, changes nothing.
import { ranFrames } from './blocks.js';
import type { FinalStepStatus } from './events.js';
import { failureReason, isBlock, toleratedInside, type Instance } from './instance.js';

/**
 * A block's status: `cancelled` if a child was cancelled; else `failed` if a child failure was not
 * tolerated inside the block (it propagated to the block: toleratedInside); else `skipped` if every
 * child was skipped; else `succeeded`, also when failures inside were all tolerated there, as
 * GitHub Actions concludes a job whose continue-on-error steps failed `success` and Argo marks a
 * DAG whose children failed with continueOn Succeeded. `dry`: a step inside was dry-run.
 */
export function blockStatus(b: Instance): { status: FinalStepStatus; dry: boolean } {
  let status: FinalStepStatus = 'succeeded';
  let propagated = false;
  let skipped = 0;
  let total = 0;
  let dry = false;
  for (const f of ranFrames(b)) {
    for (const c of f.instances.values()) {
      total++;
      if (c.status === 'cancelled') status = 'cancelled';
      else if (c.status === 'failed') propagated ||= !toleratedInside(c);
      else if (c.status === 'skipped' && !c.dry) skipped++;
      dry ||= c.dry === true;
    }
  }
  if (status !== 'cancelled') {
    if (propagated) status = 'failed';
    else if (total > 0 && skipped === total) status = 'skipped';
  }
  return { status, dry };
}

/** The error of block `b` ending `status`: `2 steps failed`; `1 step failed (continued)` on a block that succeeded; null when none failed. */
export function blockError(b: Instance, status: FinalStepStatus): string | null {
  const failed = failedInside(b);
  return failed > 0 ? `${failed} step${failed > 1 ? 's' : ''} failed${status === 'succeeded' ? ' (continued)' : ''}` : null;
}

/** The first failure inside block `b` that was not tolerated inside it, as `<path> failed: <error>`. */
export function propagatedFailure(b: Instance): string | undefined {
  for (const f of ranFrames(b)) {
    for (const c of f.instances.values()) {
      if (c.status === 'failed' && !toleratedInside(c)) return failureReason(c.path, c.error);
    }
  }
  return undefined;
}

/**
 * Whether block `b` failed by itself (its timeout, bad items, a child's bad inputs), with no failed
 * step inside it: `run.finished.counts` counts it as one failed step, as its parent's error does.
 */
export function failedByItself(b: Instance): boolean {
  return b.status === 'failed' && failedInside(b) === 0;
}

/**
 * How many steps failed inside block `b`: its failed leaves at any depth, and each failed block
 * inside it without a failed step of its own (one that failed by itself: a timeout, bad items).
 */
function failedInside(b: Instance): number {
  let n = 0;
  for (const f of ranFrames(b)) {
    for (const c of f.instances.values()) {
      const inner = isBlock(c) ? failedInside(c) : 0;
      n += inner > 0 ? inner : c.status === 'failed' ? 1 : 0;
    }
  }
  return n;
}
