// Document highlight: a step's id (write) and every reference to it (read).
import type { DocumentHighlight } from 'vscode-languageserver-types';
import { DocumentHighlightKind } from 'vscode-languageserver-types';
import type { Analysed } from './context.js';
import { innerRange, referencesTo, targetAt, targetStep } from './target-at.js';

export function highlight(d: Analysed, offset: number): DocumentHighlight[] {
  const step = targetStep(targetAt(d.analysis, offset));
  if (!step) return [];
  const h = (r: { start: number; end: number }, kind: DocumentHighlightKind): DocumentHighlight => {
    const i = innerRange(d.text, r);
    return { range: { start: d.positionAt(i.start), end: d.positionAt(i.end) }, kind };
  };
  return [h(step.idRange, DocumentHighlightKind.Write), ...referencesTo(d.analysis, step).map((r) => h(r.range, DocumentHighlightKind.Read))];
}
