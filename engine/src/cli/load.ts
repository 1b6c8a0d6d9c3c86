// Reads and analyses workflow files for the commands, with the errors a person can act on.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyse } from '../analysis/analyse.js';
import { fsHost } from '../analysis/fs-host.js';
import type { Analysis } from '../analysis/types.js';
import { MAX_WORKFLOW_BYTES, parseWorkflow } from '../model/parse.js';

export class UsageError extends Error {}

export function loadAnalysis(file: string): Analysis {
  const abs = path.resolve(file);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch {
    throw new UsageError(`cannot read '${file}': no such file`);
  }
  if (stat.isDirectory()) throw new UsageError(`'${file}' is a folder, not a workflow file`);
  const tooLarge = (size: string) => new UsageError(`'${file}' is ${size}; a workflow file may be at most ${MAX_WORKFLOW_BYTES / 1048576} MB`);
  if (stat.size > MAX_WORKFLOW_BYTES) throw tooLarge(`${(stat.size / 1048576).toFixed(1)} MB`);
  let text: string | undefined;
  try {
    text = stat.isFile() ? fs.readFileSync(abs, 'utf8') : readStream(abs);
  } catch (e) {
    // Unreadable (permissions), or a thing that cannot be opened as a file (a socket).
    throw new UsageError(`cannot read '${file}': ${(e as Error).message.replace(/^\w+: /, '')}`);
  }
  if (text === undefined) throw tooLarge(`more than ${MAX_WORKFLOW_BYTES / 1048576} MB`);
  return analyse(parseWorkflow(text, abs), { host: fsHost });
}

/**
 * The text of what is not a regular file (a pipe such as `<(generate)` or /dev/stdin, a device),
 * whose size is not known beforehand: read up to the limit, so that /dev/zero cannot hang the command
 * or exhaust its memory. Undefined when there is more.
 */
function readStream(abs: string): string | undefined {
  const fd = fs.openSync(abs, 'r');
  try {
    const buf = Buffer.alloc(MAX_WORKFLOW_BYTES + 1);
    let used = 0;
    for (let n; used < buf.length && (n = fs.readSync(fd, buf, used, buf.length - used, null)) > 0; ) used += n;
    return used > MAX_WORKFLOW_BYTES ? undefined : buf.toString('utf8', 0, used);
  } finally {
    fs.closeSync(fd);
  }
}

/** A path as the user should see it: relative to the current folder when inside it. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}
