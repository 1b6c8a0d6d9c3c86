// The text a user gets by taking every quick fix the analyser offers at once (each diagnostic's
// data.suggestion written over its range), for tests that check a fix leaves a clean file.
import { analyseText } from '../../src/analysis/analyse.js';

/** `text` with every diagnostic's suggestion applied, last first so earlier offsets hold. */
export function withSuggestions(text: string, file: string): string {
  const ds = analyseText(text, file).diagnostics.filter((d) => d.data?.suggestion !== undefined).sort((a, b) => b.range.start - a.range.start);
  return ds.reduce((t, d) => t.slice(0, d.range.start) + d.data!.suggestion + t.slice(d.range.end), text);
}
