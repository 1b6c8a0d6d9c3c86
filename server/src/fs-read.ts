// Read-only file access for the server: the files that `workflow` steps call (for open documents and
// for the `weft/plan` request on a file the editor has not opened), the files related information
// points into, and the run history. Reads files, never executes anything; how a read stays bounded
// and never blocks is engine/src/analysis/read-regular-file.ts.
import { readRegularFile } from '../../engine/src/analysis/read-regular-file.js';
import type { AnalysisHost } from '../../engine/src/analysis/types.js';

export { readRegularFile };

/** The analysis host for files the editor has not opened: `readRegularFile` up to the workflow size limit. */
export const fsHostReader: AnalysisHost = {
  readFile: (absPath: string) => readRegularFile(absPath),
};
