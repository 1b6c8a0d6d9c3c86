// The foreach item (`as: f`, or `item` when the foreach has no `as`) for go to definition, references
// and highlight: its uses are the `${f...}` paths in the body's templates that name this foreach's
// item (the nearest enclosing foreach with that name, as the analyser resolves it), and its
// declaration is the `as:` value (the `foreach` key when there is none). The analysis resolves only
// step references, so the uses are found here by walking the parsed templates.
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { Range, Scope, Step, TemplateString } from '../../../engine/src/model/types.js';
import { forEachInside } from '../../../engine/src/analysis/scopes.js';
import { walkExpr } from '../../../engine/src/template/parse.js';
import { isMap, isScalar } from '../../../engine/src/model/yaml-nodes.js';
import { findPair } from '../../../engine/src/model/yaml-node-at-path.js';
import { textKey } from './step-info.js';

export interface ItemTarget {
  /** The foreach step whose item it is. */
  foreach: Step;
  name: string;
}

const within = (r: Range, o: number) => r.start <= o && o <= r.end;

/** The foreach whose item `name` is, seen from `scope` (the innermost body with that item name). */
export function owningForeach(scope: Scope, name: string): Step | undefined {
  for (let sc: Scope | undefined = scope; sc; sc = sc.parent) if (sc.itemName === name) return sc.owner;
  return undefined;
}

/** Calls `visit` with the name and source range of each path root (`${f.x}`'s `f`) in `host`'s templates. */
export function eachPathRoot(host: TemplateString, visit: (name: string, range: Range) => void): void {
  for (const part of host.template.parts) {
    if (part.kind !== 'expr') continue;
    walkExpr(part.expr, (e) => {
      if (e.type === 'path') visit(e.root.name, { start: host.toSource(e.root.range.start), end: host.toSource(e.root.range.end) });
    });
  }
}

/** Calls `visit` with the source range of each path root of `host` that names a foreach item. */
function eachItemRoot(host: TemplateString, scope: Scope, visit: (foreach: Step, name: string, range: Range) => void): void {
  eachPathRoot(host, (name, range) => {
    const foreach = owningForeach(scope, name);
    if (foreach) visit(foreach, name, range);
  });
}

/** The item named at `offset`: on a use in a template, or on the foreach's `as:` value. */
export function itemAt(a: Analysis, offset: number): ItemTarget | undefined {
  for (const s of a.model.allSteps) {
    // The `as:` value is inside the foreach's own mapping: a step not around the offset is skipped
    // before its YAML is looked up (documentHighlight asks on every cursor move).
    if (!within(s.range, offset)) continue;
    if (s.body?.itemName !== undefined) {
      const decl = itemDeclaration(a, s);
      if (decl?.as && within(decl.range, offset)) return { foreach: s, name: s.body.itemName };
    }
    for (const host of s.templates) {
      if (!within(host.range, offset)) continue;
      let found: ItemTarget | undefined;
      eachItemRoot(host, s.scope, (foreach, name, r) => { if (!found && within(r, offset)) found = { foreach, name }; });
      if (found) return found;
    }
  }
  return undefined;
}

/** Where the item is named: the `as:` value, or the `foreach` key when the item is the default `item`. */
export function itemDeclaration(a: Analysis, foreach: Step): { range: Range; as: boolean } | undefined {
  const doc = a.model.yaml;
  const map = foreach.node;
  if (!doc || !isMap(map)) return undefined;
  const pair = findPair(doc, map, 'foreach');
  const value = pair?.value;
  const as = isMap(value) ? findPair(doc, value, 'as') : undefined;
  if (as && isScalar(as.value) && as.value.range) return { range: { start: as.value.range[0], end: as.value.range[1] }, as: true };
  const key = pair?.key as { range?: [number, number, number] } | undefined;
  return key?.range ? { range: { start: key.range[0], end: key.range[1] }, as: false } : undefined;
}

/** Every use of the item of `foreach`, in document order, each place once. */
export function itemUses(foreach: Step, name: string): Range[] {
  const seen = new Set<number>();
  const out: Range[] = [];
  forEachInside(foreach, (s) => {
    for (const host of s.templates) {
      eachItemRoot(host, s.scope, (f, n, r) => {
        if (n !== name || seen.has(r.start)) return;
        // Reused text (a YAML alias) is one place; a copy resolves to the foreach's copy with the same id text.
        if (f !== foreach && textKey(f) !== textKey(foreach)) return;
        seen.add(r.start);
        out.push(r);
      });
    }
  });
  return out.sort((x, y) => x.start - y.start);
}
