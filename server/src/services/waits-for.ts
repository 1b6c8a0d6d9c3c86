// What hover says a step waits for. Language spec 3.2: a block's children inherit its dependencies,
// and a block (a foreach most visibly: it starts when its body's outside references are available)
// waits, through its steps, for the outside steps they reference; its stage counts them
// (`stagesOf`). The analysis' `deps` holds a step's own references and needs only, so hover needs
// both additions to agree with the stage it shows.
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { Step } from '../../../engine/src/model/types.js';
import { ancestors, forEachInside } from '../../../engine/src/analysis/scopes.js';
import { listNames, ownName } from './step-info.js';

export interface WaitsFor {
  /** The step's own references and needs. */
  own: Step[];
  /** What each enclosing block (innermost first) waits for, less what is listed before it. */
  inherited: { block: Step; deps: Step[] }[];
  /** For a block: the steps outside it that steps inside it wait for, less the above. */
  inside: Step[];
}

export function waitsFor(a: Analysis, step: Step): WaitsFor {
  const listed = new Set<Step>();
  const take = (deps: readonly Step[]) => deps.filter((d) => !listed.has(d) && !!listed.add(d));
  const own = take(a.deps.get(step) ?? []);
  const inherited: WaitsFor['inherited'] = [];
  for (const block of ancestors(step)) {
    const deps = take(a.deps.get(block) ?? []);
    if (deps.length) inherited.push({ block, deps });
  }
  // Neither the block, its steps nor its enclosing blocks are outside steps it waits for.
  const notOutside = new Set<Step>([step, ...ancestors(step)]);
  forEachInside(step, (s) => notOutside.add(s));
  const fromInside: Step[] = [];
  forEachInside(step, (s) => {
    for (const d of a.deps.get(s) ?? []) if (!notOutside.has(d)) fromInside.push(d);
  });
  return { own, inherited, inside: take(fromInside) };
}

/** The hover's lines: `waits for: a, b (through block)` and, for a block, `its steps also wait for: c`. */
export function waitsForLines(a: Analysis, step: Step): string[] {
  const w = waitsFor(a, step);
  const parts = [
    ...(w.own.length ? [listNames(a, w.own, 8)] : []),
    ...w.inherited.map((i) => `${listNames(a, i.deps, 8)} (through ${ownName(a, i.block)})`),
  ];
  const lines = [`waits for: ${parts.length ? parts.join(', ') : 'nothing'}`];
  if (w.inside.length) lines.push(`its steps also wait for: ${listNames(a, w.inside, 8)}`);
  return lines;
}
