// `duplicate-id`: two steps of one steps list share an id; reported on every occurrence, each
// pointing at the others.
import type { Diagnostic, Scope, Step, WorkflowModel } from '../model/types.js';
import { childScopes } from './scopes.js';

export function findDuplicates(model: WorkflowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  const visit = (scope: Scope) => {
    // First occurrences in one map, lists only for ids seen twice: one entry per step, no list per step.
    const first = new Map<string, Step>();
    let repeated: Map<string, Step[]> | undefined;
    for (const s of scope.steps) {
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
      for (const child of childScopes(s)) visit(child);
    }
    for (const [id, steps] of repeated ?? []) {
      steps.forEach((s, i) => {
        const others = steps.filter((o) => o !== s);
        const where = others.map((o) => `line ${model.lines.positionAt(o.idRange.start).line + 1}`).join(', ');
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
  visit(model.root);
  return out;
}
