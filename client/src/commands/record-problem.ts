// What the editor says when a run ended with an incomplete record (RunHandle.recordProblem: a full
// disk, a file size limit, a runs folder gone): the run went on, but its record stops early, so the
// Runs view, Show Step Output and a resume lack what came after. The client said nothing before.
// Pure (no `vscode`), so the words are unit-tested; run.ts logs them and shows them as a warning.
import { recordPath } from '../../../engine/src/run/records.js';

/** The warning for run `runId` of `runsDir` whose record writing failed with `problem`: the record's path, then why. */
export function recordProblemMessage(runsDir: string, runId: string, problem: string): string {
  const file = recordPath(runsDir, runId);
  // The engine's reason names the file when the record itself failed: say it once.
  const why = problem.startsWith(`writing ${file} failed: `) ? `writing it failed: ${problem.slice(`writing ${file} failed: `.length)}` : problem;
  return `the record of run ${runId} is incomplete (${file}): ${why}. The run went on; the Runs view, its step outputs and a resume lack what came after.`;
}
