// The steps that only gate a foreach (what its body reads or needs outside it, language spec 3.2;
// analysis/foreach-gates.ts) hold it as its own dependencies do, but a skip of one does not skip the
// foreach: only the body steps that read it are skipped, as the foreach depends on what its own
// fields name (spec 3.2 and 3.3).
import type { Step } from '../model/types.js';
import type { Wiring } from './wiring.js';

/** Whether `done`, skipped, skips `waiting` (index `order` in `wiring`): not when it only gates a foreach. */
export function skipReaches(wiring: Wiring, order: number, done: Step): boolean {
  return !wiring.gateOnly?.get(order)?.has(done);
}
