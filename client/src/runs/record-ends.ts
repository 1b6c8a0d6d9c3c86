// What the Runs view needs of a finished run in history: its record's first line (run.started) and
// last line (run.finished), read from the two ends of the file, never the whole of it. Loading a
// window's history read and replayed every record whole: 50 records of a 2,000-item foreach (8 MB
// each) held the extension host's one thread for many seconds and kept every tree in its heap. The
// tree is read from the record when it is asked for (run-store.ts). No `vscode` import.
import { parseLine, readEnds } from '../../../engine/src/run/records.js';
import type { RunEvent } from '../../../engine/src/run/events.js';

export interface RecordEnds {
  started: Extract<RunEvent, { type: 'run.started' }>;
  finished: Extract<RunEvent, { type: 'run.finished' }>;
  /** Bytes of the record read through (its size: it ends with run.finished and a newline). */
  end: number;
}

/**
 * The run.started and run.finished of a finished run's record (the engine's readEnds, as listRuns
 * reads them), or undefined when the record is not one (still written, cut short, not a record,
 * unreadable): such a record is read whole as before.
 */
export function readRecordEnds(file: string): RecordEnds | undefined {
  let ends: ReturnType<typeof readEnds>;
  try { ends = readEnds(file); } catch { return undefined; }
  const started = parseLine(ends.first);
  if (started?.type !== 'run.started') return undefined;
  const finished = parseLine(ends.last);
  if (finished?.type !== 'run.finished' || finished.runId !== started.runId) return undefined;
  return { started, finished, end: ends.size };
}
