// Find references of a step: every `${steps.X...}` and `needs` entry that resolves to it, plus its id.
import type { Location } from 'vscode-languageserver-types';
import type { Analysed, ServiceEnv } from './context.js';
import { innerRange, referencesTo, targetAt, targetStep } from './target-at.js';

export function references(d: Analysed, offset: number, includeDeclaration: boolean, env: ServiceEnv): Location[] {
  const step = targetStep(targetAt(d.analysis, offset));
  if (!step) return [];
  const loc = (r: { start: number; end: number }): Location => {
    const i = innerRange(d.text, r);
    return { uri: env.uri, range: { start: d.positionAt(i.start), end: d.positionAt(i.end) } };
  };
  const out = referencesTo(d.analysis, step).map((r) => loc(r.range));
  if (includeDeclaration) out.unshift(loc(step.idRange));
  return out;
}
