// Scope rules of language spec 3.1: which steps a reference can see, and the block tree around a step.
import type { Scope, Step } from '../model/types.js';

// Each scope's ids, indexed once: references resolve in constant time per scope, so a 5,000-step
// workflow does not search its top-level list once per reference.
const scopeIndex = new WeakMap<Scope, Map<string, Step>>();

function indexOf(scope: Scope): Map<string, Step> {
  let index = scopeIndex.get(scope);
  if (!index) {
    index = new Map();
    // The first step with an id wins, as a linear search would find it (duplicates are reported).
    for (const step of scope.steps) if (!index.has(step.id)) index.set(step.id, step);
    scopeIndex.set(scope, index);
  }
  return index;
}

/** The step `id` as seen from `scope`: the nearest enclosing scope that has one. */
export function resolveStep(scope: Scope, id: string): Step | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const found = indexOf(s).get(id);
    if (found) return found;
  }
  return undefined;
}

/** Every step visible from `scope`, nearest first; a nearer id hides a farther one. */
export function visibleSteps(scope: Scope): Step[] {
  const seen = new Set<string>();
  const out: Step[] = [];
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    for (const step of s.steps) {
      if (step.id && !seen.has(step.id)) {
        seen.add(step.id);
        out.push(step);
      }
    }
  }
  return out;
}

/** What a leaf step has inside it: one shared, frozen empty list (the analysis asks for every step). */
const NONE: readonly never[] = Object.freeze([]);

/** The scopes directly inside a block step (branches, or a foreach body). */
export function childScopes(step: Step): readonly Scope[] {
  if (step.branches) return step.branches.map((b) => b.scope);
  if (step.body) return [step.body];
  return NONE;
}

/** Steps directly inside a block. */
export function children(step: Step): readonly Step[] {
  if (!step.branches && !step.body) return NONE;
  return childScopes(step).flatMap((s) => s.steps);
}

/** Calls `fn` for every step inside a block, at any depth, in document order (no list built). */
export function forEachInside(step: Step, fn: (s: Step) => void): void {
  for (const scope of childScopes(step)) {
    for (const c of scope.steps) {
      fn(c);
      if (c.branches || c.body) forEachInside(c, fn);
    }
  }
}

/** Every step inside a block, at any depth. */
export function descendants(step: Step): Step[] {
  const out: Step[] = [];
  forEachInside(step, (s) => out.push(s));
  return out;
}

/** The block steps enclosing a step, innermost first. */
export function ancestors(step: Step): Step[] {
  const out: Step[] = [];
  for (let s: Scope | undefined = step.scope; s?.owner; s = s.owner.scope) out.push(s.owner);
  return out;
}

const NO_NAMES: readonly string[] = Object.freeze([]);

/** The foreach item names visible in `scope`, innermost first (asked once per template). */
export function foreachItemNames(scope: Scope): readonly string[] {
  let names: string[] | undefined;
  for (let s: Scope | undefined = scope; s; s = s.parent) if (s.itemName) (names ??= []).push(s.itemName);
  return names ?? NO_NAMES;
}
