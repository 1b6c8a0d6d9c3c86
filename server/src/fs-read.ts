// Read-only file access for the server: the files that `workflow` steps call (for open documents and
// for the `weft/plan` request on a file the editor has not opened), the files related information
// points into, and the run history. Reads files, never executes anything; how a read stays bounded
// and never blocks is engine/src/model/read-regular-file.ts, and the host for unopened files is
// the engine's own (fs-host.ts), which reads through it, with a workflow's byte order mark dropped.
import * as fs from 'node:fs';
import { fsHost } from '../../engine/src/analysis/fs-host.js';
import type { AnalysisHost } from '../../engine/src/analysis/types.js';

export { readFirstLine, readRegularFile, whyUnreadable } from '../../engine/src/model/read-regular-file.js';
export { readWorkflowText } from '../../engine/src/analysis/fs-host.js';

/** The analysis host for files the editor has not opened: regular files up to the workflow size limit, without a byte order mark. */
export const fsHostReader: AnalysisHost = fsHost;

/**
 * The path with every symbolic link in it resolved (a file reached through a linked file or folder),
 * or undefined when it does not exist. Never opens the file (a FIFO or a device is not read).
 */
export function realPathOf(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}
