// Where an edit falls, worked out once per keystroke for both incremental paths: free-text-edit.ts
// (shift the previous diagnostics) and scalar-edit.ts (derive the next YAML Document) each need the
// changed region between the analysed text and the editor's text, and the scalar value that holds
// it. Before this, each worked both out for itself on every keystroke, with its own depth limit.
// The site also keeps the free-text path's verdict, which the diagnostics and every request of the
// version ask for.
import type { Document, Node } from 'yaml';
import { scalarAt, type ScalarHit } from './scalar-at.js';

/**
 * How many collections deep the scalar lookup goes (a scalar deeper than this takes neither
 * shortcut: a full analysis). One limit for both paths: 500, scalar-edit.ts's. The walk is a loop,
 * so the limit only bounds the work in a pathological file, and neither path's answer depends on
 * depth. The scalar path's derived Document is checked against a full parse at any depth. The free-text path
 * (which had 200) refuses a value with a `$` unless the analyser collected its template (the
 * engine's template walk stops at 200 deep, engine/src/model/template-strings.ts), and an edit
 * of its safe characters in a free-text value without templates leaves every result alone at any
 * depth. So the larger limit keeps every shortcut either path took before (a test types 300 deep).
 */
export const MAX_SCALAR_DEPTH = 500;

export interface Diff { start: number; oldEnd: number; newEnd: number }

/** The single changed region between two texts (common prefix and suffix). */
export function diffRegion(oldText: string, newText: string): Diff {
  const max = Math.min(oldText.length, newText.length);
  let p = 0;
  while (p < max && oldText.charCodeAt(p) === newText.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && oldText.charCodeAt(oldText.length - 1 - s) === newText.charCodeAt(newText.length - 1 - s)) s++;
  return { start: p, oldEnd: oldText.length - s, newEnd: newText.length - s };
}

/** The scalar holding the changed region, with the key/index steps to it (scalarAt's `steps`). */
export interface SiteScalar { hit: ScalarHit | undefined; steps: (Node | null | number)[] }

/**
 * The edit from `oldText` (which `doc` was parsed from) to `newText`. The diff and the lookup are
 * made on first use and kept, so a path that refuses early costs nothing.
 */
export class EditSite {
  private d: Diff | undefined;
  private s: SiteScalar | undefined;
  /** The free-text verdict (free-text-edit.ts) and the analysis of the old text it was made for. */
  private ft: { analysis: object; diff: Diff | undefined } | undefined;

  constructor(readonly doc: Document | undefined, readonly oldText: string, readonly newText: string) {}

  get diff(): Diff {
    return (this.d ??= diffRegion(this.oldText, this.newText));
  }

  /** The scalar value (never a key) whose value range holds the changed region of the old text. */
  get scalar(): SiteScalar {
    if (!this.s) {
      const d = this.diff;
      const steps: (Node | null | number)[] = [];
      const hit = scalarAt((this.doc?.value ?? null) as Node | null, d.start, d.oldEnd, MAX_SCALAR_DEPTH, steps);
      this.s = { hit, steps };
    }
    return this.s;
  }

  /**
   * The free-text check's answer for this edit from `analysis` (an analysis of the old text): made
   * by `check` on the first call and kept, so the diagnostics and each request of a version (tokens,
   * hints, lenses, ... after every keystroke) ask it once. Another analysis gets its own answer.
   */
  freeText(analysis: object, check: () => Diff | undefined): Diff | undefined {
    if (this.ft?.analysis !== analysis) this.ft = { analysis, diff: check() };
    return this.ft.diff;
  }

  /** True when this site describes the same edit of the same Document (strings: the same text). */
  describes(doc: Document | undefined, oldText: string, newText: string): boolean {
    return doc === this.doc && oldText === this.oldText && newText === this.newText;
  }
}

/** `site` when it describes this edit, else a new site for it. */
export function siteFor(site: EditSite | undefined, doc: Document | undefined, oldText: string, newText: string): EditSite {
  return site && site.describes(doc, oldText, newText) ? site : new EditSite(doc, oldText, newText);
}
