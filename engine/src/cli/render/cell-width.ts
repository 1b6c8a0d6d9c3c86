// How many terminal columns (cells) a character takes, for the live view's lines (render/live.ts),
// which must each fit on one row: the view moves the cursor up by its count of lines to redraw, so
// a line that wraps leaves a stale row behind on every redraw. CJK text and emoji take two columns
// (a step `name:` or a foreach item in Japanese), combining marks and zero-width characters none,
// as wcwidth(3) and the terminals count them. Characters whose width is ambiguous (box drawing, `…`)
// count one, as terminals outside CJK locales draw them.

/** Marks drawn on the character before them, and format characters (zero-width space, joiner, BOM). */
const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}]$/u;
/** Emoji drawn as pictures (two columns) without a variation selector. */
const EMOJI = /^\p{Emoji_Presentation}$/u;

/** East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth.txt, condensed). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], [0x2329, 0x232a], [0x2e80, 0x303e], [0x3041, 0x33ff], [0x3400, 0x4dbf],
  [0x4e00, 0x9fff], [0xa000, 0xa4cf], [0xa960, 0xa97f], [0xac00, 0xd7a3], [0xf900, 0xfaff],
  [0xfe10, 0xfe19], [0xfe30, 0xfe6f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x16fe0, 0x16fe4],
  [0x17000, 0x18aff], [0x1b000, 0x1b2ff], [0x1f200, 0x1f2ff], [0x20000, 0x2fffd], [0x30000, 0x3fffd],
];

/** Columns taken by the character `ch` (one code point); control characters are not measured here. */
export function cellWidth(ch: string): 0 | 1 | 2 {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x300) return 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  for (const [lo, hi] of WIDE) {
    if (cp < lo) break;
    if (cp <= hi) return 2;
  }
  return EMOJI.test(ch) ? 2 : 1;
}

/** A control character (C0, DEL, C1), which a terminal acts on instead of drawing. */
function isControl(ch: string): boolean {
  const cp = ch.codePointAt(0)!;
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/** The character `ch` (one code point) as the terminal should show it: a control character as a space when it is white space, else `�`. */
export function shownChar(ch: string): string {
  return isControl(ch) ? (/\s/.test(ch) ? ' ' : '\ufffd') : ch;
}

const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g;

/**
 * `text` from a step (its name, item or error) as the terminal should show it, each character as
 * `shownChar` shows it. An escape sequence in it, a colour code included, is shown rather than run.
 */
export function shownText(text: string): string {
  return text.replace(CONTROLS, shownChar);
}
