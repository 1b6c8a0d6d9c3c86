// A step stopped while its action still runs (its timeout, a cancel, a fail-fast: its process got
// SIGTERM and may print on until it exits, or until its SIGKILL after the kill grace) gets its
// final status at once, so that the stop still decides everything synchronously (fail-fast cancels
// the other steps the moment the failure happens), but its `step.finished` waits until the action
// has ended: what the process prints meanwhile is still recorded as `step.log` events, and readers
// (the command line, the Runs view, records and resume) take a step's logs to precede its finish.
// Its dependents (`continueOnError`) are released then too. A block that ends or fails its attempt
// while a step inside it is held has its step.finished or step.retrying held as well, so that the
// steps of a block's attempt still end before the block does. Steps without a stopped action (a
// stub without a delay, every step on the fast path) are never held and cost one field read; a
// delayed stub or a request is held only until its aborted action settles.
import type { FinalStepStatus, RunEvent } from './events.js';
import type { Executor } from './executor.js';
import { isBlock, type Instance } from './instance.js';

/** A held step.finished: the status it will carry, and whether its dependents wait for it. */
interface Held {
  status: FinalStepStatus;
  notify: boolean;
}

export class HeldFinishes {
  /** Leaves whose stopped attempt's action has not ended yet. */
  private readonly leaves = new Map<Instance, Held>();
  /** What blocks did while one of those leaves was inside them (retried, ended), in order. */
  private readonly blocks = new Map<Instance, (() => void)[]>();

  constructor(private readonly ex: Executor) {}

  /**
   * Holds the step.finished of `inst`, which has just been given its final status `status`, when its
   * stopped attempt's action is still ending (a leaf) or a held leaf is inside it (a block); returns
   * false when it may finish now. `notify`: its dependents are released when it finishes.
   */
  hold(inst: Instance, status: FinalStepStatus, notify: boolean): boolean {
    const t = inst.token;
    if (t !== undefined && !t.settled) {
      this.leaves.set(inst, { status, notify });
      return true;
    }
    if (this.leaves.size === 0 || !isBlock(inst) || !this.holdsInside(inst)) return false;
    const ex = this.ex;
    this.later(inst, () => {
      ex.emitFinished(inst, status);
      if (notify) ex.notify(inst);
    });
    return true;
  }

  /**
   * Emits `ev`, the step.retrying of the block `b`, now, or once the held steps inside it have
   * finished (the retry itself waits for their actions to end: block-retry.ts).
   */
  emitRetrying(b: Instance, ev: RunEvent): void {
    if (this.leaves.size === 0 || !this.holdsInside(b)) this.ex.emit(ev);
    else this.later(b, () => this.ex.emit({ ...ev, ts: Date.now() }));
  }

  private later(b: Instance, f: () => void): void {
    const list = this.blocks.get(b);
    if (list) list.push(f);
    else this.blocks.set(b, [f]);
  }

  /**
   * The stopped attempt of the leaf `leaf` has ended (its process tree is gone): its step.finished,
   * then those of the blocks around it that waited only for it, innermost first. Returns whether
   * anything was released.
   */
  release(leaf: Instance): boolean {
    const h = this.leaves.get(leaf);
    if (h === undefined) return false;
    this.leaves.delete(leaf);
    const ex = this.ex;
    ex.emitFinished(leaf, h.status);
    if (h.notify) ex.notify(leaf);
    for (let b = leaf.frame.owner; b !== undefined && this.blocks.size > 0; b = b.frame.owner) {
      const list = this.blocks.get(b);
      if (list === undefined) continue;
      // Another held leaf inside it: it, and every block around it, waits for that one.
      if (this.holdsInside(b)) break;
      this.blocks.delete(b);
      for (const f of list) f();
    }
    return true;
  }

  /** Releases every held step.finished now (the host is exiting and will not wait for the processes). */
  releaseAll(): void {
    for (const leaf of [...this.leaves.keys()]) this.release(leaf);
  }

  private holdsInside(b: Instance): boolean {
    for (const leaf of this.leaves.keys()) {
      for (let o = leaf.frame.owner; o !== undefined; o = o.frame.owner) if (o === b) return true;
    }
    return false;
  }
}
