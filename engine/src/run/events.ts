// The event stream of a run (interfaces spec, "Event stream"): written to `<runs-dir>/<runId>.jsonl`,
// printed by `weft run --json`, and read by the editor's Runs view.
import type { StepKind } from '../model/types.js';
import type { PlanNode } from '../plan/types.js';

/**
 * A step directly inside a foreach iteration carries the iteration's item in its step.started and
 * step.finished events (`item`): one line of at most this many characters, secrets masked, so that
 * views can label the iteration (`[3] data/c.csv`) as GitHub Actions labels matrix jobs.
 */
export const ITEM_PREVIEW_LIMIT = 80;

export type StepStatus = 'pending' | 'running' | 'retrying' | 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type FinalStepStatus = 'succeeded' | 'failed' | 'skipped' | 'cancelled';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled';

interface Base {
  runId: string;
  ts: number;
}

export interface RunStartedEvent extends Base {
  type: 'run.started';
  workflow: string;
  file: string;
  inputs: Record<string, unknown>;
  plan: PlanNode[];
  /** Added by the engine: the run whose outputs this run reuses (`--resume`). */
  resumedFrom?: string;
  /** Added by the engine: true for `--dry-run` (no action runs). */
  dryRun?: boolean;
  /** Added by the engine: the host and process writing the record, to tell a killed run from a live one (record-writer.ts). */
  host?: string;
  pid?: number;
}
export interface StepStartedEvent extends Base {
  type: 'step.started';
  path: string;
  attempt: number;
  /** Added by the engine: the step's kind (blocks get started/finished events too). */
  kind?: StepKind;
  /** Added by the engine: see ITEM_PREVIEW_LIMIT. */
  item?: string;
}
export interface StepRetryingEvent extends Base {
  type: 'step.retrying';
  path: string;
  attempt: number;
  error: string;
  delayMs: number;
}
export interface StepLogEvent extends Base {
  type: 'step.log';
  path: string;
  stream: 'stdout' | 'stderr' | 'llm';
  text: string;
}
export interface StepFinishedEvent extends Base {
  type: 'step.finished';
  path: string;
  status: FinalStepStatus;
  durationMs: number;
  attempts: number;
  /** A preview: at most 4 KB of text. */
  output?: string;
  error?: string;
  /** Added by the engine: the step's kind (blocks get started/finished events too). */
  kind?: StepKind;
  /** Added by the engine: the output was reused from an earlier run (`--resume`). */
  reused?: boolean;
  /** Added by the engine: a dry run resolved this step without running it. */
  dryRun?: boolean;
  /** Added by the engine: see ITEM_PREVIEW_LIMIT. */
  item?: string;
}
export interface RunFinishedEvent extends Base {
  type: 'run.finished';
  status: Exclude<RunStatus, 'running'>;
  durationMs: number;
  counts: Partial<Record<FinalStepStatus, number>>;
  outputs: Record<string, unknown>;
  /** Added by the engine: why the run failed or was cancelled. */
  error?: string;
}

export type RunEvent =
  | RunStartedEvent
  | StepStartedEvent
  | StepRetryingEvent
  | StepLogEvent
  | StepFinishedEvent
  | RunFinishedEvent;
