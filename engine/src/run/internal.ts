// Engine internals the benchmarks call on the bundle (bench/engine/weft.ts loads dist/engine.js):
// exported from the engine index as the one namespace `internal`, which is not part of the public
// API (docs/engine.md) and may change with any commit.
export { computePriorities } from './priority.js';
export { previousDurations } from './history.js';
export { defaultShell } from './actions/shell.js';
