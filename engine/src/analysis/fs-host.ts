// The analysis host for the command line and the engine: reads the files that workflows call, never
// blocking and never past the workflow size limit (read-regular-file.ts); never executes.
import { readRegularFile, whyUnreadable } from '../model/read-regular-file.js';
import type { AnalysisHost } from './types.js';

/** Only regular files of at most MAX_WORKFLOW_BYTES are read; anything else reads as missing. */
export const fsHost: AnalysisHost = {
  readFile: (absPath: string) => readRegularFile(absPath),
  whyUnreadable: (absPath: string) => whyUnreadable(absPath),
};
