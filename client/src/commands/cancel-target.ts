// Which run a Cancel means. The command gets a run (the Runs view's inline action, `{runId}`), a file
// (the editor title's stop button and the explorer pass the editor's Uri) or nothing (the palette):
// a file means the newest live run of that file, never simply the newest run. No `vscode` import.
import { sameFile } from '../../../engine/src/run/same-file.js';

/** A run this window can cancel (started here and still live), newest first in the list given. */
export interface LiveRun {
  runId: string;
  file: string;
}

export type CancelAim = { runId: string } | { file: string } | undefined;

// One file however written (VS Code's `c:` and the engine's `C:` on Windows): the engine's rule.
export { sameFile };

/** The run to cancel for `aim` among `live` (newest first), or undefined when there is none. */
export function runToCancel(live: LiveRun[], aim: CancelAim, platform = process.platform): string | undefined {
  if (!aim) return live[0]?.runId;
  if ('runId' in aim) return live.find((r) => r.runId === aim.runId)?.runId;
  return live.find((r) => sameFile(r.file, aim.file, platform))?.runId;
}
