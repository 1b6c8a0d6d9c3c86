// A run read from its record that will never finish: its writer (`weft run` in a terminal, another
// window's extension host) was killed, lost power, or could not write its record to the end, so no
// run.finished comes and the Runs view spun it forever. The engine's writerState decides from
// run.started's host and pid (docs/engine.md, Records); this turns the answer into the run.finished
// the view applies, so the run reads `cancelled` with the note, its open steps settled. No `vscode`.
import type { FinalStepStatus, RunFinishedEvent, StepStatus } from '../../../engine/src/run/events.js';
import { writerState, WRITER_GONE, type WriterState } from '../../../engine/src/run/record-writer.js';
import type { RunModel } from './run-model.js';

/**
 * The run.finished to apply to a record's run that is still `running` but whose writer is gone, or
 * undefined (finished, still written, or unknown: another host, an older record). `lastWriteMs`: when
 * the record was last written (its mtime), taken as the end.
 */
export function interruptedEnd(model: RunModel, lastWriteMs: number): RunFinishedEvent | undefined {
  const r = model.root;
  if (r.status !== 'running' || recordWriter(model) !== 'gone') return undefined;
  const counts: RunFinishedEvent['counts'] = {};
  for (const [status, n] of Object.entries(model.leafCounts().by) as [StepStatus, number][]) {
    if (!n) continue;
    const st: FinalStepStatus = status === 'running' || status === 'retrying' ? 'cancelled' : status === 'pending' ? 'skipped' : status;
    counts[st] = (counts[st] ?? 0) + n;
  }
  const ts = Math.max(lastWriteMs, r.startedAt);
  return { type: 'run.finished', runId: r.runId, ts, status: 'cancelled', durationMs: ts - r.startedAt, counts, outputs: {}, error: WRITER_GONE };
}

/** What can be known of the writer of a record's run: 'unknown' for a record without writer fields. */
export function recordWriter(model: RunModel): WriterState {
  const r = model.root;
  return r.writer ? writerState({ runId: r.runId, ts: r.startedAt, host: r.writer.host, pid: r.writer.pid }) : 'unknown';
}
