// The name a template path's segment gives (`.name` or `['name']`) and the quoting of a "did you
// mean" fix for it: read by the reference checks (references.ts), the status comparisons
// (status-values.ts), a called file's outputs (call-outputs.ts) and the language server. Apart from
// references.ts, so that those do not import it back (status-values.ts and references.ts imported
// each other).
import type { Diagnostic, Range, TemplateString } from '../model/types.js';
import type { Segment } from '../template/ast.js';

/**
 * The name a path segment gives: `.name`, or `['name']` (a text literal in brackets, which the run
 * reads as the same name: `inputs['my-input']` is `inputs.my-input`), with its range. A dotted name is
 * the segment itself (this runs for every path of every template, on each keystroke: nothing is
 * allocated for it); a bracketed one carries the quote its "did you mean" fix is written in (its
 * range is the literal with its quotes), '' where the source does not spell the literal as the
 * value does (escapes): no fix is offered there (fixData).
 */
export interface SegmentName {
  name: string;
  range: Range;
  quote?: string;
}

export function named(seg: Segment | undefined, ts: TemplateString): SegmentName | undefined {
  if (!seg) return undefined;
  if (seg.kind === 'prop') return seg.name ? seg : undefined;
  const lit = seg.expr;
  if (lit.type !== 'literal' || typeof lit.value !== 'string') return undefined;
  const written = ts.value.slice(lit.range.start, lit.range.end);
  const quote = written[0];
  const plain = (quote === "'" || quote === '"') && written === `${quote}${lit.value}${quote}` && ts.toSource(lit.range.end) - ts.toSource(lit.range.start) === written.length;
  return { name: lit.value, range: lit.range, quote: plain ? quote : '' };
}

/** The data of a "did you mean `suggestion`" fix for the name `at`, quoted as it is written; none without a suggestion. */
export function fixData(at: SegmentName, suggestion: string | undefined): Diagnostic['data'] | undefined {
  if (!suggestion) return undefined;
  if (at.quote === undefined) return { suggestion };
  return at.quote && !suggestion.includes(at.quote) ? { suggestion: `${at.quote}${suggestion}${at.quote}` } : undefined;
}
