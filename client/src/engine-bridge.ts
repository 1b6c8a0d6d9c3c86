// The one place the extension touches the embedded engine (bundled into dist/extension.js by esbuild):
// starting runs. Everything else reads the event stream.
export { startRun, WorkflowInvalidError, InputError, readStepOutput } from '../../engine/src/run/index.js';
export type { RunHandle, RunOptions } from '../../engine/src/run/index.js';
