// Whether Mermaid at its default limits, as GitHub markdown runs it, can draw a `weft graph --format
// mermaid` text. Mermaid refuses a diagram with more than 500 edges (an "Edge limit exceeded" error)
// and draws one box saying "Maximum text size in diagram exceeded" for a text over 50,000 characters;
// both limits are secure settings that a diagram's own `%%{init}%%` cannot raise. A workflow of a
// few hundred steps with their needs passes both; one of 2,000 steps does not (about 2,000 edges and
// 110,000 characters). The output stays the same: other renderers take larger diagrams.

/** Mermaid's defaults for `maxTextSize` and `maxEdges` (mermaid/dist config, checked by graph-mermaid-render.test.ts). */
export const MERMAID_MAX_TEXT = 50_000;
export const MERMAID_MAX_EDGES = 500;

/** Why Mermaid at its defaults would not draw this text, or undefined when it would. */
export function mermaidTooLarge(text: string): string | undefined {
  const edges = text.split('\n').filter((line) => / --> /.test(line)).length;
  // Mermaid measures the text as a JavaScript string (UTF-16 code units), as `length` does.
  const reasons = [
    edges > MERMAID_MAX_EDGES ? `${edges} edges (Mermaid draws at most ${MERMAID_MAX_EDGES})` : '',
    text.length > MERMAID_MAX_TEXT ? `${text.length} characters (Mermaid reads at most ${MERMAID_MAX_TEXT})` : '',
  ].filter(Boolean);
  if (!reasons.length) return undefined;
  return `this graph has ${reasons.join(' and ')}: GitHub markdown and other Mermaid renderers with the default limits show an error instead of it; use --format dot or --format json for a graph this large`;
}
