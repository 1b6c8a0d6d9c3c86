// Read-only file access for the server: the files that `workflow` steps call (for open documents and
// for the `weft/plan` request on a file the editor has not opened), the files related information
// points into, and the run history. Reads files, never executes anything.
//
// A workflow names any path it likes, and the server reads it synchronously on its one thread, so a
// read must neither block nor grow without bound: only regular files are read (a FIFO without a
// writer would block the open or the read forever, /dev/zero and /dev/urandom never end), and at most
// `max` bytes. The file is opened non-blocking (a FIFO put in its place after the stat cannot block
// the open) and checked again through its descriptor; a regular file that blocks on read, /proc/kmsg,
// answers EAGAIN instead. /proc files report size 0, hence the read up to the limit, not to the size.
import * as fs from 'node:fs';
import { MAX_WORKFLOW_BYTES } from '../../engine/src/model/parse.js';
import type { AnalysisHost } from '../../engine/src/analysis/types.js';

const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | (fs.constants.O_NOCTTY ?? 0);
const CHUNK = 64 * 1024;

/**
 * The UTF-8 text of the regular file at `absPath` when it holds at most `max` bytes; undefined for
 * anything else (missing, unreadable, a folder, a FIFO, a device, a socket, a symlink loop, larger).
 */
export function readRegularFile(absPath: string, max = MAX_WORKFLOW_BYTES): string | undefined {
  let fd: number | undefined;
  try {
    // The path first: opening a device can have effects of its own, so only a regular file is opened.
    const before = fs.statSync(absPath);
    if (!before.isFile() || before.size > max) return undefined;
    fd = fs.openSync(absPath, OPEN_FLAGS);
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() || stat.size > max) return undefined;
    const chunks: Buffer[] = [];
    let total = 0;
    // One read more than the limit allows tells a file that grew (or a /proc file) past it.
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.min(Math.max(stat.size + 1 - total, CHUNK), max + 1 - total));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
      if (total > max) return undefined;
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** The analysis host for files the editor has not opened: `readRegularFile` up to the workflow size limit. */
export const fsHostReader: AnalysisHost = {
  readFile: (absPath: string) => readRegularFile(absPath),
};
