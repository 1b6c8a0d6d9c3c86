// A step of a shorthand `parallel: [...]` list is its own branch, named after its id (language spec
// 2.2), so its id is also a field of the block's output: `${steps.checks.output.lint}` or
// `output['lint']`. Rename (rename.ts) changes those fields with the id, and checks the new id
// against the other branches, which are steps lists of their own.
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { Range, Step } from '../../../engine/src/model/types.js';
import { referencesTo } from './target-at.js';
import { outputField } from './call-outputs.js';

/** The shorthand parallel block whose branch `step` is (named after it), if it is one. */
export function shorthandBlock(step: Step): Step | undefined {
  const block = step.scope.owner;
  if (block?.kind !== 'parallel' || !block.branches) return undefined;
  const own = block.branches.find((b) => b.scope === step.scope);
  return own && own.scope.steps[0] === step && own.nameRange.start === step.idRange.start ? block : undefined;
}

/** The other branches' steps of the block that `step` is a shorthand branch of. */
export function siblingBranchSteps(block: Step, step: Step): Step[] {
  return (block.branches ?? []).flatMap((b) => (b.scope === step.scope ? [] : b.scope.steps.slice(0, 1)));
}

/**
 * Each field of `block`'s output that names the branch `name` (`.name`, or `['name']` with the range
 * inside its quotes), once per place; `escaped` when a bracketed text spells it with escapes.
 */
export function branchFieldUses(a: Analysis, block: Step, name: string): { range: Range; escaped: boolean }[] {
  return referencesTo(a, block).flatMap((ref) => {
    const field = outputField(ref);
    return field?.name === name ? [{ range: field.range, escaped: field.escaped }] : [];
  });
}
