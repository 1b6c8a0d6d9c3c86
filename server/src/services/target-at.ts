// What a hover, definition, rename or highlight at an offset is about: a step reference (template
// or needs entry), a step's own id, a `workflow` path, or a YAML key.
import type { Analysis, StepReference } from '../../../engine/src/analysis/types.js';
import type { Range, Step } from '../../../engine/src/model/types.js';
import { textKey } from './step-info.js';

export type Target =
  | { kind: 'reference'; ref: StepReference; step: Step | undefined; range: Range }
  | { kind: 'step-id'; step: Step; range: Range }
  | { kind: 'workflow-path'; step: Step; value: string; range: Range }
  | { kind: 'none' };

const within = (r: Range, o: number) => r.start <= o && o <= r.end;

export function targetAt(a: Analysis, offset: number): Target {
  for (const ref of a.references) {
    if (within(ref.range, offset)) return { kind: 'reference', ref, step: ref.target, range: ref.range };
  }
  for (const ref of a.references) {
    for (const p of ref.properties) if (within(p.range, offset)) return { kind: 'reference', ref, step: ref.target, range: ref.range };
  }
  for (const s of a.model.allSteps) {
    if (s.id && within(s.idRange, offset) && s.idRange.end - s.idRange.start <= s.id.length + 2) return { kind: 'step-id', step: s, range: s.idRange };
    if (s.workflowPath && within(s.workflowPath.range, offset)) return { kind: 'workflow-path', step: s, value: s.workflowPath.value, range: s.workflowPath.range };
  }
  return { kind: 'none' };
}

/** The step a target is about, if any. */
export function targetStep(t: Target): Step | undefined {
  return t.kind === 'reference' ? t.step : t.kind === 'step-id' ? t.step : undefined;
}

/**
 * The steps that are the same text as `step`: itself, and its copies where YAML reuses its steps list
 * through an anchor and alias (the model builds one Step per place, all with the id's one range).
 */
export function instancesOf(a: Analysis, step: Step): Set<Step> {
  const key = textKey(step);
  return new Set(a.model.allSteps.filter((s) => s === step || textKey(s) === key));
}

/**
 * Every reference (template or needs) that resolves to `step` or one of its copies (instancesOf),
 * one per place: a reference in reused text is one range however many copies the analysis holds.
 */
export function referencesTo(a: Analysis, step: Step): StepReference[] {
  return uniqueRanges(allReferencesTo(a, step));
}

/** Like referencesTo, but every copy of a reference in reused text (with its own scope). */
export function allReferencesTo(a: Analysis, step: Step): StepReference[] {
  const same = instancesOf(a, step);
  return a.references.filter((r) => r.target !== undefined && same.has(r.target));
}

/** The first of the references that share a source range. */
export function uniqueRanges(refs: readonly StepReference[]): StepReference[] {
  const seen = new Set<number>();
  return refs.filter((r) => !seen.has(r.range.start) && !!seen.add(r.range.start));
}

/** The range of the bare id text inside a range that may include YAML quotes. */
export function innerRange(text: string, r: Range): Range {
  const c = text[r.start];
  if ((c === '"' || c === "'") && text[r.end - 1] === c && r.end - r.start >= 2) return { start: r.start + 1, end: r.end - 1 };
  return r;
}
