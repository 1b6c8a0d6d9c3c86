// `duplicate-id`: two steps of one steps list share an id; reported on every occurrence, each
// pointing at the others (the first ten of them, then how many more). A shorthand `parallel:` list
// is one steps list to its reader, though each of its steps is a branch of its own: two steps there
// with one id would be two branches of one name, at one path (`quick/a`), one field of the output.
import type { Diagnostic, Step, WorkflowModel } from '../model/types.js';
import { childScopes } from './scopes.js';

/** How many other occurrences a duplicate-id diagnostic names (and links to). */
const SHOWN_OTHERS = 10;

export function findDuplicates(model: WorkflowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (steps: readonly Step[]) => {
    // First occurrences in one map, lists only for ids seen twice: one entry per step, no list per step.
    const first = new Map<string, Step>();
    let repeated: Map<string, Step[]> | undefined;
    for (const s of steps) {
      if (s.id) {
        const prev = first.get(s.id);
        if (prev === undefined) first.set(s.id, s);
        else {
          repeated ??= new Map();
          const list = repeated.get(s.id);
          if (list) list.push(s);
          else repeated.set(s.id, [prev, s]);
        }
      }
      if (isShorthandParallel(s)) visit(s.branches!.flatMap((b) => b.scope.steps));
      else for (const child of childScopes(s)) visit(child.steps);
    }
    for (const [id, steps] of repeated ?? []) {
      steps.forEach((s, i) => {
        // The first few others only: listing them all is quadratic in the occurrences (20,000 steps
        // with one id took the command line past its memory).
        const others: Step[] = [];
        for (let k = 0; k < steps.length && others.length < SHOWN_OTHERS; k++) if (steps[k] !== s) others.push(steps[k]!);
        const more = steps.length - 1 - others.length;
        const where = others.map((o) => `line ${model.lines.positionAt(o.idRange.start).line + 1}`).join(', ') + (more ? ` and ${more} more` : '');
        out.push({
          code: 'duplicate-id',
          severity: 'error',
          message: `duplicate step id '${id}' (also at ${where}); ids must be unique within a steps list`,
          range: s.idRange,
          related: others.map((o) => ({ file: model.file, range: o.idRange, message: `'${id}' is also defined here` })),
          data: { occurrence: i + 1 },
        });
      });
    }
  };
  visit(model.root.steps);
  return out;
}

/** A `parallel:` written as a list of steps (each its own branch), not as named `branches`. */
function isShorthandParallel(step: Step): boolean {
  return step.kind === 'parallel' && !!step.branches && Array.isArray(step.raw.parallel);
}
