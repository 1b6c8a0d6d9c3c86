// Run-time objects: an Instance is one execution of a static Step (a foreach body step has one per
// item), a Frame is one execution of a steps list (the top level, a branch, a foreach iteration, a
// sub-workflow's top level). References resolve by walking frames outward, which gives a foreach
// body's references to its siblings the same iteration's instance.
import type { Analysis } from '../analysis/types.js';
import type { Scope, Step, StepKind } from '../model/types.js';
import type { StepStatus } from './events.js';
import type { Queued } from './ready-queue.js';
import type { SlotGroup } from './slots.js';
import type { TimeoutEntry } from './timeouts.js';
import type { Wiring } from './wiring.js';

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
  /** Document order of each step of this file (index into `rem` and `afterEnd`). */
  index: Map<Step, number>;
  /** Remaining-path priority of each leaf step within this file, by index. */
  rem: Float64Array;
  /** Remaining path after each block's end, by index (for child workflows' tails). */
  afterEnd: Float64Array;
  /** Direct dependencies of each step, by index. */
  deps: Step[][];
  /** Position of each step in its own steps list, by index. */
  pos: Int32Array;
  /** Which steps of the same list wait for each step, by index. */
  wiring: Wiring;
  /** Priority added for everything that waits for this frame's workflow step to end. */
  tail: number;
  /** Recorded durations by static path, and this file's prefix in them. */
  durations?: Map<string, number>;
  prefix: string;
}

export interface Frame {
  scope: Scope;
  /** Lexical parent (undefined at a workflow's top level: a child workflow sees nothing outside). */
  parent: Frame | undefined;
  wf: WorkflowFrame;
  instances: InstanceTable;
  /** Runtime path prefix replacing `staticLen` characters of each step's static path. */
  runtimeBase: string;
  staticLen: number;
  /** Foreach iteration variables. */
  itemName?: string;
  item?: unknown;
  index?: number;
  /** Branch name for parallel branches. */
  branch?: string;
}

/** One attempt; it is its own timeout entry. */
export interface AttemptToken extends TimeoutEntry {
  inst: Instance;
  attempt: number;
  done: boolean;
  controller?: AbortController;
  startedAt: number;
}

/**
 * One execution of a step. A large run keeps one per step until it ends, and copying them out of
 * the young generation is most of what makes a large run cost more per step, so an instance holds
 * only what every step uses, all set in the constructor (one shape, monomorphic accesses). Fields
 * only blocks or rare paths use (retries, dry runs, resume, outer dependents) are declared, not
 * initialised: absent, they read as undefined and cost nothing; the few instances that set them
 * get them added. Blocks get `openChildren` at creation (Executor.newInstance).
 */
export class Instance implements Queued {
  /** Slot groups a leaf needs (the run's and every enclosing limited block's). */
  groups: SlotGroup<Instance>[] = NO_GROUPS;
  continueOnError = false;
  /** Dependencies not final yet; the step is gated when it reaches 0. */
  waiting = 0;
  status: StepStatus = 'pending';
  record: StepRecord = { output: null, status: 'pending', error: null, attempts: 0, durationMs: null };
  /** Resolved action config (leaf), evaluated when the step's dependencies are done. */
  config: unknown = undefined;
  /**
   * When the step first started, in ms after the run started (Executor.startedAt): a small integer,
   * where the epoch time would be a boxed number per step.
   */
  startOffset: number | undefined = undefined;
  token: AttemptToken | undefined = undefined;

  /** A dependency ended skipped (not in a dry run): the step is skipped too unless it has an `if`. */
  declare depSkipped: boolean | undefined;
  /**
   * Dependents outside this step's own steps list (a foreach body waiting for an outer step),
   * allocated on the first. Dependents in the same list come from the frame's wiring.
   */
  declare dependents: Instance[] | undefined;
  /** Blocks: the limit group imposed on descendants, the policy and groups children inherit. */
  declare limit: SlotGroup<Instance> | undefined;
  declare childContinueOnError: boolean | undefined;
  declare childGroups: SlotGroup<Instance>[] | undefined;
  declare children: Frame[] | undefined;
  /** Blocks: children not final yet (set to 0 when the block instance is created). */
  declare openChildren: number;
  declare inputHash: string | undefined;
  declare retryTimer: ReturnType<typeof setTimeout> | undefined;
  declare dry: boolean | undefined;
  declare reused: boolean | undefined;

  constructor(
    readonly path: string,
    readonly step: Step,
    readonly kind: StepKind,
    readonly isBlock: boolean,
    readonly frame: Frame,
    /** The enclosing block instance. */
    readonly parent: Instance | undefined,
    /** Document-order index of the step in its file (into the frame's compiled arrays). */
    readonly order: number,
    readonly seq: number,
  ) {}

  /**
   * Longest remaining path (ready-queue key), read from the frame's compiled array when the step is
   * queued rather than kept per instance (a double field would cost a boxed number per step).
   */
  get priority(): number {
    const wf = this.frame.wf;
    return this.isBlock ? 0 : wf.rem[this.order] + wf.tail;
  }
}

const NO_GROUPS: SlotGroup<Instance>[] = [];

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
