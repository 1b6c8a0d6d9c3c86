// Reads a step's kept output (`<runsDir>/<runId>/outputs/<name>.json`) for Show Step Output. The runs
// folder comes with the workspace, an untrusted one too, so what is there may be anything: a named
// pipe (fs.readFile opened it and waited for a writer for good, holding one of the extension host's
// few file-system threads) or a link to /dev/zero (read until memory ran out). Only a regular file is
// opened at all: the engine's readStepOutput opens non-blocking and checks the descriptor
// (read-regular-file.ts), but opens before it looks, so the path is looked at first. No `vscode` import.
import fs from 'node:fs';
import { outputPath, readStepOutput, type StepOutputFile } from '../engine-bridge.js';

/** The step's output file, parsed; undefined when there is none, it is not a regular file, or not JSON. */
export async function readOutputFile(runsDir: string, runId: string, stepPath: string): Promise<StepOutputFile | undefined> {
  try {
    if (!(await fs.promises.stat(outputPath(runsDir, runId, stepPath))).isFile()) return undefined;
  } catch {
    return undefined;
  }
  return readStepOutput(runsDir, runId, stepPath);
}
