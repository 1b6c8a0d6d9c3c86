// The event stream of a run (interfaces spec, "Event stream"): written to `<runs-dir>/<runId>.jsonl`,
// printed by `weft run --json`, and read by the editor's Runs view.
import type { PlanNode } from '../plan/types.js';

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
}
export interface StepStartedEvent extends Base {
  type: 'step.started';
  path: string;
  attempt: number;
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
}
export interface RunFinishedEvent extends Base {
  type: 'run.finished';
  status: Exclude<RunStatus, 'running'>;
  durationMs: number;
  counts: Partial<Record<FinalStepStatus, number>>;
  outputs: Record<string, unknown>;
}

export type RunEvent =
  | RunStartedEvent
  | StepStartedEvent
  | StepRetryingEvent
  | StepLogEvent
  | StepFinishedEvent
  | RunFinishedEvent;
