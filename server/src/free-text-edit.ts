// The incremental path for the commonest keystroke: typing inside free text (a prompt, a command, a
// URL, a description) with no character that YAML or templates care about. Such an edit cannot
// change what the analyser reports, only where: the previous diagnostics are shifted instead of
// re-parsing and re-analysing the whole document. Anything else (or any doubt) returns undefined and
// the caller runs the full analysis. The fuzz test checks the result against a full analysis.
import { isScalar } from '../../engine/src/model/yaml-nodes.js';
import type { Analysis } from '../../engine/src/analysis/types.js';
import type { Diagnostic, Range, TemplateString } from '../../engine/src/model/types.js';
import { blockHeaderEnd, inIndentation } from './scalar-at.js';
import { siteFor, type Diff, type EditSite } from './edit-site.js';
import { everyTemplate } from './every-template.js';

/** Fields whose string value the analyser never interprets beyond "a string" (and templates, excluded here). */
const FREE_TEXT_KEYS = new Set(['prompt', 'system', 'run', 'shell', 'url', 'description', 'name', 'content']);
/** Characters an edit may contain / be next to: nothing that can start or end YAML syntax or a template. */
const SAFE = /^[A-Za-z0-9 _.,;()/+=?!~^%@<>*&|-]*$/;
const UNSAFE_NEIGHBOUR = new Set(['$', '{', '}', '\\', "'", '"', '#', ':', '\t']);

/** Maps offsets of the old text to the new one (offsets inside the changed region go to its start). */
export function oldToNew(d: Diff): (o: number) => number {
  const delta = d.newEnd - d.oldEnd;
  return (o) => (o <= d.start ? o : o >= d.oldEnd ? o + delta : d.start);
}

/** Maps offsets of the new text to the old one. */
export function newToOld(d: Diff): (o: number) => number {
  const delta = d.newEnd - d.oldEnd;
  return (o) => (o <= d.start ? o : o >= d.newEnd ? o - delta : d.start);
}

/**
 * Diagnostics of `newText`, derived from the analysis of `oldText` when the edit is free text; else
 * undefined. `site`: the edit as the caller already worked it out (edit-site.ts), when it has.
 */
export function shiftedDiagnostics(a: Analysis, oldText: string, newText: string, site?: EditSite): Diagnostic[] | undefined {
  const d = freeTextEdit(a, oldText, newText, site);
  if (!d) return undefined;
  const map = oldToNew(d);
  const shift = (r: Range): Range => ({ start: map(r.start), end: map(r.end) });
  const file = a.model.file;
  return a.diagnostics.map((x) => ({
    ...x,
    range: shift(x.range),
    ...(x.related ? { related: x.related.map((r) => (r.file === file ? { ...r, range: shift(r.range) } : r)) } : {}),
  }));
}

/**
 * The changed region when `newText` differs from `oldText` (the text `a` analysed) only by free
 * text, so that every result of `a` holds for `newText` with offsets shifted; else undefined.
 * `site`, when given and describing this edit, supplies the diff and the scalar lookup, and keeps
 * the answer for the next caller with the same site and analysis.
 */
export function freeTextEdit(a: Analysis, oldText: string, newText: string, site?: EditSite): Diff | undefined {
  if (!a.model.yaml || a.model.parseDiagnostics.length) return undefined;
  if (oldText === newText) return { start: 0, oldEnd: 0, newEnd: 0 };
  const at = siteFor(site, a.model.yaml, oldText, newText);
  return at.freeText(a, () => check(a, oldText, newText, at));
}

/** freeTextEdit's answer, worked out (once per edit site and analysis). */
function check(a: Analysis, oldText: string, newText: string, at: EditSite): Diff | undefined {
  const d = at.diff;
  const oldMid = oldText.slice(d.start, d.oldEnd);
  const newMid = newText.slice(d.start, d.newEnd);
  if (!SAFE.test(oldMid) || !SAFE.test(newMid)) return undefined;
  if (d.start === 0 || UNSAFE_NEIGHBOUR.has(newText[d.start - 1]) || (d.newEnd < newText.length && UNSAFE_NEIGHBOUR.has(newText[d.newEnd]))) return undefined;
  // Not in a flow collection (`,` `]` `}` end scalars there), and the value of a free-text key.
  const { hit } = at.scalar;
  if (!hit || hit.flow || !isScalar(hit.key) || !FREE_TEXT_KEYS.has(String(hit.key.value))) return undefined;
  const sc = hit.scalar;
  if (typeof sc.value !== 'string') return undefined;
  const [start, valueEnd] = sc.range!;
  if (sc.value.includes('$')) {
    // Text around templates is free too, as long as the edit stays outside every `${...}`: where
    // the value-to-source map puts each one, which must hold the expression's own text (the map
    // aligns characters greedily and gives up on a character it does not find; an expression over
    // two lines holds indentation the value does not).
    const host = templateHost(a, start);
    if (!host || host.template.single || host.template.errors.length) return undefined;
    for (const part of host.template.parts) {
      if (part.kind !== 'expr') continue;
      const ps = host.toSource(part.range.start);
      const pe = host.toSource(part.range.end);
      if (oldText.slice(ps, pe) !== host.value.slice(part.range.start, part.range.end)) return undefined;
      if (d.start <= pe && ps <= d.oldEnd) return undefined;
    }
  }
  const delta = d.newEnd - d.oldEnd;
  switch (sc.type) {
    case 'PLAIN': {
      if (!(d.start > start && d.oldEnd <= valueEnd)) return undefined;
      // YAML drops a plain value's trailing spaces (only a line break, spaces, a tab or a comment can
      // follow it on its line): a space typed at its end leaves the value as it was, and the word typed
      // after it is diffed against the same analysis, so it stays at the end of the value too.
      const v = newText.slice(start, valueEnd + delta).replace(/ +$/, '');
      if (/[\r\n]/.test(v) || !/[A-Za-z_]/.test(v[0]) || /^(true|false|null|yes|no|on|off|y|n)$/i.test(v.trim()) || /\s$/.test(v)) return undefined;
      break;
    }
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE': {
      if (!(d.start > start && d.oldEnd < valueEnd)) return undefined;
      if (newText.slice(start + 1, valueEnd - 1 + delta).trim() === '') return undefined;
      if (/[\r\n]/.test(oldText.slice(start, valueEnd))) return undefined;
      break;
    }
    default: {
      // Block scalars: the edit (SAFE: no line break) must sit on a content line after its indentation, which keeps the line non-blank.
      if (blockHeaderEnd(oldText, start, d.start) < 0 || d.oldEnd > valueEnd || inIndentation(oldText, d.start)) return undefined;
    }
  }
  return d;
}

/** The template of the scalar that starts at `start` (a step's field, a top-level output, env: or config:), if it has one. */
export function templateHost(a: Analysis, start: number): TemplateString | undefined {
  for (const t of everyTemplate(a.model)) if (t.range.start === start) return t;
  return undefined;
}
