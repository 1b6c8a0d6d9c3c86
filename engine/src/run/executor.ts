// The greedy scheduler (language spec 3.2, 3.3): a step is gated the moment its last dependency
// finishes, goes into the ready queue (longest remaining path first), and starts as soon as the run
// and every enclosing block have a free slot. No waves, no polling: everything is driven by step
// completions. Fail-fast and cancel stop the run synchronously: nothing starts after the failure.
// Block expansion lives in blocks.ts, attempts (timeouts, retries) in attempts.ts, the sweep that
// gives every open step its final status when the run stops in stop-sweep.ts, a block's status by
// its steps' in block-status.ts, where a failure's fail-fast stops in fail-fast-scope.ts.
import { formatDuration } from '../model/duration.js';
import type { Step } from '../model/types.js';
import { isTruthy } from '../template/evaluate.js';
import { configProblem, ownEnvOf } from './actions/index.js';
import { Attempts } from './attempts.js';
import { armBlockTimeout } from './block-timeout.js';
import { retryBlock, retryingBlock } from './block-retry.js';
import { activateFrame, blockOutput, createUnrunChildren, expandBlock, forEachInstance } from './blocks.js';
import { blockError, blockStatus, failedByItself, propagatedFailure } from './block-status.js';
import { itemPreview, preview, withItem } from './event-fields.js';
import { failFastScope } from './fail-fast-scope.js';
import type { FinalStepStatus, RunEvent, RunStatus, StepStatus } from './events.js';
import { configOf, continuesOnError, failureReason, InstanceTable, isBlock, isFinal, msSince, slotGroups, newInstance, priorityOf, type Instance, type AttemptToken, type Frame, type StepRecord } from './instance.js';
import { Fifo } from './fifo.js';
import { HeldFinishes } from './held-finishes.js';
import { ReadyQueue } from './ready-queue.js';
import { later, type Timer } from './long-timer.js';
import { evalInstance, type RunInfo } from './resolve.js';
import { firstFull, acquire, SlotGroup } from './slots.js';
import { patchRecord } from './step-record.js';
import { sweepBlock, sweepOpenSteps } from './stop-sweep.js';
import { Timeouts } from './timeouts.js';
import { applyPolicy } from './step-policy.js';
import { FACT_IF, FACT_POLICY, FACT_TEMPLATED } from './wiring.js';
import { skipReaches } from './foreach-gates.js';
import type { ExecutorOptions } from './executor-options.js';

/**
 * The longest stretch, in ms, the scheduler runs in one go before it gives the event loop back: the
 * host (VS Code's extension host, shared by every extension) must not freeze while a big run starts
 * or ends thousands of steps in one go. See "Long bursts" in docs/engine.md.
 */
export const SLICE_MS = 10;

export class Executor {
  readonly runGroup: SlotGroup<Instance>;
  /** The slot groups of a step outside any block: the run's alone. */
  readonly runGroups: SlotGroup<Instance>[];
  readonly queue = new ReadyQueue<Instance>(priorityOf);
  readonly run: RunInfo;
  readonly attempts: Attempts;
  /** The step.finished events that wait for a stopped action to end. */
  readonly held: HeldFinishes;
  readonly timeouts: Timeouts<AttemptToken>;
  readonly topFrame: Frame;
  seq = 0;
  open = 0;
  stopping = false;
  status: RunStatus = 'running';
  error: string | undefined;
  private gates = new Fifo<Instance>();
  private draining = false;
  /** A burst was cut (its slice was used up): the rest runs from setImmediate; drains wait for it. */
  private resumePending = false;
  private runTimer: Timer | undefined;
  private resolveDone!: () => void;
  readonly done = new Promise<void>((r) => (this.resolveDone = r));
  private finished = false;

  constructor(readonly opts: ExecutorOptions) {
    this.runGroup = new SlotGroup(opts.maxConcurrency, 'run');
    this.runGroups = [this.runGroup];
    this.run = opts.run;
    this.attempts = new Attempts(this);
    this.held = new HeldFinishes(this);
    this.timeouts = new Timeouts<AttemptToken>((token, ms) => this.attempts.timedOut(token, ms));
    this.topFrame = {
      scope: opts.analysis.model.root,
      parent: undefined,
      owner: undefined,
      wf: opts.top,
      instances: new InstanceTable(opts.top),
      runtimeBase: '',
      staticLen: 0,
    };
  }

