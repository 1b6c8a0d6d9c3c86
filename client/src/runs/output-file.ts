// Reads a step's kept output (`<runsDir>/<runId>/outputs/<name>.json`) for Show Step Output. The runs
// folder comes with the workspace, an untrusted one too, so what is there may be anything: a named
// pipe (fs.readFile opened it and waited for a writer for good, holding one of the extension host's
// few file-system threads) or a link to /dev/zero (read until memory ran out). The engine's
// readStepOutput opens only a regular file, looked at first, non-blocking (read-regular-file.ts).
// No `vscode` import.
import { readStepOutput, type StepOutputFile } from '../engine-bridge.js';

/** The step's output file, parsed; undefined when there is none, it is not a regular file, or not JSON. */
export function readOutputFile(runsDir: string, runId: string, stepPath: string): Promise<StepOutputFile | undefined> {
  return readStepOutput(runsDir, runId, stepPath);
}
