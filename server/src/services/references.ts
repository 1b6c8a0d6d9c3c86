// Find references of a step: every `${steps.X...}` and `needs` entry that resolves to it, plus its id.
// Of a workflow input (on its declaration or on a use): every `${inputs.NAME}`, plus the declaration.
// Of a foreach item (on `as: f` or a use): every `${f...}` in its body, plus the `as:` value.
// Of a called file's output or input, from either side of a `workflow` call: the places in the
// called file and in the callers the server knows (call-refs.ts, known-calls.ts).
import type { Location } from 'vscode-languageserver-types';
import type { Analysed, ServiceEnv } from './context.js';
import { innerRange, referencesTo, targetAt, targetStep } from './target-at.js';
import { inputAt, inputUses } from './input-refs.js';
import { itemAt, itemDeclaration, itemUses } from './item-refs.js';
import { callNameAt, callNamePlaces } from './call-refs.js';
import { KnownCalls } from './known-calls.js';

export function references(d: Analysed, offset: number, includeDeclaration: boolean, env: ServiceEnv): Location[] {
  const t = targetAt(d.analysis, offset);
  const loc = (r: { start: number; end: number }): Location => {
    const i = innerRange(d.text, r);
    return { uri: env.uri, range: { start: d.positionAt(i.start), end: d.positionAt(i.end) } };
  };
  const shared = callNameAt(d, offset);
  if (shared) {
    const known = new KnownCalls({ uri: env.uri, analysis: d.analysis, positionAt: d.positionAt }, env.workspace);
    const { declaration, uses } = callNamePlaces(known, shared);
    const places = includeDeclaration && declaration ? [declaration, ...uses] : uses;
    return places.map((p) => ({ uri: p.file.uri, range: { start: p.file.positionAt(p.range.start), end: p.file.positionAt(p.range.end) } }));
  }
  const step = targetStep(t);
  if (!step) {
    const input = t.kind === 'none' ? inputAt(d.analysis, offset) : undefined;
    const item = !input && t.kind === 'none' ? itemAt(d.analysis, offset) : undefined;
    if (item) {
      const out = itemUses(item.foreach, item.name).map(loc);
      const decl = itemDeclaration(d.analysis, item.foreach);
      if (includeDeclaration && decl?.as) out.unshift(loc(decl.range));
      return out;
    }
    // A declared input is callNameAt's (above): here, uses of a name no input declares.
    return input ? inputUses(d.analysis, input.name).map(loc) : [];
  }
  const out = referencesTo(d.analysis, step).map((r) => loc(r.range));
  if (includeDeclaration) out.unshift(loc(step.idRange));
  return out;
}
