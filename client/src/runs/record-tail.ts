// Reads what was appended to a run record since the Runs view last read it: the bytes from `offset`
// to the last newline (whole events only; the writer may be mid-line). A terminal run's record is
// read again on every watcher event and every 2 s poll while it grows, so reading the whole file each
// time made following a run of huge output quadratic, and a record over 2 GiB unreadable (Node's
// readFile refuses files that size). No `vscode` import.
import fs from 'node:fs';

export interface RecordTail {
  /** The whole lines appended since `offset`. */
  text: string;
  /** The offset just after them: the next read starts there. */
  end: number;
  /** The record's last write (its mtime), from the same stat: a quiet record's run may have ended. */
  mtimeMs: number;
}

/** The whole lines of `file` after `offset`, or undefined when none was completed since. */
export function readRecordTail(file: string, offset: number): RecordTail | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const { size, mtimeMs } = fs.fstatSync(fd);
    if (size <= offset) return undefined;
    const buf = Buffer.allocUnsafe(size - offset);
    let got = 0;
    while (got < buf.length) {
      const n = fs.readSync(fd, buf, got, buf.length - got, offset + got);
      if (n === 0) break;
      got += n;
    }
    const last = buf.subarray(0, got).lastIndexOf(0x0a);
    if (last < 0) return undefined;
    return { text: buf.subarray(0, last + 1).toString('utf8'), end: offset + last + 1, mtimeMs };
  } finally {
    fs.closeSync(fd);
  }
}