  start(): void {
    if (this.opts.timeoutMs !== undefined) {
      const ms = this.opts.timeoutMs;
      this.runTimer = later(() => this.stop('failed', `run timed out after ${formatDuration(ms)}`), ms);
    }
    activateFrame(this, this.topFrame);
    this.drain();
  }

  emit(ev: RunEvent): void {
    this.opts.emit(ev);
  }

  /** The foreach item of the iteration `inst` is directly in, for its started/finished events. */
  itemOf(inst: Instance): string | undefined {
    const f = inst.frame;
    return f.index === undefined ? undefined : (f.itemPreview ??= itemPreview(f.item, this.opts.redact));
  }

  /** A step whose dependencies are all final: decide skip, expand a block, or queue a leaf. */
  gate(inst: Instance): void {
    this.gates.push(inst);
  }

  /**
   * Opens the gated steps, then starts ready leaves while slots are free, until nothing is left to
   * do. A burst longer than SLICE_MS (thousands of iterations' blocks starting at once, thousands
   * of instant steps run back to back) is cut where the next step would be taken: the rest runs
   * from setImmediate, in the same order, so the host's other callbacks run in between. Nothing is
   * decided differently: steps gated meanwhile queue behind, no leaf starts while steps are still
   * to be gated (they compete by priority first), and a stop meanwhile leaves nothing to start.
   */
  drain(): void {
    if (this.draining || this.resumePending) return;
    this.draining = true;
    const end = performance.now() + (this.opts.sliceMs ?? SLICE_MS);
    let cut = false;
    // Each slice takes at least one step (a gate or a start), so that a cut run always moves on.
    let fresh = true;
    try {
      for (;;) {
        for (let inst = this.gates.shift(); inst !== undefined; inst = this.gates.shift()) {
          fresh = false;
          if (!this.stopping && inst.status === 'pending') this.open1(inst);
          if (this.gates.size > 0 && performance.now() >= end) break;
        }
        if (this.gates.size > 0 || !this.pump(end, fresh)) {
          cut = true;
          break;
        }
        fresh = false;
        if (this.gates.size === 0) break;
      }
    } finally {
      this.draining = false;
    }
    if (cut && !this.stopping) {
      this.resumePending = true;
      setImmediate(() => {
        this.resumePending = false;
        this.drain();
      });
      return;
    }
    this.checkDone();
  }

  private open1(inst: Instance): void {
    const w = inst.frame.wf.wiring;
    const facts = w.facts[inst.order];
    if (facts & FACT_IF) {
      if (!this.opts.dryRun) {
        let ok: boolean;
        try {
          ok = isTruthy(evalInstance(inst, inst.step.raw.if, this.run));
        } catch (e) {
          this.failBeforeStart(inst, `if: ${(e as Error).message}`);
          return;
        }
        if (!ok) return this.skip(inst);
      }
    } else if (inst.depSkipped) return this.skip(inst);
    if (facts & FACT_POLICY && !this.opts.dryRun) {
      const problem = applyPolicy(inst, this.run);
      if (problem !== undefined) return this.failBeforeStart(inst, problem);
    }
    if (isBlock(inst)) return this.startBlock(inst);
    try {
      // A step without any `${` in its fields needs no evaluation: its config is its raw value.
      if (facts & FACT_TEMPLATED) inst.config = evalInstance(inst, inst.step.raw[inst.kind], this.run, this.opts.dryRun);
      // The step's own env secrets are masked before anything shows them (a dry run's preview too).
      const own = ownEnvOf(inst.kind, configOf(inst));
      if (own) this.opts.onEnv?.(own);
      // A config no attempt can get past (a template's value the schema could not check, a GET with
      // a body) fails here, before any attempt; a dry run's may hold placeholders.
      const problem = this.opts.dryRun ? undefined : configProblem(inst.kind, configOf(inst));
      if (problem !== undefined) throw new Error(problem);
    } catch (e) {
      this.failBeforeStart(inst, (e as Error).message);
      return;
    }
    // Resume first: a dry run of a resume shows what the resume would do (reused steps, with their
    // recorded outputs for what follows; the rest dry).
    const reused = this.opts.reuse?.(inst);
    if (reused) {
      inst.reused = true;
      this.complete(inst, 'succeeded', reused);
      return;
    }
    if (this.opts.dryRun) {
      inst.dry = true;
      this.complete(inst, 'skipped', { output: configOf(inst) }, true);
      return;
    }
    this.queue.push(inst);
  }

