// Which run Re-run Failed Steps (Resume) means when it is given none (the palette, a keybinding): the
// newest failed or cancelled run of the active editor's file, else the newest failed or cancelled run
// of any file; never a succeeded or live run (resuming one reruns nothing, or races it). No `vscode` import.
import { sameFile } from './cancel-target.js';

export interface FinishedRun {
  runId: string;
  file: string;
  status: string;
}

/** The run to resume among `runs` (newest first), or undefined when none failed or was cancelled. */
export function runToResume(runs: FinishedRun[], activeFile?: string, platform = process.platform): string | undefined {
  const resumable = runs.filter((r) => r.status === 'failed' || r.status === 'cancelled');
  const own = activeFile ? resumable.find((r) => sameFile(r.file, activeFile, platform)) : undefined;
  return (own ?? resumable[0])?.runId;
}
