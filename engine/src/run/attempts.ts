// One attempt of a leaf step: emits step.started, runs the action with an abort signal, enforces the
// per-attempt timeout, and on failure either schedules a retry (exponential backoff with jitter,
// spec 3.3; the slot is given back while waiting) or reports the final failure to the executor.
import { formatDuration } from '../model/duration.js';
import type { RetryPolicy } from '../model/types.js';
import type { ActionContext, ActionResult } from './actions/types.js';
import { StepError } from './actions/types.js';
import { withItem } from './event-fields.js';
import type { Executor } from './executor.js';
import { later } from './long-timer.js';
import { configOf, msSince, timeoutOf, type AttemptToken, type Instance } from './instance.js';
import { cancelTimeout, type DurationQueue } from './timeouts.js';
import { timeLimitOf } from './block-timeout.js';
import { evalInstance } from './resolve.js';
import { outputProblem } from './json-pieces.js';
import { patchRecord } from './step-record.js';

/** Delay before retry number `attempt` (1-based: the attempt that just failed). */
export function backoffDelay(p: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = p.backoff === 'fixed' ? p.delayMs : p.delayMs * 2 ** (attempt - 1);
  const jittered = base * (0.9 + 0.2 * random());
  return Math.round(Math.min(p.maxDelayMs, jittered));
}

/** One attempt: the token the scheduler tracks and the context the action sees, in one object. */
class Attempt implements ActionContext, AttemptToken {
  done = false;
  settled = false;
  controller: AbortController | undefined = undefined;
  deadline = 0;
  live = false;
  holdsSlots = false;
  queue: DurationQueue | undefined = undefined;

  constructor(
    private readonly ex: Executor,
    readonly inst: Instance,
    readonly attempt: number,
  ) {}
  get config() {
    return configOf(this.inst);
  }
  get path() {
    return this.inst.path;
  }
  get runId() {
    return this.ex.run.id;
  }
  get dir() {
    return this.inst.frame.wf.dir;
  }
  get root() {
    return this.ex.opts.root;
  }
  get allowOutsideRoot() {
    return this.ex.opts.allowOutsideRoot;
  }
  get maxOutputBytes() {
    return this.ex.opts.maxOutputBytes;
  }
  get env() {
    return this.inst.frame.wf.env;
  }
  get llmDefaults(): Record<string, unknown> {
    const llm = this.inst.frame.wf.analysis.model.config.llm ?? {};
    return (evalInstance(this.inst, llm, this.ex.run) ?? {}) as Record<string, unknown>;
  }
  get redact() {
    return this.ex.opts.redact;
  }
  get editorFetch() {
    return this.ex.opts.editorFetch;
  }
  get timeLimitMs(): number | undefined {
    return timeLimitOf(this.inst, this.ex.opts.timeoutMs);
  }
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController();
      if (this.done) this.controller.abort(new Error('aborted'));
    }
    return this.controller.signal;
  }
  /**
   * A stopped attempt (timed out, cancelled) still logs until its action has ended: what a process
   * prints on SIGTERM (a trap, a test runner's summary) is recorded, before its step's step.finished,
   * which waits for that end (held-finishes.ts).
   */
  log(stream: 'stdout' | 'stderr' | 'llm', text: string): void {
    if (this.settled || text === '') return;
    this.ex.emit({ type: 'step.log', runId: this.ex.run.id, ts: Date.now(), path: this.inst.path, stream, text });
  }
}

export class Attempts {
  /** Actions whose promise has not settled yet (their processes may still be exiting). */
  inflight = 0;
  /**
   * What waits for a timed-out or stopped attempt's action to end (a shell that ignores SIGTERM runs
   * until the SIGKILL two seconds later): the retry of its step once its delay is over, a block's
   * retry (block-retry.ts). The next attempt never runs beside what is left of the one before it.
   */
  private readonly waiting = new Map<AttemptToken, (() => void)[]>();

  constructor(private readonly ex: Executor) {}

  begin(inst: Instance): void {
    const ex = this.ex;
    const now = Date.now();
    inst.status = 'running';
    const attempt = ++inst.attempts;
    if (inst.startOffset === undefined) inst.startOffset = msSince(now, ex.run.startedAt);
    ex.emit(withItem({ type: 'step.started', runId: ex.run.id, ts: now, path: inst.path, attempt, kind: inst.kind }, ex.itemOf(inst)));
    const token = new Attempt(ex, inst, attempt);
    inst.token = token;
    const action = ex.opts.actions(inst.kind);
    let r: Promise<ActionResult> | ActionResult;
    this.inflight++;
    try {
      if (!action) throw new StepError(`no action for kind '${inst.kind}'`);
      r = action(token);
    } catch (e) {
      this.settle(token, undefined, e ?? new Error('failed'));
      return;
    }
    // An action that is done at once (a stub without delay) answers synchronously: no promise, no
    // extra turn, and no timeout armed (no timer can fire while the action runs synchronously, so
    // the timeout is armed after the call, with the deadline counted from `now` all the same).
    // The step still emits step.started then step.finished, in that order.
    if (r instanceof Promise) {
      const ms = timeoutOf(inst);
      if (!Number.isNaN(ms) && !token.done) ex.timeouts.add(ms, token, now);
      r.then(
        (v) => this.settle(token, v, undefined),
        (e) => this.settle(token, undefined, e ?? new Error('failed')),
      );
    } else this.settle(token, r, undefined);
  }

