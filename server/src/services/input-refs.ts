// Workflow inputs for definition, references and highlight: the `${inputs.NAME}` (and
// `${inputs['NAME']}`, which the analyser reads as the same input) uses in every
// template (any field of any step, `if:` included, the top-level `outputs`, `env:` and `config:`) and the declaration
// under `inputs:` that they name. The analysis resolves only step references, so the uses are found
// here by walking the parsed templates, as the analyser's own check of `unknown-input` reads them:
// `inputs` is always the workflow's inputs, even inside a foreach whose item is named `inputs`.
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { InputDecl, Range, TemplateString } from '../../../engine/src/model/types.js';
import { walkExpr } from '../../../engine/src/template/parse.js';
import { named } from '../../../engine/src/analysis/segment-names.js';
import { everyTemplate } from '../every-template.js';

/** An input at an offset: a use (`${inputs.topic}`, on `inputs` or on the name) or a declaration. */
export interface InputTarget {
  name: string;
  /** The declaration under `inputs:`, when there is one. */
  decl: InputDecl | undefined;
  /** The range of the name at the offset (the use's name, or the declaration's key). */
  range: Range;
}

const within = (r: Range, o: number) => r.start <= o && o <= r.end;

/**
 * Calls `visit` for each `inputs.NAME` or `inputs['NAME']` path of a template: the source ranges of
 * `inputs` and of NAME (inside the quotes when the source spells them plainly, as call-outputs.ts does).
 */
function eachUse(host: TemplateString, visit: (name: string, root: Range, range: Range) => void): void {
  for (const part of host.template.parts) {
    if (part.kind !== 'expr') continue;
    walkExpr(part.expr, (e) => {
      if (e.type !== 'path' || e.root.name !== 'inputs') return;
      const first = named(e.segments[0], host);
      if (!first) return;
      const range = { start: host.toSource(first.range.start), end: host.toSource(first.range.end) };
      const inQuotes = e.segments[0].kind === 'index' && first.quote ? { start: range.start + 1, end: range.end - 1 } : range;
      visit(first.name, { start: host.toSource(e.root.range.start), end: host.toSource(e.root.range.end) }, inQuotes);
    });
  }
}

/** The input at `offset`: on a declared input's key, or on `inputs` or the name of an `inputs.NAME` use. */
export function inputAt(a: Analysis, offset: number): InputTarget | undefined {
  const decl = a.model.inputs.find((i) => within(i.nameRange, offset));
  if (decl) return { name: decl.name, decl, range: decl.nameRange };
  for (const host of everyTemplate(a.model)) {
    if (!within(host.range, offset)) continue;
    let found: InputTarget | undefined;
    eachUse(host, (name, root, range) => {
      if (!found && (within(root, offset) || within(range, offset))) found = { name, decl: a.model.inputs.find((i) => i.name === name), range };
    });
    if (found) return found;
  }
  return undefined;
}

/**
 * The range of every use of input `name`, in document order. A template that YAML aliases into two
 * places is one piece of text: its uses are listed once.
 */
export function inputUses(a: Analysis, name: string): Range[] {
  const seen = new Set<number>();
  const out: Range[] = [];
  for (const host of everyTemplate(a.model)) {
    eachUse(host, (n, _root, range) => {
      if (n !== name || seen.has(range.start)) return;
      seen.add(range.start);
      out.push(range);
    });
  }
  return out.sort((x, y) => x.start - y.start);
}
