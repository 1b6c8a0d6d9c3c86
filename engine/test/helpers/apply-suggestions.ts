// The text a user gets by taking every quick fix the analyser offers at once (each diagnostic's
// data.suggestion written over its range), for tests that check a fix leaves a clean file.
import { analyseText } from '../../src/analysis/analyse.js';
import type { Analysis } from '../../src/analysis/types.js';

/** `text` with every diagnostic's suggestion applied, last first so earlier offsets hold. */
export function withSuggestions(text: string, file: string): string {
  const ds = analyseText(text, file).diagnostics.filter((d) => d.data?.suggestion !== undefined).sort((a, b) => b.range.start - a.range.start);
  return ds.reduce((t, d) => t.slice(0, d.range.start) + d.data!.suggestion + t.slice(d.range.end), text);
}

/** `text` with every fix taken (withSuggestions), and the analysis of that text. */
export function afterFixes(text: string, file: string): { text: string; analysis: Analysis } {
  const after = withSuggestions(text, file);
  return { text: after, analysis: analyseText(after, file) };
}

/** The ids of the steps that step `id` waits for (its own dependencies) in `analysis`. */
export function waitsFor(analysis: Analysis, id: string): string[] | undefined {
  return analysis.deps.get(analysis.model.allSteps.find((s) => s.id === id)!)?.map((s) => s.id);
}
