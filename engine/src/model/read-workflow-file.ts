// Reads the workflow file a person named (`weft validate x`, `weft run x`, startRun without a text),
// with a message that says what is wrong when it cannot: missing, a folder, over the size limit,
// unreadable. A regular file is read without blocking (read-regular-file.ts: /proc/kmsg hung
// `weft validate`); anything else, such as a pipe (`weft validate <(generate)`, /dev/stdin) or a
// device, is read up to the limit, so that /dev/zero ends with "more than 10 MB" instead of filling
// the memory.
import * as fs from 'node:fs';
import { readRegularFile, readUpTo } from '../analysis/read-regular-file.js';
import { MAX_WORKFLOW_BYTES, megabytes } from './parse.js';

/** A workflow file that cannot be read; the message names it as the caller showed it. */
export class WorkflowFileError extends Error {}

const LIMIT = megabytes(MAX_WORKFLOW_BYTES, 0);

export function readWorkflowFile(abs: string, shown = abs): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new WorkflowFileError(`cannot read '${shown}': no such file`);
  }
  if (stat.isDirectory()) throw new WorkflowFileError(`'${shown}' is a folder, not a workflow file`);
  const tooLarge = (size: string) => new WorkflowFileError(`'${shown}' is ${size}; a workflow file may be at most ${LIMIT}`);
  if (stat.size > MAX_WORKFLOW_BYTES) throw tooLarge(megabytes(stat.size));
  let text: string | undefined;
  try {
    if (stat.isFile()) {
      fs.accessSync(abs, fs.constants.R_OK);
      text = readRegularFile(abs);
      if (text === undefined) throw new Error('reading it would block (a device or /proc file), or it grew past the limit');
      return text;
    }
    text = readStream(abs);
  } catch (e) {
    // Unreadable (permissions), or a thing that cannot be opened as a file (a socket).
    throw new WorkflowFileError(`cannot read '${shown}': ${(e as Error).message.replace(/^\w+: /, '')}`);
  }
  if (text === undefined) throw tooLarge(`more than ${LIMIT}`);
  return text;
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