  /**
   * Starts an attempt of a block: step.started, its children created and gated (a foreach's items
   * evaluated), its timeout armed. A retry (block-retry.ts) starts it again from scratch.
   */
  startBlock(inst: Instance): void {
    const now = Date.now();
    inst.status = 'running';
    // Its duration spans every attempt, as a leaf's does.
    if (inst.startOffset === undefined) inst.startOffset = msSince(now, this.run.startedAt);
    const attempt = ++inst.attempts;
    this.emit(withItem({ type: 'step.started', runId: this.run.id, ts: now, path: inst.path, attempt, kind: inst.kind }, this.itemOf(inst)));
    // A host that cancels from this very event (onEvent is synchronous) has stopped the block, and
    // given what is inside it its final status (stop-sweep.ts): nothing is left to start.
    if (inst.status !== 'running') return;
    try {
      expandBlock(this, inst);
    } catch (e) {
      this.skipUnrunAndFail(inst, (e as Error).message);
      return;
    }
    // After expanding: a workflow step's limit includes its called file's config.timeout.
    if (!this.opts.dryRun) armBlockTimeout(this, inst, now);
    if (inst.openChildren === 0) this.completeBlock(inst);
  }

  /**
   * Starts queued leaves while the run has slots; parks those whose block is full. Returns false
   * when it stopped at `end` (performance.now()) with a leaf it could still have started; `fresh`:
   * nothing was done yet in this slice, so it takes one step whatever the time.
   */
  pump(end: number, fresh: boolean): boolean {
    const q = this.queue;
    const run = this.runGroup;
    // Stops as soon as a step that finished at once has made others ready, so that they are
    // gated and compete by priority before the next start.
    const gates = this.gates;
    let first = fresh;
    while (!this.stopping && run.running < run.limit && q.size > 0 && gates.size === 0) {
      if (!first && performance.now() >= end) return false;
      first = false;
      const inst = q.pop()!;
      if (inst.status !== 'pending') continue;
      const groups = slotGroups(inst, this.runGroups);
      const full = firstFull(groups);
      if (full) {
        full.parked.push(inst);
        continue;
      }
      acquire(groups);
      this.attempts.begin(inst);
    }
    return true;
  }

