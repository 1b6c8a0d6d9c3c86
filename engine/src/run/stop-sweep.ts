// Stopping a run (fail-fast, cancel, the run's timeout; language spec 3.3) gives every step that is
// still open its final status in one synchronous sweep, so that nothing starts after the failure.
// A block's timeout does the same to the steps inside that block only (sweepBlock). These are the
// walks over the instances of the run, or of a block, in creation order, and the only places steps
// are aborted from outside their own attempt; the scheduler in executor.ts otherwise works step by step.
import { allInstances, createUnrunChildren } from './blocks.js';
import { blockError, blockStatus, propagatedFailure } from './block-status.js';
import type { Executor } from './executor.js';
import { isBlock, isFinal, type Instance } from './instance.js';

/**
 * Empties the ready queue; running attempts are aborted (process trees killed, requests aborted)
 * and marked cancelled, steps waiting to retry too, everything not started is marked skipped,
 * started blocks cancelled (failed when a failure inside one propagated to it) and unstarted
 * ones skipped (with the steps inside them).
 */
export function sweepOpenSteps(ex: Executor, status: 'failed' | 'cancelled', reason: string): void {
  ex.queue.drain();
  sweep(ex, allInstances(ex.topFrame), status === 'cancelled' ? 'cancelled' : reason, false);
}

/**
 * The steps inside the running block `b` (its timeout elapsed; `reason`: `<path> timed out after
 * 1s`), as a stop does to the run's: running attempts aborted and cancelled, the rest skipped,
 * blocks inside cancelled or skipped. Their slots are given back, as the run goes on (a running
 * step's once its action has ended); steps outside `b` are not touched, and nothing is notified: the
 * caller fails `b` next, which releases what waits for it (no step outside a block waits for a step
 * inside it but through the block).
 */
export function sweepBlock(ex: Executor, b: Instance, reason: string): void {
  sweep(ex, allInstances(...(b.children ?? [])), reason, true);
}

/**
 * `all`: instances in creation order; `why`: what aborts the attempts (`cancelled`, or the failure
 * or timeout that stops them, which their error quotes); `release`: give running leaves' slots back.
 */
function sweep(ex: Executor, all: Instance[], why: string, release: boolean): void {
  // Blocks that never started get their children now (skipped below; createUnrunChildren: a
  // parallel block's branches, a foreach's body, a workflow step's child steps); the loop visits
  // those children too, as they are appended in creation order. So do blocks stopped from their
  // own step.started (a host's onEvent cancelling), running but not yet expanded.
  for (let k = 0; k < all.length; k++) {
    const i = all[k];
    if (isBlock(i) && (i.status === 'pending' || i.status === 'running') && !i.children) {
      for (const f of createUnrunChildren(ex, i)) for (const c of f.instances.values()) all.push(c);
    }
  }
  for (const i of all) {
    if (isBlock(i) || isFinal(i.status)) continue;
    // A pending leaf with attempts behind it is a retry whose delay is over, queued or parked for a
    // slot: it has run, so it is cancelled as one still in its delay is, not skipped.
    if (i.status === 'running' || i.status === 'retrying' || i.attempts > 0) {
      // A step waiting to retry gave its slots back when its attempt failed; a running one gives
      // them back once its action has ended (its process tree gone), not while it may still run.
      const hold = release && i.status === 'running';
      if (!ex.attempts.abort(i, why, hold) && hold) ex.releaseSlots(i);
      ex.finalize(i, 'cancelled', { error: why === 'cancelled' ? why : `cancelled: ${why}` });
    } else ex.finalize(i, 'skipped');
  }
  for (let k = all.length - 1; k >= 0; k--) {
    const b = all[k];
    if (!isBlock(b) || isFinal(b.status)) continue;
    if (b.status === 'running' && (why === 'cancelled' ? blockStatus(b).status === 'failed' : propagatedFailure(b) !== undefined)) {
      // A failure inside it propagated to it: it failed, as it does when that failure was its last
      // open step (block-status.ts), with a null output. On a failure's stop (fail-fast, a timeout)
      // also when the stop cancelled steps inside it, the consequence of that failure (Argo fails
      // the DAG whose task failed); on a cancel, only when nothing inside it was cancelled.
      ex.finalize(b, 'failed', { output: null, error: blockError(b, 'failed') });
    } else if (b.status === 'running' || b.status === 'retrying') {
      // A block waiting to retry (block-retry.ts) is cancelled, as a leaf waiting to retry is
      // (finalize clears its retry's timer).
      ex.finalize(b, 'cancelled', { error: 'cancelled' });
    } else ex.finalize(b, 'skipped');
  }
}
