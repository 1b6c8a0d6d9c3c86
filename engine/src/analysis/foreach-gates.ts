// Language spec 3.2: "A `foreach` starts when its `items` and its body's outside references are
// available". What a foreach's body (at any depth) reads or needs outside the foreach holds the
// foreach as its own dependencies do: the run gates it on them (run/priority.ts, run/foreach-gates.ts),
// the plan lists them in its `needs` (plan/build-plan.ts), and the leaf graph behind the critical
// path and the file-race check puts the body after them (graph.ts). They are not among the
// analysis's `deps`, which hold what each step's own fields name (the editor's references, hints
// and the skip rule of spec 3.3 go by those).
import type { Scope, Step } from '../model/types.js';

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
