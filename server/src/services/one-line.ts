// Values shown on one line in hovers, completion details and code lenses. Four services cut text
// the same way; this is the one place that says how: whitespace runs become one space and a long
// text ends in '…' at `max` characters. A cut never splits an emoji's surrogate pair: half of one is
// not text (VS Code shows '�' for it, and a strict JSON reader refuses the whole answer).

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
  return s.length > max ? sliceWhole(s, max - 1) + '…' : s;
}

/** The first `end` UTF-16 units of `s`, one fewer when the last would be half of a surrogate pair. */
export function sliceWhole(s: string, end: number): string {
  const last = s.charCodeAt(end - 1);
  return s.slice(0, last >= 0xd800 && last <= 0xdbff ? end - 1 : end);
}

/** A text as the inside of a one-line markdown code span: a backtick would close it, so it shows as '. */
export function codeSpanText(text: string): string {
  return text.replace(/`/g, "'");
}
