// Lines as LSP positions count them: a line ends at "\n", "\r\n" or a lone "\r" (LSP spec), as in
// the editor's TextDocument and the engine's line index (engine/src/model/line-index.ts). The
// services that read the text around the cursor line by line (completion, hover, quick fixes) use
// these instead of searching for '\n', which read a CRLF line with its CR and a file with lone CRs
// as one line.

/** The break that ends a line: CRLF, LF or a lone CR. */
const BREAK = /\r\n|\r|\n/;

/** The lines of `text` without their breaks (one more than the breaks, as LSP counts them). */
export function splitLines(text: string): string[] {
  return text.split(BREAK);
}

/**
 * The start of the line that holds `offset`. An offset between the CR and the LF of a CRLF is on
 * the line that the CRLF ends, as for the line index.
 */
export function lineStartAt(text: string, offset: number): number {
  for (let i = Math.min(offset, text.length) - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13 && text.charCodeAt(i + 1) !== 10) return i + 1;
  }
  return 0;
}

/** Where the line that holds `offset` ends: its break's first character, or the end of the text. */
export function lineEndAt(text: string, offset: number): number {
  let i = Math.max(0, offset);
  if (i > 0 && i < text.length && text.charCodeAt(i - 1) === 13 && text.charCodeAt(i) === 10) return i - 1;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

/** The start of the line after the one that holds `offset`, or -1 when that is the last line. */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEndAt(text, offset);
  if (end >= text.length) return -1;
  return end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
}

/** The line break `text` uses: that of its first line, or LF when it has none (for inserted lines). */
export function lineBreakOf(text: string): string {
  const m = BREAK.exec(text);
  return m ? m[0] : '\n';
}
