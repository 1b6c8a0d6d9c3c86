// The one place the extension touches the embedded engine (bundled into dist/extension.js by esbuild):
// starting runs (and, for Re-run, whether a run's recorded inputs can be given again; a step's output
// file). Everything else reads the event stream.
export { startRun, WorkflowInvalidError, InputError, readStepOutput } from '../../engine/src/run/index.js';
export { maskedInputProblem } from '../../engine/src/run/resume-inputs.js';
export type { RunHandle, RunOptions } from '../../engine/src/run/index.js';
