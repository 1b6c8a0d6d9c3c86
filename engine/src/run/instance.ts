// Run-time objects: an Instance is one execution of a static Step (a foreach body step has one per
// item), a Frame is one execution of a steps list (the top level, a branch, a foreach iteration, a
// sub-workflow's top level). References resolve by walking frames outward, which gives a foreach
// body's references to its siblings the same iteration's instance.
import type { Analysis } from '../analysis/types.js';
import { isBlockKind, type Scope, type Step, type StepKind } from '../model/types.js';
import type { StepStatus } from './events.js';
import type { Queued } from './ready-queue.js';
import type { SlotGroup } from './slots.js';
import type { StepPolicy } from './step-policy.js';
import type { Timer } from './long-timer.js';
import type { TimeoutEntry } from './timeouts.js';
import { FACT_TEMPLATED, type Wiring } from './wiring.js';

/** What `${steps.X}` sees, and what the outputs file of a step holds. */
export interface StepRecord {
  output: unknown;
  status: StepStatus;
  error: string | null;
  attempts: number;
  durationMs: number | null;
  exitCode?: number | null;
  stderr?: string;
  statusCode?: number;
  headers?: Record<string, string>;
  model?: string;
  usage?: unknown;
  [k: string]: unknown;
}

/** One workflow file being executed: the top-level run, or a `workflow` step's child. */
export interface WorkflowFrame {
  analysis: Analysis;
  file: string;
  dir: string;
  inputs: Record<string, unknown>;
  /** `${env.X}`: process env + secrets + the workflow's `env:` (and its parents'). */
  env: Record<string, string | undefined>;
  /** The workflow's `env:` and its callers', evaluated: what a shell step sees of the files (history.ts inputHash). */
  declaredEnv: Record<string, string>;
  /** Document order of each step of this file (index into `rem` and `afterEnd`). */
  index: Map<Step, number>;
  /** Remaining-path priority of each leaf step within this file, by index. */
  rem: Float64Array;
  /** Remaining path after each block's end, by index (for child workflows' tails). */
  afterEnd: Float64Array;
  /** Position of each step in its own steps list, by index. */
  pos: Int32Array;
  /** Which steps of the same list wait for each step, by index. */
  wiring: Wiring;
  /** Priority added for everything that waits for this frame's workflow step to end. */
  tail: number;
  /** Recorded durations by static path, and this file's prefix in them. */
  durations?: Map<string, number>;
  /** The file's templated `config:` timeout, retries and continueOnError, evaluated (step-policy.ts). */
  policy?: StepPolicy;
  prefix: string;
}

export interface Frame {
  scope: Scope;
  /** Lexical parent (undefined at a workflow's top level: a child workflow sees nothing outside). */
  parent: Frame | undefined;
  /** The block instance whose steps these are: the parent of every instance here (undefined at the run's top level). */
  owner: Instance | undefined;
  wf: WorkflowFrame;
  instances: InstanceTable;
  /** Runtime path prefix replacing `staticLen` characters of each step's static path. */
  runtimeBase: string;
  staticLen: number;
  /** Foreach iteration variables. */
  itemName?: string;
  item?: unknown;
  index?: number;
  /** The item as events show it (computed on first use). */
  itemPreview?: string;
  /** Branch name for parallel branches. */
  branch?: string;
  /**
   * The steps of a block that never ran them (a foreach body without iterations, a workflow step's
   * child that never started), created only to be marked skipped so that the record has an event
   * for every step of the plan. Not part of the block's status or output.
   */
  unrun?: boolean;
}

/** One attempt; it is its own timeout entry. */
export interface AttemptToken extends TimeoutEntry {
  inst: Instance;
  attempt: number;
  done: boolean;
  /** Its action has ended (its promise settled). */
  settled: boolean;
  controller?: AbortController;
  /** Timed out or stopped while its action runs: it keeps its step's slots until the action ends. */
  holdsSlots: boolean;
}

