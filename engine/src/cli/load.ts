// Reads and analyses workflow files for the commands, with the errors a person can act on.
import * as path from 'node:path';
import { analyse } from '../analysis/analyse.js';
import { fsHost } from '../analysis/fs-host.js';
import type { Analysis } from '../analysis/types.js';
import { parseWorkflow } from '../model/parse.js';
import { readWorkflowFile, WorkflowFileError } from '../model/read-workflow-file.js';

export class UsageError extends Error {}

/**
 * The text of the workflow file `file` (as the user typed it) at `abs`, without a byte order mark
 * (readWorkflowFile); a file that cannot be read is wrong usage.
 */
export function readWorkflowText(abs: string, file: string): string {
  try {
    return readWorkflowFile(abs, file);
  } catch (e) {
    throw e instanceof WorkflowFileError ? new UsageError(e.message) : e;
  }
}

export function loadAnalysis(file: string): Analysis {
  const abs = path.resolve(file);
  return analyse(parseWorkflow(readWorkflowText(abs, file), abs), { host: fsHost });
}

/** A path as the user should see it: relative to the current folder when inside it. */
export function displayPath(abs: string): string {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
}
