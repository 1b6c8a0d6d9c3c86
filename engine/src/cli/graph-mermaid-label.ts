// A Mermaid label from any text (a step's name, a branch name): quoted, with every character that
// Mermaid or the HTML it renders into would read as syntax written as a Mermaid entity code (`#lt;`,
// `#35;`), so that `<img src=x onerror=...>` in a step's name shows as text in GitHub markdown
// instead of becoming markup, and no name can end the label or the line early.

/** Mermaid entity codes (`#name;` or `#decimal;`), which Mermaid turns back into the character when it renders. */
const ENTITIES: Record<string, string> = {
  '"': '#quot;', // ends the quoted label
  '<': '#lt;', // markup: labels are rendered as HTML
  '>': '#gt;',
  '&': '#amp;', // an HTML entity in the name shows as written
  '#': '#35;', // a `#...;` in the name is not read as an entity code
  '%': '#37;', // `%%` starts a comment, `%%{...}%%` a directive
  '`': '#96;', // "` starts a markdown string
  ':': '#58;', // only before a non-space: `fa:fa-car` draws an icon, `style...:#...;` loses a `;`
  '\\': '#92;', // `\n` is drawn as a line break (`C:\new` showed as "C:" over "ew")
};

/**
 * Mermaid's lexer reads `.*direction\s+LR[^\n]*` (and TB, BT, RL, TD) as a direction statement
 * wherever it is on a line, before it reads the line's node: a label saying "direction LR" swallowed
 * its node's line, and a subgraph title saying so left an `end` without its `subgraph`. The space
 * after such a 'direction' is written as an entity code, which the lexer does not take for a space.
 */
const DIRECTION = /(direction)(\s)(?=\s*(?:TB|BT|RL|LR|TD))/g;

export function mermaidLabel(text: string): string {
  const escaped = text
    // A label is one line: line breaks and other control characters become spaces.
    .replace(/\r\n|[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, ' ')
    .replace(/["<>&#%`\\]|:(?=\S)/g, (c) => ENTITIES[c])
    .replace(DIRECTION, (_, word: string, space: string) => `${word}#${space.codePointAt(0)};`);
  return `"${escaped}"`;
}