  /** Frees the slots of a leaf that stopped running (finished or waiting to retry). */
  releaseSlots(inst: Instance): void {
    const groups = slotGroups(inst, this.runGroups);
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i];
      g.running--;
      if (g.parked.length > 0) {
        const parked = g.parked;
        g.parked = [];
        for (const u of parked) if (u.status === 'pending') this.queue.push(u);
      }
    }
  }

  /**
   * Records the final status of a step, emits step.finished, notifies dependents and the block; a
   * step whose stopped action is still ending does the last two once it has ended (held-finishes.ts).
   */
  complete(inst: Instance, status: FinalStepStatus, patch?: Partial<StepRecord>, dry = false): void {
    if (this.finalize(inst, status, patch, dry, true)) this.notify(inst);
  }

  /**
   * Records the final status of a step and emits its step.finished; returns false when the event is
   * held until the step's stopped action has ended (then `notify` says whether its dependents and
   * block are notified with it).
   */
  finalize(inst: Instance, status: FinalStepStatus, patch?: Partial<StepRecord>, dry = false, notify = false): boolean {
    inst.status = status;
    // A final step has no timer left: a block's time limit, or its retry's delay (a block stopped
    // while it waits to retry: stop-sweep.ts).
    if (inst.blockTimer) {
      inst.blockTimer.clear();
      inst.blockTimer = undefined;
    }
    if (inst.retryTimer) {
      inst.retryTimer.clear();
      inst.retryTimer = undefined;
    }
    if (patch) patchRecord(inst, patch);
    if (inst.output === undefined) inst.output = null;
    if (this.held.hold(inst, status, notify)) return false;
    this.emitFinished(inst, status, dry);
    return true;
  }

  /**
   * Emits the step.finished of `inst`, whose final status and record are set (finalize): its duration
   * runs to now, which for a stopped step is when its process had exited.
   */
  emitFinished(inst: Instance, status: FinalStepStatus, dry = false): void {
    const now = Date.now();
    if (!inst.reused) inst.durationMs = inst.startOffset !== undefined ? msSince(now, this.run.startedAt + inst.startOffset) : 0;
    this.open--;
    const ev: RunEvent = {
      type: 'step.finished',
      runId: this.run.id,
      ts: now,
      path: inst.path,
      status,
      durationMs: inst.durationMs ?? 0,
      attempts: inst.attempts,
      kind: inst.kind,
    };
    const pv = status === 'succeeded' || dry || status === 'failed' ? preview(inst.output, this.opts.redact, this.opts.secretReach?.()) : undefined;
    if (pv !== undefined) ev.output = pv;
    if (inst.error) ev.error = inst.error;
    if (dry) ev.dryRun = true;
    if (inst.reused) ev.reused = true;
    this.emit(withItem(ev, this.itemOf(inst)));
    if (!isBlock(inst)) this.opts.onLeafDone?.(inst);
  }

  /** Releases the steps waiting for `inst`: its siblings by the compiled wiring, then outer-list dependents. */
  notify(inst: Instance): void {
    const skipped = inst.status === 'skipped' && !inst.dry;
    const frame = inst.frame;
    const { depOff, depOn } = frame.wf.wiring;
    const end = depOff[inst.order + 1];
    if (depOff[inst.order] < end) {
      const list = frame.instances.list;
      const pos = frame.wf.pos;
      for (let e = depOff[inst.order]; e < end; e++) {
        const d = list[pos[depOn[e]]];
        if (skipped && skipReaches(frame.wf.wiring, d.order, inst.step)) d.depSkipped = true;
        if (--d.waiting === 0) this.gates.push(d);
      }
    }
    const deps = inst.dependents;
    if (deps) {
      for (let i = 0; i < deps.length; i++) {
        const d = deps[i];
        if (skipped && skipReaches(d.frame.wf.wiring, d.order, inst.step)) d.depSkipped = true;
        if (--d.waiting === 0) this.gates.push(d);
      }
    }
    const p = inst.frame.owner;
    if (p && --p.openChildren! === 0 && p.status === 'running') this.completeBlock(p);
  }

  /** Ends a block whose steps are all final, with its status by their statuses (block-status.ts). */
  completeBlock(b: Instance): void {
    const { status, dry } = blockStatus(b);
    // A dry run did not run what is inside: the block is dry-skipped as its steps are, its output
    // composed of their placeholders (resolve.ts dryOutput), unless all of it was reused (resume).
    if (dry && status === 'succeeded') b.dry = true;
    // A workflow step whose child's `outputs:` fail to evaluate fails, naming the output. A failed
    // block's output is null, as a failed step's is (spec 3.3): not what some of its steps made
    // (each keeps its own output under its path).
    let output: unknown = null;
    if (status !== 'failed') {
      try {
        output = blockOutput(this, b, status === 'succeeded');
      } catch (e) {
        this.skipUnrunAndFail(b, (e as Error).message);
        return;
      }
    }
    const error = blockError(b, status);
    // Its attempt failed: it retries when it may, saying which step's failure failed it, as a
    // fail-fast inside it says (`par/flaky failed: exit code 3`).
    if (status === 'failed' && !b.dry && retryBlock(this, b, propagatedFailure(b) ?? error ?? 'failed')) return;
    this.complete(b, b.dry ? 'skipped' : status, { output, error, attempts: b.attempts }, b.dry);
  }

  skip(inst: Instance): void {
    this.skipTree(inst);
    this.notify(inst);
  }

  /** Marks a step skipped; a block's children (which never ran) are created and skipped first. */
  private skipTree(inst: Instance): void {
    if (isBlock(inst) && !inst.children) this.skipUnrun(inst);
    this.finalize(inst, 'skipped');
  }

  /**
   * Creates the steps a block will not run (createUnrunChildren: a skipped or stopped block's,
   * a foreach body without iterations, a workflow step's child that never started) and marks them
   * skipped, blocks among them with their own, so that every step of the plan has its event.
   */
  skipUnrun(inst: Instance): void {
    for (const f of createUnrunChildren(this, inst)) for (const c of f.instances.values()) if (c.status === 'pending') this.skipTree(c);
  }

  private failBeforeStart(inst: Instance, message: string): void {
    inst.attempts = 0;
    if (isBlock(inst) && !inst.children) this.skipUnrun(inst);
    this.fail(inst, message, {});
  }

  skipUnrunAndFail(inst: Instance, message: string): void {
    // Children already created are skipped (they will never run), blocks among them with theirs;
    // a block that failed before it had children (a foreach whose items are not a list, a workflow
    // step given a bad input) gets the steps it would have run, skipped. Then the block fails.
    if (!inst.children) this.skipUnrun(inst);
    else for (const f of inst.children) for (const c of f.instances.values()) if (c.status === 'pending') this.skipTree(c);
    this.blockAttemptFailed(inst, message);
  }

  /**
   * An attempt of the block `b` failed by itself (its timeout, a fail-fast stopped it, bad items, a
   * child's bad inputs or outputs), its steps all final: it retries when its `retries` allow
   * (block-retry.ts), else it fails, and the usual failure rules apply.
   */
  blockAttemptFailed(b: Instance, message: string): void {
    if (retryBlock(this, b, message)) return;
    this.fail(b, message, { attempts: b.attempts });
  }

  /**
   * Final failure of a step: recorded, then fail-fast unless continueOnError applies. The fail-fast
   * stops the run, or only a block when a block's own inner `continueOnError: false` decided it and
   * the block's failure is tolerated further out (failFastScope): the block's steps are stopped as
   * by its timeout, and the block fails with the step's error.
   */
  fail(inst: Instance, message: string, patch: Partial<StepRecord>): void {
    this.complete(inst, 'failed', { ...patch, error: message });
    if (continuesOnError(inst, this.opts.continueOnError)) return;
    const reason = failureReason(inst.path, message);
    const scope = failFastScope(inst, this.opts.continueOnError);
    // A block this failure fails that will retry takes it: the fail-fast stops that block's attempt
    // only, as a leaf that will retry does not stop the run.
    const stopAt = retryingBlock(this, inst, scope) ?? scope;
    if (!stopAt) {
      this.stop('failed', reason);
      return;
    }
    // Already retrying: the failure was its last open step (completeBlock retried it).
    if (stopAt.status === 'retrying') return;
    sweepBlock(this, stopAt, reason);
    this.blockAttemptFailed(stopAt, reason);
  }

  /**
   * Stops the run now: running attempts are aborted (process trees killed, requests aborted) and
   * marked cancelled, everything not started is marked skipped, nothing starts any more.
   */
  stop(status: 'failed' | 'cancelled', reason: string): void {
    if (this.stopping || this.finished) return;
    this.stopping = true;
    this.status = status;
    this.error = reason;
    this.runTimer?.clear();
    sweepOpenSteps(this, status, reason);
    this.checkDone();
  }

  cancel(): void {
    this.stop('cancelled', 'cancelled');
  }

  checkDone(): void {
    if (this.finished || this.draining || this.resumePending) return;
    if (this.open > 0 || this.attempts.inflight > 0) return;
    this.finished = true;
    this.runTimer?.clear();
    this.timeouts.dispose();
    if (this.status === 'running') this.status = 'succeeded';
    this.resolveDone();
  }

  /** A new instance of `step` (document-order index `idx` in its file) in `frame`. */
  newInstance(step: Step, idx: number, frame: Frame, path: string): Instance {
    const inst = newInstance(path, step, frame, idx, this.seq++);
    this.open++;
    return inst;
  }

  counts(): Partial<Record<FinalStepStatus, number>> {
    const counts: Partial<Record<FinalStepStatus, number>> = {};
    forEachInstance(this.topFrame, (i) => {
      // Leaves, and a block that failed by itself: a failed run always counts what failed it.
      if (!isFinal(i.status) || (isBlock(i) && !failedByItself(i))) return;
      const s = i.status as FinalStepStatus;
      counts[s] = (counts[s] ?? 0) + 1;
    });
    return counts;
  }
}

export type { StepStatus };
