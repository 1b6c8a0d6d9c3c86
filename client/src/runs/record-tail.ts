// Reads what was appended to a run record since the Runs view last read it: the bytes from `offset`
// to the last newline (whole events only; the writer may be mid-line). A terminal run's record is
// read again on every watcher event and every 2 s poll while it grows, so reading the whole file each
// time made following a run of huge output quadratic. A read takes at most a window of bytes (the
// caller reads again while there is `more`): one read of a whole record over 2 GiB failed (no Buffer
// or string is that long), so a window opened on it showed nothing. No `vscode` import.
import fs from 'node:fs';
import { openRegularFile } from '../../../engine/src/model/read-regular-file.js';

export interface RecordTail {
  /** The whole lines appended since `offset` (at most a window of them). */
  text: string;
  /** The offset just after them: the next read starts there. */
  end: number;
  /** The record's last write (its mtime), from the same stat: a quiet record's run may have ended. */
  mtimeMs: number;
  /** Whether the record held more than this read took: read again from `end`. */
  more: boolean;
  /** Bytes of a line too long to read (longer than MAX_LINE), passed over; 0 when none. */
  skipped: number;
}

/** The most one read takes, in bytes, unless a single line is longer. */
export const WINDOW = 64 * 1024 * 1024;
/** The longest line read: past it a line is passed over (its text would near the longest string V8 makes). */
export const MAX_LINE = 256 * 1024 * 1024;

/** The whole lines of `file` after `offset`, at most about `window` bytes of them; undefined when none was completed since. */
export function readRecordTail(file: string, offset: number, window = WINDOW): RecordTail | undefined {
  // A record is a regular file. The runs folder comes with the workspace, an untrusted one too: a
  // named pipe there blocked a plain open (on the extension host's one thread) until a writer came,
  // so nothing else is opened (openRegularFile: looked at first, opened non-blocking, checked again).
  let fd: number;
  try {
    fd = openRegularFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOTREG') return undefined;
    throw e;
  }
  try {
    const { size, mtimeMs } = fs.fstatSync(fd);
    if (size <= offset) return undefined;
    for (let want = Math.min(size - offset, window); ; want = Math.min(size - offset, want * 2, MAX_LINE)) {
      const buf = readAt(fd, offset, want);
      const last = buf.lastIndexOf(0x0a);
      if (last >= 0) return { text: buf.subarray(0, last + 1).toString('utf8'), end: offset + last + 1, mtimeMs, more: offset + last + 1 < size, skipped: 0 };
      // The last line is still being written; or the record is shorter than its stat said (the engine
      // truncates a torn line after a failed write), and a read past its end would never come back longer.
      if (buf.length < want || offset + buf.length >= size) return undefined;
      if (buf.length < MAX_LINE) continue; // a line longer than the window: a larger one
      const next = newlineFrom(fd, offset + buf.length, size);
      if (next < 0) return undefined;
      return { text: '', end: next + 1, mtimeMs, more: next + 1 < size, skipped: next + 1 - offset };
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Up to `length` bytes of `fd` from `position` (fewer at its end). */
function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.allocUnsafe(length);
  let got = 0;
  while (got < length) {
    const n = fs.readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** The offset of the first newline of `fd` from `position` before `size`, or -1. */
function newlineFrom(fd: number, position: number, size: number): number {
  for (let at = position; at < size; ) {
    const buf = readAt(fd, at, Math.min(WINDOW, size - at));
    if (buf.length === 0) return -1;
    const i = buf.indexOf(0x0a);
    if (i >= 0) return at + i;
    at += buf.length;
  }
  return -1;
}