/**
 * One execution of a step. A large run keeps one per step until it ends, and copying them out of
 * the young generation was most of what made a large run cost more per step. So an instance holds
 * only what every step uses, and is made by one object literal (newInstance): one shape for all,
 * and V8's allocation-site pretenuring then allocates them straight in the old generation once it
 * sees they survive, which it does not do for `new` of a class. (V8 also drops that decision when
 * little of the old generation survives a full collection, as when runs follow each other and each
 * one's instances die; `--trace-pretenuring` shows it. Then every byte of an instance is copied by
 * the scavenges during a large run, twice: hence so few fields.) Fields only blocks or rare paths
 * use (retries, dry runs, resume, outer dependents, errors) are optional: absent, they read as
 * undefined and cost nothing; the few instances that set them get them added.
 */
export interface Instance extends Queued {
  readonly path: string;
  readonly step: Step;
  readonly kind: StepKind;
  readonly frame: Frame;
  /** Dependencies not final yet; the step is gated when it reaches 0. */
  waiting: number;
  status: StepStatus;
  /**
   * The step's record (what `${steps.X}` sees, spec 3.4) is kept in these fields and `extra`, and
   * built as an object only when asked for (step-record.ts): a separate record object per step was
   * a second retained object per instance, copied by every garbage collection during a run.
   * Its status is the instance's `status`.
   */
  output: unknown;
  /** Absent until an attempt fails or a patch sets it (absent reads as null). */
  error?: string | null;
  attempts: number;
  durationMs: number | null;
  /**
   * Resolved action config of a leaf whose fields have templates, evaluated when its dependencies
   * are done; a step without any is never given one (configOf reads its raw value from the wiring).
   */
  config?: unknown;
  /**
   * When the step first started, in ms after the run started (Executor.run.startedAt): a small integer,
   * where the epoch time would be a boxed number per step.
   */
  startOffset: number | undefined;
  token: AttemptToken | undefined;

  /** A dependency ended skipped (not in a dry run): the step is skipped too unless it has an `if`. */
  depSkipped?: boolean;
  /**
   * Dependents outside this step's own steps list (a foreach body waiting for an outer step),
   * allocated on the first. Dependents in the same list come from the frame's wiring.
   */
  dependents?: Instance[];
  /**
   * Blocks: the limit group imposed on descendants, the policy and groups children inherit. A
   * step's own slot groups and continueOnError are read from its parent when needed (slotGroups,
   * continuesOnError), not kept per step: every field of an instance is retained to the run's end.
   */
  limit?: SlotGroup<Instance>;
  childContinueOnError?: boolean;
  /**
   * Blocks: childContinueOnError is the block's own inner setting (`continueOnError` inside
   * `parallel:`/`foreach:`, a called file's `config.continueOnError`), not inherited from the block
   * step's own setting or above: a child failure it tolerates is tolerated inside the block.
   */
  childCoeOwn?: boolean;
  childGroups?: SlotGroup<Instance>[];
  children?: Frame[];
  /** `workflow` steps: the called file's frame, kept for a retry of the step (block-retry.ts). */
  calledFrame?: WorkflowFrame;
  /** Blocks: children not final yet (0 when the block instance is created). */
  openChildren?: number;
  inputHash?: string;
  retryTimer?: Timer;
  /** Blocks: the block's `timeout`, armed when it starts, cleared when it ends (executor.ts). */
  blockTimer?: Timer;
  /** The step's templated timeout, retries and continueOnError, evaluated when it was gated (step-policy.ts). */
  policy?: StepPolicy;
  dry?: boolean;
  reused?: boolean;
  /** Kind-specific record fields (`exitCode`, `statusCode`, `usage`, ...), in the order they were set. */
  extra?: Record<string, unknown>;
}

/** A new instance of `step` (document-order index `order` in its file), pending. */
export function newInstance(path: string, step: Step, frame: Frame, order: number, seq: number): Instance {
  const inst: Instance = {
    path,
    step,
    kind: step.kind!,
    frame,
    order,
    seq,
    waiting: 0,
    status: 'pending',
    output: null,
    attempts: 0,
    durationMs: null,
    startOffset: undefined,
    token: undefined,
  };
  if (isBlockKind(inst.kind)) inst.openChildren = 0;
  return inst;
}