  /** Calls `then` once the stopped attempt `token`'s action has ended (it has not yet). */
  whenSettled(token: AttemptToken, then: () => void): void {
    const list = this.waiting.get(token);
    if (list) list.push(then);
    else this.waiting.set(token, [then]);
  }

  private settle(token: AttemptToken, result: ActionResult | undefined, err: unknown): void {
    this.inflight--;
    token.settled = true;
    cancelTimeout(token);
    const ex = this.ex;
    if (token.done) {
      // A timed-out or stopped attempt's action has ended (its process tree is gone): its slots are
      // free now, and its step's step.finished, held until now, comes after all it logged, before
      // the retry that waited for it queues.
      const held = token.holdsSlots;
      if (held) {
        token.holdsSlots = false;
        ex.releaseSlots(token.inst);
      }
      const released = ex.held.release(token.inst);
      const then = this.waiting.get(token);
      if (then) {
        this.waiting.delete(token);
        for (const f of then) f();
      }
      if (held || released) ex.drain();
      else ex.checkDone();
      return;
    }
    token.done = true;
    const inst = token.inst;
    inst.token = undefined;
    // What an action built rather than read (a stub's templated output, parsed JSON) is held to
    // the output limit and to a depth the record can write here, where every leaf's output passes.
    const problem = err === undefined ? outputProblem(inst.kind, result!.output, ex.opts.maxOutputBytes) : undefined;
    if (problem !== undefined) err = new StepError(problem, result!.extra);
    if (err === undefined) {
      ex.releaseSlots(inst);
      inst.output = result!.output;
      // Only a failed earlier attempt left an error to clear: `error` is absent on most instances.
      if (inst.error !== undefined) inst.error = null;
      if (result!.extra) patchRecord(inst, result!.extra);
      ex.complete(inst, 'succeeded');
    } else {
      const message = err instanceof Error ? err.message : String(err);
      const extra = err instanceof StepError ? err.extra : {};
      this.failed(inst, message, extra, undefined, err instanceof StepError ? err.retryAfterMs : undefined);
    }
    ex.drain();
  }

  timedOut(token: AttemptToken, ms: number): void {
    if (token.done) return;
    token.done = true;
    // inst.token stays: a block retrying around the step waits for this action to end too.
    // The step's slots stay taken until its action has ended (settle): a process that ignores
    // SIGTERM lives until the SIGKILL two seconds later, and still counts against maxConcurrency.
    token.holdsSlots = true;
    token.controller?.abort(new Error(`timed out after ${formatDuration(ms)}`));
    this.failed(token.inst, `timed out after ${formatDuration(ms)}`, {}, token);
    this.ex.drain();
  }

  /**
   * `previous`: the attempt that timed out, whose action may still be ending (it holds the slots).
   * `retryAfterMs`: the wait the server asked for (a 429's Retry-After): the retry waits the longer
   * of it and the backoff, at most the policy's maxDelay, as the providers' SDKs wait.
   */
  private failed(inst: Instance, message: string, extra: Record<string, unknown>, previous?: AttemptToken, retryAfterMs?: number): void {
    const ex = this.ex;
    if (!previous) ex.releaseSlots(inst);
    patchRecord(inst, extra);
    const wf = inst.frame.wf;
    const policy = inst.policy?.retries ?? inst.step.retries ?? wf.policy?.retries ?? wf.analysis.model.config.retries;
    if (!ex.stopping && policy && inst.attempts <= policy.max) {
      const delayMs = Math.max(backoffDelay(policy, inst.attempts, ex.opts.random), Math.min(retryAfterMs ?? 0, policy.maxDelayMs));
      inst.status = 'retrying';
      inst.error = message;
      ex.emit({ type: 'step.retrying', runId: ex.run.id, ts: Date.now(), path: inst.path, attempt: inst.attempts, error: message, delayMs });
      const requeue = () => {
        if (inst.status !== 'retrying' || ex.stopping) return;
        inst.status = 'pending';
        ex.queue.push(inst);
        ex.drain();
      };
      inst.retryTimer = later(() => {
        inst.retryTimer = undefined;
        if (previous && !previous.settled) this.whenSettled(previous, requeue);
        else requeue();
      }, delayMs);
      return;
    }
    ex.fail(inst, message, extra);
  }

  /**
   * Aborts the running attempt or pending retry of a step (run or block stopping). `holdSlots`: the
   * running attempt's slots are given back once its action has ended (a block stopped while the
   * run goes on); returns false when there was no running attempt to hold them.
   */
  abort(inst: Instance, reason: string, holdSlots = false): boolean {
    const t = inst.token;
    let held = false;
    if (t && !t.done) {
      t.done = true;
      t.holdsSlots = held = holdSlots;
      cancelTimeout(t);
      t.controller?.abort(new Error(reason));
    }
    if (inst.retryTimer) {
      inst.retryTimer.clear();
      inst.retryTimer = undefined;
    }
    return held;
  }
}
