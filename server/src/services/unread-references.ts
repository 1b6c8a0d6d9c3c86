// Text that names a step but that the analysis could not read. YAML stops making sense of a file at
// some errors (a tab as indentation, an unclosed flow mapping): the lines after it are not read as
// steps, so a `${steps.fetch.output}` or `needs: [fetch]` there is no reference in the analysis, and
// a rename that edits only the references it has would leave them naming the old id. While the file
// has a `yaml-syntax` error, this finds such text (from the text alone: `steps.ID` outside every
// template the model read, and an ID in a `needs` value or a `needs` block list that is no `needs`
// entry of the model), so that rename can refuse instead of renaming half the file.
import type { Diagnostic } from '../../../engine/src/model/types.js';
import type { Analysed } from './context.js';
import { innerRange } from './target-at.js';
import { inComment } from './comment-at.js';
import { lineEndAt, lineStartAt } from '../engine-api.js';
import { indentAt } from './yaml-path.js';
import { everyTemplate } from '../every-template.js';

/** The first place where text the analysis did not read names `id`, with the YAML error before it. */
export function unreadReference(d: Analysed, id: string): { at: number; error: Diagnostic } | undefined {
  const errors = d.analysis.diagnostics.filter((x) => x.code === 'yaml-syntax');
  if (!errors.length) return undefined;
  const m = d.analysis.model;
  const templates = [...everyTemplate(m)].map((t) => t.range);
  const needs = new Set(m.allSteps.flatMap((s) => s.needs.map((n) => innerRange(d.text, n.range).start)));
  const read = (at: number) => needs.has(at) || templates.some((r) => r.start <= at && at < r.end);
  for (const at of namings(d.text, id)) {
    if (read(at) || inComment(d.text, at)) continue;
    const error = errors.filter((e) => e.range.start <= at).pop() ?? errors[0];
    return { at, error };
  }
  return undefined;
}

const ID_CHAR = /[A-Za-z0-9_-]/;

/** Offsets, in order, where `id` is named as a step: `steps.ID`, a word of a `needs:` value, a `- ID` item under `needs:`. */
function namings(text: string, id: string): number[] {
  const out: number[] = [];
  const whole = (at: number) => !ID_CHAR.test(text[at - 1] ?? '') && !ID_CHAR.test(text[at + id.length] ?? '');
  for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
    if (!whole(at)) continue;
    const lineStart = lineStartAt(text, at);
    const before = text.slice(lineStart, at);
    if (/\bsteps\s*\.\s*$/.test(before) || /\bneeds\s*:/.test(before)) out.push(at);
    else if (/^[ \t]*-[ \t]+['"]?$/.test(before) && underNeeds(text, lineStart)) out.push(at);
  }
  return out;
}

const NEEDS_KEY = /^[ \t]*(?:-[ \t]+)?needs[ \t]*:[ \t]*(#.*)?$/;

/**
 * True when the block list item on the line at `lineStart` belongs to a `needs:` key: the first line
 * above that is neither blank, a comment, deeper, nor a sibling item is that key (less indented, or at
 * the item's own column: `needs:` then `- a`).
 */
function underNeeds(text: string, lineStart: number): boolean {
  const indent = indentAt(text, lineStart);
  let start = lineStart;
  for (let n = 0; n < 200 && start > 0; n++) {
    start = lineStartAt(text, start - 1);
    const line = text.slice(start, lineEndAt(text, start));
    if (/^\s*(#.*)?$/.test(line)) continue;
    const ind = indentAt(text, start);
    if (ind > indent || (ind === indent && /^[ \t]*-(?:[ \t]|$)/.test(line))) continue;
    return NEEDS_KEY.test(line);
  }
  return false;
}
