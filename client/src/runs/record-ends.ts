// What the Runs view needs of a finished run in history: its record's first line (run.started) and
// last line (run.finished), read from the two ends of the file, never the whole of it. Loading a
// window's history read and replayed every record whole: 50 records of a 2,000-item foreach (8 MB
// each) held the extension host's one thread for many seconds and kept every tree in its heap. The
// tree is read from the record when it is asked for (run-store.ts). No `vscode` import.
import fs from 'node:fs';
import { firstLineOf, openRegularFile } from '../../../engine/src/model/read-regular-file.js';
import type { RunEvent } from '../../../engine/src/run/events.js';
import { MAX_LINE } from './record-tail.js';

export interface RecordEnds {
  started: Extract<RunEvent, { type: 'run.started' }>;
  finished: Extract<RunEvent, { type: 'run.finished' }>;
  /** Bytes of the record read through (its size: it ends with run.finished and a newline). */
  end: number;
}

/**
 * The run.started and run.finished of a finished run's record, or undefined when the record is not
 * one (still written, cut short, not a record, unreadable): such a record is read whole as before.
 */
export function readRecordEnds(file: string): RecordEnds | undefined {
  let fd: number;
  try { fd = openRegularFile(file); } catch { return undefined; }
  try {
    const size = fs.fstatSync(fd).size;
    if (size === 0) return undefined;
    const started = parse(firstLineOf(fd, MAX_LINE));
    if (started?.type !== 'run.started') return undefined;
    const finished = parse(lastLineOf(fd, size));
    if (finished?.type !== 'run.finished' || finished.runId !== started.runId) return undefined;
    return { started, finished, end: size };
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** The last line of `fd` when the file ends with a newline (a complete last event), else undefined. */
function lastLineOf(fd: number, size: number): string | undefined {
  const one = Buffer.alloc(1);
  fs.readSync(fd, one, 0, 1, size - 1);
  if (one[0] !== 0x0a) return undefined; // the last line is still being written
  const end = size - 1;
  for (let chunk = 16_384; chunk <= MAX_LINE * 2; chunk *= 2) {
    const from = Math.max(0, end - chunk);
    const buf = Buffer.allocUnsafe(end - from);
    let got = 0;
    while (got < buf.length) { const n = fs.readSync(fd, buf, got, buf.length - got, from + got); if (n === 0) break; got += n; }
    const nl = buf.subarray(0, got).lastIndexOf(0x0a);
    if (nl >= 0 || from === 0) return buf.subarray(nl + 1, got).toString('utf8');
  }
  return undefined;
}

function parse(line: string | undefined): RunEvent | undefined {
  if (!line) return undefined;
  try { return JSON.parse(line) as RunEvent; } catch { return undefined; }
}
