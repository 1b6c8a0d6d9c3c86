// Read-only file access for the server: the files that `workflow` steps call (for open documents and
// for the `weft/plan` request on a file the editor has not opened), the files related information
// points into, and the run history. Reads files, never executes anything; how a read stays bounded
// and never blocks is engine/src/model/read-regular-file.ts, and the host for unopened files is
// the engine's own (fs-host.ts), which reads through it, with a workflow's byte order mark dropped.
import * as fs from 'node:fs';
import { fsHost } from '../../engine/src/analysis/fs-host.js';
import type { AnalysisHost } from '../../engine/src/analysis/types.js';
import { readRegularFile } from '../../engine/src/model/read-regular-file.js';

export { readFirstLine, readRegularFile, whyUnreadable } from '../../engine/src/model/read-regular-file.js';

/**
 * A workflow file's text from disk as an editor shows it: without a leading byte order mark, which
 * VS Code leaves out of a document's text. Kept, it was counted in the first line's positions of the
 * locations the server gives into a called file that is not open, one character to the right.
 */
export function readWorkflowText(absPath: string): string | undefined {
  const text = readRegularFile(absPath);
  return text?.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The analysis host for files the editor has not opened: regular files up to the workflow size limit. */
export const fsHostReader: AnalysisHost = { ...fsHost, readFile: readWorkflowText };

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
