// Language spec 3.2: "A `foreach` starts when its `items` and its body's outside references are
// available". The steps a foreach's body (at any depth) reads or needs outside the foreach gate the
// foreach as its own dependencies do (it started at once, and its body's independent steps ran
// before those steps finished). Unlike its own dependencies, a skip of one does not skip the foreach:
// only the body steps that read it are skipped, as before (the foreach depends on what its own fields
// name, spec 3.2 and 3.3).
import type { Scope, Step } from '../model/types.js';
import type { Wiring } from './wiring.js';

/** What `foreach`'s body reads or needs outside it, not already among `own` (its own dependencies). */
export function bodyOutsideDeps(foreach: Step, deps: (s: Step) => readonly Step[] | undefined, own: readonly Step[]): Step[] {
  const out: Step[] = [];
  const inside = (d: Step): boolean => {
    for (let s: Step | undefined = d; s; s = s.scope.owner) if (s === foreach) return true;
    return false;
  };
  const walk = (scope: Scope): void => {
    for (const s of scope.steps) {
      for (const d of deps(s) ?? []) if (!inside(d) && !own.includes(d) && !out.includes(d)) out.push(d);
      if (s.branches) for (const b of s.branches) walk(b.scope);
      if (s.body) walk(s.body);
    }
  };
  if (foreach.body) walk(foreach.body);
  return out;
}

/** Whether `done`, skipped, skips `waiting` (index `order` in `wiring`): not when it only gates a foreach. */
export function skipReaches(wiring: Wiring, order: number, done: Step): boolean {
  return !wiring.gateOnly?.get(order)?.has(done);
}
