// The engine as a library (package export `./engine`, bundled to dist/engine.js): load, analyse,
// plan and run a workflow. Documented in the README ("Engine API").
export { parseWorkflow, defaultWorkflowName, WORKFLOW_FILE_PATTERNS } from './model/parse.js';
export { parseDuration, formatDuration } from './model/duration.js';
export { parseTemplate } from './template/parse.js';
export { analyse, analyseText } from './analysis/analyse.js';
export { fsHost } from './analysis/fs-host.js';
export { visibleSteps, resolveStep } from './analysis/scopes.js';
export { buildPlan } from './plan/build-plan.js';
export { formatDiagnostic, jsonDiagnostic } from './cli/format-diagnostics.js';
export type * from './model/types.js';
export type * from './analysis/types.js';
export type * from './plan/types.js';
export * from './run/index.js';
/** Not public API: what bench/engine measures on the bundle (priorities, history, default shell); may change with any commit. */
export * as internal from './run/internal.js';