/**
 * Longest remaining path of an instance (the ready queue's key), read from its frame's compiled
 * array when it is queued rather than kept per instance (a double field is a boxed number).
 */
export function priorityOf(inst: Instance): number {
  if (isBlock(inst)) return 0;
  const wf = inst.frame.wf;
  return wf.rem[inst.order] + wf.tail;
}

/** A block instance (it has children); every block gets `openChildren` when it is created. */
export function isBlock(inst: Instance): boolean {
  return inst.openChildren !== undefined;
}

/** The action config of a leaf that has been opened: evaluated (templates) or its raw value. */
export function configOf(inst: Instance): unknown {
  const w = inst.frame.wf.wiring;
  return w.facts[inst.order] & FACT_TEMPLATED ? inst.config : w.config[inst.order];
}

/** Slot groups a leaf needs: the run's and every enclosing limited block's (`top`: the run's alone). */
export function slotGroups(inst: Instance, top: SlotGroup<Instance>[]): SlotGroup<Instance>[] {
  const p = inst.frame.owner;
  return p ? p.childGroups! : top;
}

/** The step's own `continueOnError` (templated: as evaluated when it was gated); undefined when it has none. */
export function ownContinueOnError(inst: Instance): boolean | undefined {
  return inst.policy?.continueOnError ?? inst.step.continueOnError;
}

/** The step's per-attempt `timeout` in ms (templated: as evaluated when it was gated); NaN when it has none. */
export function timeoutOf(inst: Instance): number {
  return inst.policy?.timeoutMs ?? inst.frame.wf.wiring.timeoutMs[inst.order];
}

/** Whether the run goes on when this step fails: its own setting, else its enclosing block's or the run's. */
export function continuesOnError(inst: Instance, runDefault: boolean): boolean {
  const own = ownContinueOnError(inst);
  if (own !== undefined) return own;
  const p = inst.frame.owner;
  return p ? p.childContinueOnError! : runDefault;
}

/**
 * How a step's failure reads as the failure of what it stops (the run's error, a block's): `<path>
 * failed: <error>`. The command line's summary reads it to leave out a run error that only repeats
 * a step's.
 */
export function failureReason(path: string, error: string | null | undefined): string {
  return `${path} failed: ${error ?? 'failed'}`;
}

/**
 * Whether the failure of `inst` was tolerated inside its block (language spec 3.3; completeBlock):
 * by its own `continueOnError`, or by the block's inner policy. A failure tolerated only by what
 * the block inherits (the block step's own setting, an enclosing block's, a workflow's, the run's)
 * propagated to the block, which is then `failed`.
 */
export function toleratedInside(inst: Instance): boolean {
  const own = ownContinueOnError(inst);
  if (own !== undefined) return own;
  const p = inst.frame.owner;
  return p !== undefined && p.childCoeOwn === true && p.childContinueOnError === true;
}

/**
 * `now - since` in ms, as a small integer when it is one (it then fits a field unboxed; a double
 * result would be stored as a boxed number per step), else as is (a run of more than 12 days).
 */
export function msSince(now: number, since: number): number {
  const d = now - since;
  return d >= 0 && d < 0x40000000 ? d | 0 : d;
}

export function isFinal(s: StepStatus): boolean {
  return s === 'succeeded' || s === 'failed' || s === 'skipped' || s === 'cancelled';
}

/**
 * The instances of one frame's steps list, by position in the list: filling it costs array writes
 * instead of Map insertions (it is rebuilt for every run, every iteration and every branch).
 */
export class InstanceTable {
  readonly list: Instance[] = [];
  /** True when a step without a kind left a hole (only in workflows the analyser rejects). */
  sparse = false;

  constructor(private readonly wf: WorkflowFrame) {}

  get(step: Step): Instance | undefined {
    const i = this.wf.index.get(step);
    return i === undefined ? undefined : this.list[this.wf.pos[i]];
  }

  values(): Instance[] {
    return this.sparse ? this.list.filter(Boolean) : this.list;
  }
}
