// Which steps run one at a time: a parallel or foreach block's own literal `maxConcurrency` (a
// templated one is known only when the run evaluates it). `weft plan`'s text, the editor's hints and
// hover, and the file-race check all ask it, and must read the limit the same way.
import type { Step } from '../model/types.js';

/** The literal `maxConcurrency` parallel or foreach block `b` sets for its steps, or undefined (none, templated, another kind). */
export function literalBlockLimit(b: Step): number | undefined {
  if (b.kind !== 'parallel' && b.kind !== 'foreach') return undefined;
  const block = b.raw[b.kind];
  const limit = block && typeof block === 'object' && !Array.isArray(block) ? (block as Record<string, unknown>).maxConcurrency : undefined;
  return typeof limit === 'number' && Number.isFinite(limit) ? Math.floor(limit) : undefined;
}

/** The innermost block around `step` (not `step` itself) that runs its steps one at a time, if any. */
export function serialBlockAround(step: Step): Step | undefined {
  for (let o = step.scope.owner; o; o = o.scope.owner) if (literalBlockLimit(o) === 1) return o;
  return undefined;
}
