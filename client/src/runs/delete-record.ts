// Deletes a run's record and its outputs folder (Clear Runs, and the pruning past weft.runs.keep).
// The run id comes from a file name in the workspace's runs folder, which the workspace controls: a
// file named `..jsonl` or `...jsonl` gives the id `..` or `.`, whose "outputs folder" is the runs
// folder or `.weft` itself. Such a name is not a run (the engine's isRunId) and nothing is deleted.
import fs from 'node:fs';
import path from 'node:path';
import { isRunId } from '../../../engine/src/run/records.js';

export function deleteRecord(runsDir: string, runId: string): void {
  if (!isRunId(runId)) return;
  fs.rmSync(path.join(runsDir, `${runId}.jsonl`), { force: true });
  fs.rmSync(path.join(runsDir, runId), { recursive: true, force: true });
}
