// The analysis host for the command line and the engine: reads the files that workflows call, never
// blocking and never past the workflow size limit (read-regular-file.ts); never executes.
import { readRegularFile, whyUnreadable } from '../model/read-regular-file.js';
import { withoutBom } from '../model/read-workflow-file.js';
import type { AnalysisHost } from './types.js';

/** A called workflow's text: a regular file of at most MAX_WORKFLOW_BYTES, without a byte order mark; undefined for anything else. */
export function readWorkflowText(absPath: string): string | undefined {
  const text = readRegularFile(absPath);
  return text === undefined ? undefined : withoutBom(text);
}

/** Only regular files of at most MAX_WORKFLOW_BYTES are read; anything else reads as missing. */
export const fsHost: AnalysisHost = {
  readFile: readWorkflowText,
  whyUnreadable: (absPath: string) => whyUnreadable(absPath),
};
