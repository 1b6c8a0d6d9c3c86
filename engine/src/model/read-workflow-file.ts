// Reads the workflow file a person named (`weft validate x`, `weft run x`, startRun without a text),
// with a message that says what is wrong when it cannot: missing, a folder, over the size limit,
// unreadable. A regular file is read without blocking (read-regular-file.ts: /proc/kmsg hung
// `weft validate`); anything else, such as a pipe (`weft validate <(generate)`, /dev/stdin) or a
// device, is read up to the limit, so that /dev/zero ends with "more than 10 MB" instead of filling
// the memory. Why a file cannot be read is worded by whyUnreadable, as a call's `workflow-not-found`
// diagnostic words it, so that `weft validate x`, `weft run x` and a call of x describe it alike.
import * as fs from 'node:fs';
import { readRegularFile, readUpTo, whyUnreadable } from './read-regular-file.js';
import { MAX_WORKFLOW_BYTES, megabytes } from './parse.js';

/** A workflow file that cannot be read; the message names it as the caller showed it. */
export class WorkflowFileError extends Error {}

const LIMIT = megabytes(MAX_WORKFLOW_BYTES, 0);

/**
 * `text` without a leading byte order mark, as editors show a file (VS Code leaves it out of a
 * document's text): counted in, the first line's columns and positions were one to the right of what
 * the editor shows (`weft validate`, locations into a called file that is not open).
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The text of the workflow file at `abs` (without a byte order mark); throws a WorkflowFileError saying why it cannot be read. */
export function readWorkflowFile(abs: string, shown = abs): string {
  const cannotRead = (phrase: string) => new WorkflowFileError(`cannot read '${shown}': ${phrase}`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    // Missing, a part of the path a file, permission denied on a folder, a symlink loop, ...
    throw cannotRead(whyUnreadable(abs).phrase);
  }
  if (stat.isDirectory()) throw new WorkflowFileError(`'${shown}' is a folder, not a workflow file`);
  const tooLarge = (size: string) => new WorkflowFileError(`'${shown}' is ${size}; a workflow file may be at most ${LIMIT}`);
  if (stat.size > MAX_WORKFLOW_BYTES) throw tooLarge(megabytes(stat.size));
  if (stat.isFile()) {
    const text = readRegularFile(abs);
    // Unreadable (permissions), a read that would block (/proc/kmsg), a file that grew past the limit.
    if (text === undefined) throw cannotRead(whyUnreadable(abs).phrase);
    return withoutBom(text);
  }
  let text: string | undefined;
  try {
    text = readStream(abs);
  } catch (e) {
    // Not a regular file, so whyUnreadable would only say that: the reason is the open's (a socket
    // cannot be opened; a device may be denied), in whyUnreadable's words where it has them.
    const code = (e as NodeJS.ErrnoException).code;
    const phrase = code === 'EACCES' || code === 'EPERM' ? 'permission denied'
      : stat.isSocket() ? whyUnreadable(abs).phrase
      : (e as Error).message.replace(/^\w+: /, '');
    throw cannotRead(phrase);
  }
  if (text === undefined) throw tooLarge(`more than ${LIMIT}`);
  return withoutBom(text);
}

/** What is not a regular file, whose size is not known beforehand: up to the limit; undefined when there is more. */
function readStream(abs: string): string | undefined {
  const fd = fs.openSync(abs, 'r');
  try {
    return readUpTo(fd, MAX_WORKFLOW_BYTES);
  } finally {
    fs.closeSync(fd);
  }
}
