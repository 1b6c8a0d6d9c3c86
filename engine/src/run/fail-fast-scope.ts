// Where the fail-fast of a step's failure stops (language spec 3.3; docs/engine.md): the whole run,
// or only a block whose own inner policy decided it. Kept apart from the executor, which acts on the
// answer (block-retry.ts's retryingBlock may take the failure first); reads the tree, changes nothing.
import { continuesOnError, ownContinueOnError, type Instance } from './instance.js';

/**
 * The block whose own inner policy (`continueOnError: false` inside `parallel:` / `foreach:`, a
 * called file's `config`) decided the fail-fast of `inst`'s failure, as Argo's `failFast` and a
 * GitHub matrix's `fail-fast` stop their own jobs only, provided that block's failure is then
 * tolerated further out (a failure it does not tolerate is decided by the next such block out, and
 * so on); undefined: the run stops, as when the step's own setting, a block step's own, or the
 * run's (`runContinueOnError`) decided.
 */
export function failFastScope(inst: Instance, runContinueOnError: boolean): Instance | undefined {
  let cur = inst;
  for (;;) {
    if (ownContinueOnError(cur) !== undefined) return undefined;
    let b = cur.frame.owner;
    // Up to the block whose inner policy is its own; one that only inherits passes the question on.
    while (b && !b.childCoeOwn) {
      if (ownContinueOnError(b) !== undefined) return undefined;
      b = b.frame.owner;
    }
    if (!b || b.status !== 'running') return undefined;
    if (continuesOnError(b, runContinueOnError)) return b;
    cur = b;
  }
}
