// Reads a step's kept output (`<runsDir>/<runId>/outputs/<name>.json`) for Show Step Output. The runs
// folder comes with the workspace, an untrusted one too, so what is there may be anything: a named
// pipe (the engine's readStepOutput opened it and waited for a writer for good, holding one of the
// extension host's few file-system threads) or a link to /dev/zero (read until memory ran out). Only
// a regular file is opened, non-blocking, and checked again through its descriptor. No `vscode` import.
import fs from 'node:fs';
import { outputPath, type StepOutputFile } from '../engine-bridge.js';

/** The step's output file, parsed; undefined when there is none, it is not a regular file, or not JSON. */
export async function readOutputFile(runsDir: string, runId: string, stepPath: string): Promise<StepOutputFile | undefined> {
  const file = outputPath(runsDir, runId, stepPath);
  let handle: fs.promises.FileHandle | undefined;
  try {
    if (!(await fs.promises.stat(file)).isFile()) return undefined;
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!(await handle.stat()).isFile()) return undefined;
    return JSON.parse(await handle.readFile('utf8')) as StepOutputFile;
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
