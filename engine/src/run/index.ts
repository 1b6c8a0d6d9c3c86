// The engine's public run API (docs/engine.md): start a run, cancel it, read records.
export { startRun, prepareRun, runPrepared, compile, WorkflowInvalidError } from './start-run.js';
export type { RunOptions, RunHandle, PreparedRun } from './start-run.js';
export { readRunRecord, listRuns, readStepOutput, newRunId, recordPath, outputPath } from './records.js';
export type { RunSummary, StepOutputFile } from './records.js';
export { InputError } from './workflow-frame.js';
export { ResumeError } from './history.js';
export { RunsDirError } from './records.js';
export { WorkflowFileError } from '../model/read-workflow-file.js';
export type * from './events.js';
