// Stopping a run (fail-fast, cancel, the run's timeout; language spec 3.3) gives every step that is
// still open its final status in one synchronous sweep, so that nothing starts after the failure.
// It is the one walk over every instance of the run, in creation order, and the only place steps are
// aborted from outside their own attempt; the scheduler in executor.ts otherwise works step by step.
import { allInstances, createUnrunChildren } from './blocks.js';
import type { Executor } from './executor.js';
import { isBlock, isFinal } from './instance.js';

/**
 * Empties the ready queue; running attempts are aborted (process trees killed, requests aborted)
 * and marked cancelled, steps waiting to retry too, everything not started is marked skipped,
 * started blocks cancelled and unstarted ones skipped (with the steps inside them).
 */
export function sweepOpenSteps(ex: Executor, status: 'failed' | 'cancelled', reason: string): void {
  ex.queue.drain();
  const all = allInstances(ex.topFrame);
  // Blocks that never started get their children now (skipped below; createUnrunChildren: a
  // parallel block's branches, a foreach's body, a workflow step's child steps); the loop visits
  // those children too, as they are appended in creation order.
  for (let k = 0; k < all.length; k++) {
    const i = all[k];
    if (isBlock(i) && i.status === 'pending' && !i.children) {
      for (const f of createUnrunChildren(ex, i)) for (const c of f.instances.values()) all.push(c);
    }
  }
  for (const i of all) {
    if (isBlock(i) || isFinal(i.status)) continue;
    if (i.status === 'running' || i.status === 'retrying') {
      ex.attempts.abort(i, status === 'cancelled' ? 'cancelled' : reason);
      ex.finalize(i, 'cancelled', { error: status === 'cancelled' ? 'cancelled' : `cancelled: ${reason}` });
    } else ex.finalize(i, 'skipped');
  }
  for (let k = all.length - 1; k >= 0; k--) {
    const b = all[k];
    if (!isBlock(b) || isFinal(b.status)) continue;
    if (b.status === 'running') ex.finalize(b, 'cancelled', { error: 'cancelled' });
    else ex.finalize(b, 'skipped');
  }
}
