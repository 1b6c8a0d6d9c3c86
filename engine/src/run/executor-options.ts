// What a run gives the scheduler (executor.ts): its identity, analysis and top frame, its limits, the
// actions by kind, and the hooks through which events, secrets, records and resume reach it. Kept
// apart so that the scheduler's file holds the scheduling alone.
import type { Analysis } from '../analysis/types.js';
import type { Action } from './actions/types.js';
import type { RunEvent } from './events.js';
import type { Instance, StepRecord, WorkflowFrame } from './instance.js';
import type { RunInfo } from './resolve.js';

export interface ExecutorOptions {
  /** The run's id, workflow name and start time (ms since the epoch, that of the run.started event). */
  run: RunInfo;
  analysis: Analysis;
  top: WorkflowFrame;
  maxConcurrency: number;
  continueOnError: boolean;
  timeoutMs?: number;
  dryRun?: boolean;
  root: string;
  allowOutsideRoot: boolean;
  /** ActionContext.maxOutputBytes. */
  maxOutputBytes: number;
  /** ActionContext.editorFetch. */
  editorFetch?: boolean;
  actions: (kind: string) => Action | undefined;
  emit: (ev: RunEvent) => void;
  /**
   * Masks the run's secrets in a text that is about to be cut (a preview, an error quoting a
   * response): what `emit` does later cannot mask the start of a secret that a cut left behind.
   */
  redact?: (text: string) => string;
  /** The length of the longest text `redact` masks (0 without secrets): how far past a cut a secret may reach. */
  secretReach?: () => number;
  /**
   * Called with an environment that steps see beyond the run's own: a called file's (the caller's
   * and its own `env:`, evaluated) when its `workflow` step builds its frame, and a shell step's own
   * `env:` before it starts. Their secret-named values are redacted from then on.
   */
  onEnv?: (env: Record<string, string | undefined>) => void;
  /** Called when a leaf step reaches a final status (records write its full output). */
  onLeafDone?: (inst: Instance) => void;
  /**
   * Called for each leaf of a block's failed attempt when the block starts again (block-retry.ts):
   * its path runs anew, and records remove what the dropped attempt wrote for it.
   */
  onLeafDropped?: (inst: Instance) => void;
  /** Resume: a recorded result to reuse for this leaf (its resolved config is `configOf(inst)`). */
  reuse?: (inst: Instance) => StepRecord | undefined;
  random?: () => number;
  /** How long a burst runs before the scheduler yields (executor.ts SLICE_MS; tests cut every burst with 0). */
  sliceMs?: number;
}
