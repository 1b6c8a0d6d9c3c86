// A block's `retries` (spec 2: every step may have them; 3.3), applied as Argo applies a
// retryStrategy to a DAG or steps template: when an attempt of a `parallel`, `foreach` or `workflow`
// step fails (not when it is cancelled or skipped; its timeout is a failure), it emits
// `step.retrying`, waits the backoff delay (leaf rules: attempts.ts backoffDelay) and until every
// action of the failed attempt has ended (no process of it outlives it; their slots are free by
// then), and runs the whole block again from scratch: a new `step.started` with the next attempt,
// its children anew at the same paths (their own attempts from 1; a foreach's items evaluated
// again; a workflow step's called file and inputs as the first attempt had them). A run that stops
// during the wait cancels the block (stop-sweep.ts). Only the block step's own `retries` apply:
// `config.retries` is the default of the steps that do work, which would otherwise multiply (a
// leaf's three attempts in each of a block's three).
import type { RetryPolicy } from '../model/types.js';
import { backoffDelay } from './attempts.js';
import { allInstances, clearExpansion, forEachInstance } from './blocks.js';
import type { Executor } from './executor.js';
import { isBlock, type AttemptToken, type Instance } from './instance.js';
import { later } from './long-timer.js';

/** The retries of the block `b`, whose attempt is failing, when it may run again; else undefined. */
function retriesLeft(ex: Executor, b: Instance): RetryPolicy | undefined {
  if (ex.stopping || ex.opts.dryRun || b.attempts < 1) return undefined;
  const policy = b.policy?.retries ?? b.step.retries;
  return policy !== undefined && b.attempts <= policy.max ? policy : undefined;
}

/**
 * The block that takes the not-tolerated failure of `inst`, whose fail-fast would stop the run
 * (`scope` undefined) or the block `scope`: the nearest enclosing block that fails by it and will
 * retry, or one that is retrying already (completeBlock retried it when the failure was its last
 * open step). Undefined when none does.
 */
export function retryingBlock(ex: Executor, inst: Instance, scope: Instance | undefined): Instance | undefined {
  for (let b = inst.frame.owner; b; b = b.frame.owner) {
    if (b.status === 'retrying') return b;
    if (b.status === 'running' && retriesLeft(ex, b) !== undefined) return b;
    // A block that ended failed just now (the failure was its last open step) passes it on.
    if (b === scope || (b.status !== 'running' && b.status !== 'failed')) return undefined;
  }
  return undefined;
}

/**
 * Retries the block `b` when its `retries` allow, its steps being all final (the caller swept what
 * was running); returns false when it may not, and the caller fails it.
 */
export function retryBlock(ex: Executor, b: Instance, message: string): boolean {
  const policy = retriesLeft(ex, b);
  if (!policy) return false;
  if (b.blockTimer) {
    b.blockTimer.clear();
    b.blockTimer = undefined;
  }
  const delayMs = backoffDelay(policy, b.attempts, ex.opts.random);
  b.status = 'retrying';
  b.error = message;
  // After the step.finished of its steps that are still being stopped (held-finishes.ts).
  ex.held.emitRetrying(b, { type: 'step.retrying', runId: ex.run.id, ts: Date.now(), path: b.path, attempt: b.attempts, error: message, delayMs });
  // The actions of the failed attempt that are still ending (stopped shells until their process
  // trees are gone): the next attempt starts after them, as a leaf's retry after a timeout does.
  const ending: AttemptToken[] = [];
  for (const i of allInstances(...(b.children ?? []))) {
    if (!isBlock(i) && i.token && !i.token.settled) ending.push(i.token);
  }
  let waiting = ending.length + 1;
  const next = () => {
    if (--waiting > 0) return;
    if (b.status !== 'retrying' || ex.stopping) return;
    b.retryTimer = undefined;
    restart(ex, b);
  };
  for (const t of ending) ex.attempts.whenSettled(t, next);
  b.retryTimer = later(() => {
    b.retryTimer = undefined;
    next();
  }, delayMs);
  return true;
}

/**
 * Runs the block again from scratch: the earlier attempt's instances are dropped from the tree, and
 * with them what the record holds of their paths (their outputs files), so that a path the new
 * attempt skips or no longer has (fewer foreach items) shows no output of an attempt that was dropped.
 */
function restart(ex: Executor, b: Instance): void {
  const dropped = ex.opts.onLeafDropped;
  if (dropped) {
    for (const f of b.children ?? []) {
      forEachInstance(f, (i) => {
        if (!isBlock(i)) dropped(i);
      });
    }
  }
  clearExpansion(b);
  b.output = null;
  ex.startBlock(b);
  ex.drain();
}
