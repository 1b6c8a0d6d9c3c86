// Document highlight: a step's id (write) and every reference to it (read); a workflow input's
// declaration (write) and every `${inputs.NAME}` (read); a foreach item's `as:` (write) and its uses (read).
import type { DocumentHighlight } from 'vscode-languageserver-types';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import type { Analysed } from './context.js';
import { innerRange, referencesTo, targetAt, targetStep } from './target-at.js';
import { inputAt, inputUses } from './input-refs.js';
import { itemAt, itemDeclaration, itemUses } from './item-refs.js';

export function highlight(d: Analysed, offset: number): DocumentHighlight[] {
  const t = targetAt(d.analysis, offset);
  const h = (r: { start: number; end: number }, kind: DocumentHighlightKind): DocumentHighlight => {
    const i = innerRange(d.text, r);
    return { range: { start: d.positionAt(i.start), end: d.positionAt(i.end) }, kind };
  };
  const step = targetStep(t);
  if (!step) {
    const input = t.kind === 'none' ? inputAt(d.analysis, offset) : undefined;
    const item = !input && t.kind === 'none' ? itemAt(d.analysis, offset) : undefined;
    if (item) {
      const uses = itemUses(item.foreach, item.name).map((r) => h(r, DocumentHighlightKind.Read));
      const decl = itemDeclaration(d.analysis, item.foreach);
      return decl?.as ? [h(decl.range, DocumentHighlightKind.Write), ...uses] : uses;
    }
    if (!input) return [];
    const uses = inputUses(d.analysis, input.name).map((r) => h(r, DocumentHighlightKind.Read));
    return input.decl ? [h(input.decl.nameRange, DocumentHighlightKind.Write), ...uses] : uses;
  }
  return [h(step.idRange, DocumentHighlightKind.Write), ...referencesTo(d.analysis, step).map((r) => h(r.range, DocumentHighlightKind.Read))];
}
