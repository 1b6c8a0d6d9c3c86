// Values shown on one line in hovers, completion details and code lenses. Four services cut text
// the same way; this is the one place that says how: whitespace runs become one space and a long
// text ends in '…' at `max` characters.

/** Text on one line: whitespace runs (newlines included) become one space, cut to `max` with '…'. */
export function shorten(text: string, max = 80): string {
  return cut(text.replace(/\s+/g, ' ').trim(), max);
}

/** A value as its JSON form (a text quoted, so `"3"` and `3` differ), cut to `max` with '…'. */
export function jsonPreview(v: unknown, max = 80): string {
  return cut(JSON.stringify(v) ?? String(v), max);
}

/** `s` cut to `max` characters, its last one '…', when it is longer. */
function cut(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** A text as the inside of a one-line markdown code span: a backtick would close it, so it shows as '. */
export function codeSpanText(text: string): string {
  return text.replace(/`/g, "'");
}
