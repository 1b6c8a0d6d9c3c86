// What every view of a run shows for one step (status, attempt, times, error, output preview), and
// the one fold of the step events into it, so that the terminal (cli/render/run-state.ts) and the
// editor's Runs view (client/src/runs/run-model.ts) read the event stream the same way.
import type { StepFinishedEvent, StepRetryingEvent, StepStartedEvent, StepStatus } from './events.js';
import { isFinal } from './instance.js';

export interface StepProgress {
  status: StepStatus;
  attempt: number;
  startedAt?: number;
  finishedAt?: number;
  durationMs?: number;
  error?: string;
  output?: string;
  /** The output was reused from an earlier run (`--resume`). */
  reused?: boolean;
}

/**
 * Applies a step's own event: a start opens an attempt (and clears the previous attempt's error; a
 * start after a finish begins the step anew), a retry records the failure that caused it, a finish
 * settles everything. A record that lacks the
 * start (an old or cut log) still gets a start time from the finish and its duration.
 */
export function applyStepEvent(p: StepProgress, e: StepStartedEvent | StepRetryingEvent | StepFinishedEvent): void {
  switch (e.type) {
    case 'step.started':
      // A path that starts again after it finished (a step inside a block that retries, which runs
      // its steps again from scratch): its last start..finish is its state, the earlier one's
      // times, output and reuse are dropped.
      if (isFinal(p.status)) p.startedAt = p.finishedAt = p.durationMs = p.output = p.reused = undefined;
      p.status = 'running';
      p.attempt = e.attempt;
      p.startedAt ??= e.ts;
      p.error = undefined;
      return;
    case 'step.retrying':
      p.status = 'retrying';
      p.attempt = e.attempt;
      p.error = e.error;
      return;
    case 'step.finished':
      p.status = e.status;
      p.attempt = e.attempts ?? p.attempt;
      p.finishedAt = e.ts;
      p.durationMs = e.durationMs;
      p.error = e.error;
      p.output = e.output;
      p.reused = e.reused;
      if (p.startedAt === undefined && e.durationMs !== undefined) p.startedAt = e.ts - e.durationMs;
      return;
  }
}
