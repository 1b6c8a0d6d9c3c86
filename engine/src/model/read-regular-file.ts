// Reads a file that a workflow names (a called sub-workflow) without blocking and within a size limit, for
// the command line, the engine and the language server alike. A workflow names any path it likes, and
// the reader runs synchronously (on the language server's one thread too), so a read must neither
// block nor grow without bound: only regular files are read (a FIFO without a writer would block the
// open or the read forever, /dev/zero and /dev/urandom never end), and at most `max` bytes. The file
// is opened non-blocking (a FIFO put in its place after the stat cannot block the open) and checked
// again through its descriptor; a regular file that blocks on read, /proc/kmsg, answers EAGAIN
// instead. /proc files report size 0, hence the read up to the limit, not to the size.
import * as fs from 'node:fs';
import { MAX_WORKFLOW_BYTES, megabytes } from './parse.js';

/**
 * Why a file cannot be read. `missing`: nothing is at the path (the message says "not found" and
 * where relative paths start; `note` adds why, such as a part of the path being a file). Otherwise
 * something is there that is not a readable workflow file, and `phrase` says what.
 */
export type Unreadable =
  | { code: 'missing'; phrase: string; note?: string }
  | { code: 'folder' | 'not-regular' | 'too-large' | 'denied' | 'other'; phrase: string };

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
    return readUpTo(fd, max, stat.size);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A descriptor of the regular file at `absPath`, opened non-blocking and checked through the
 * descriptor as readRegularFile does; throws for anything else (a FIFO, a device, a folder), so that
 * a reader of a folder the workspace controls (run records, output files) never blocks on an open.
 */
export function openRegularFile(absPath: string): number {
  if (!fs.statSync(absPath).isFile()) throw notRegular(absPath);
  const fd = fs.openSync(absPath, OPEN_FLAGS);
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw notRegular(absPath);
  }
  return fd;
}

/**
 * The first line (without its newline) of the regular file at `absPath`, reading no further than
 * that line and at most `max` bytes; undefined when it cannot be read, is not a regular file, or
 * has no newline within `max` bytes.
 */
export function readFirstLine(absPath: string, max: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openRegularFile(absPath);
    return firstLineOf(fd, max);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The first line (without its newline) read from `fd`, just opened, in growing chunks up to `max`
 * bytes; undefined when the file ends or `max` is reached before a newline. Read errors are thrown.
 * (Also the first half of records.ts readEnds.)
 */
export function firstLineOf(fd: number, max: number): string | undefined {
  const chunks: Buffer[] = [];
  for (let total = 0, chunk = 16_384; total < max; chunk *= 2) {
    const buf = Buffer.allocUnsafe(Math.min(chunk, max - total));
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) return undefined;
    const nl = buf.subarray(0, n).indexOf(10);
    chunks.push(buf.subarray(0, nl >= 0 ? nl : n));
    if (nl >= 0) return Buffer.concat(chunks).toString('utf8');
    total += n;
  }
  return undefined;
}

/** The text of the regular file at `absPath`, read without blocking the event loop; rejects for anything else. */
export async function readRegularFileAsync(absPath: string): Promise<string> {
  // The path first, as readRegularFile: opening a device can have effects of its own.
  if (!(await fs.promises.stat(absPath)).isFile()) throw notRegular(absPath);
  const handle = await fs.promises.open(absPath, OPEN_FLAGS);
  try {
    if (!(await handle.stat()).isFile()) throw notRegular(absPath);
    return await handle.readFile('utf8');
  } finally {
    await handle.close();
  }
}

const notRegular = (absPath: string) => Object.assign(new Error(`${absPath} is not a regular file`), { code: 'ENOTREG' });

/**
 * Why readRegularFile gives undefined for `absPath`: missing, a folder, over the size limit, ...,
 * with a phrase for a message (`no such file`, `it is a folder`, `it is 12.0 MB; a workflow file may
 * be at most 10 MB`). Looks with stat and access only: what is not a regular file is never opened
 * (a FIFO would block the open).
 */
export function whyUnreadable(absPath: string, max = MAX_WORKFLOW_BYTES): Unreadable {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(absPath);
  } catch (e) {
    return errnoReason(e);
  }
  const notRegular = (phrase: string): Unreadable => ({ code: 'not-regular', phrase });
  if (stat.isDirectory()) return { code: 'folder', phrase: 'it is a folder' };
  if (stat.isFIFO()) return notRegular('it is a named pipe, not a regular file');
  if (stat.isSocket()) return notRegular('it is a socket, not a regular file');
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return notRegular('it is a device, not a regular file');
  if (!stat.isFile()) return notRegular('it is not a regular file');
  if (stat.size > max) return { code: 'too-large', phrase: `it is ${megabytes(stat.size)}; a workflow file may be at most ${megabytes(max, 0)}` };
  try {
    fs.accessSync(absPath, fs.constants.R_OK);
  } catch (e) {
    return errnoReason(e);
  }
  // A regular file that reads as more than its size (a /proc file) or that would block (/proc/kmsg).
  return { code: 'other', phrase: `it cannot be read to its end without waiting, within ${megabytes(max, 0)}` };
}

/** A stat or open error in the words of `Unreadable` (folder-problem.ts words folders with it too). */
export function errnoReason(e: unknown): Unreadable {
  switch ((e as NodeJS.ErrnoException).code) {
    case 'ENOENT': return { code: 'missing', phrase: 'no such file' };
    case 'ENOTDIR': {
      const note = 'a part of its path is a file, not a folder';
      return { code: 'missing', phrase: `no such file (${note})`, note };
    }
    case 'EACCES':
    case 'EPERM': return { code: 'denied', phrase: 'permission denied' };
    case 'ELOOP': return { code: 'other', phrase: 'its symbolic links go round in a loop' };
    case 'ENAMETOOLONG': return { code: 'other', phrase: 'the path is too long' };
    default: return { code: 'other', phrase: String((e as Error).message ?? e).replace(/^\w+: /, '') };
  }
}

/**
 * The UTF-8 text read from `fd` to its end when that is at most `max` bytes, else undefined; reads
 * in chunks (the whole of `sizeHint`, the size fstat gave, at once), never more than `max` + 1
 * bytes. One read more than the limit allows tells a file that grew (or a /proc file, or a pipe)
 * past it. Read errors (EAGAIN on a non-blocking descriptor) are thrown.
 */
export function readUpTo(fd: number, max: number, sizeHint = 0): string | undefined {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.min(Math.max(sizeHint + 1 - total, CHUNK), max + 1 - total));
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    if (n === 0) break;
    chunks.push(n === buf.length ? buf : buf.subarray(0, n));
    total += n;
    if (total > max) return undefined;
  }
  return Buffer.concat(chunks, total).toString('utf8');
}
