// A block's time limit (docs/engine.md, "Failure, skips, time"): its own `timeout` (spec 2: every
// step may have one), and for a `workflow` step also the called file's `config.timeout`, which
// bounds that file's run as it bounds a run of its own, as a GitHub reusable workflow's jobs keep
// their `timeout-minutes` and an Argo template its `activeDeadlineSeconds` when called. Both count
// from the block's `step.started`; the shorter applies. When it elapses with the block still
// running, the steps inside it are stopped as fail-fast stops a run's and the block fails with
// `timed out after <duration>` (the called file's limit says so), then the usual failure rules
// apply to the block. Nothing outside the block is touched by the timeout itself.
import * as path from 'node:path';
import { formatDuration } from '../model/duration.js';
import type { Executor } from './executor.js';
import { timeoutOf, type Instance } from './instance.js';
import { later } from './long-timer.js';
import { sweepBlock } from './stop-sweep.js';

/** The block's time limit in ms and the failure it gives; undefined without one. */
export function blockLimit(b: Instance): { ms: number; message: string } | undefined {
  const own = timeoutOf(b);
  let limit = Number.isNaN(own) ? undefined : { ms: own, message: `timed out after ${formatDuration(own)}` };
  // A workflow step's called frame exists once the block has expanded (its config evaluated then).
  const child = b.calledFrame;
  const ms = child ? (child.policy?.timeoutMs ?? child.analysis.model.config.timeoutMs) : undefined;
  if (child && ms !== undefined && (limit === undefined || ms < limit.ms)) {
    limit = { ms, message: `timed out after ${formatDuration(ms)} (config.timeout of ${path.basename(child.file)})` };
  }
  return limit;
}

/** Arms the limit of the block `b`, which started at `startedAt` (ms since the epoch) and has expanded. */
export function armBlockTimeout(ex: Executor, b: Instance, startedAt: number): void {
  const limit = blockLimit(b);
  if (!limit) return;
  b.blockTimer = later(
    () => {
      b.blockTimer = undefined;
      if (b.status !== 'running' || ex.stopping) return;
      sweepBlock(ex, b, `${b.path} ${limit.message}`);
      ex.blockAttemptFailed(b, limit.message);
      ex.drain();
    },
    Math.max(0, limit.ms - (Date.now() - startedAt)),
  );
}

/**
 * The shortest time limit that ends the step `inst` if it runs too long: its own timeout, an
 * enclosing block's limit, or the run's (`runTimeoutMs`); undefined when none does. A block's limit
 * counts from the block's start, so the time the step has left is at most this.
 */
export function timeLimitOf(inst: Instance, runTimeoutMs: number | undefined): number | undefined {
  const own = timeoutOf(inst);
  let ms = Number.isNaN(own) ? Infinity : own;
  if (runTimeoutMs !== undefined) ms = Math.min(ms, runTimeoutMs);
  for (let b = inst.frame.owner; b; b = b.frame.owner) ms = Math.min(ms, blockLimit(b)?.ms ?? Infinity);
  return ms === Infinity ? undefined : ms;
}
