// What is wrong with an http step's header before it is sent: a name that is not an HTTP token, a
// value with a character over U+00FF (fetch cannot send it) or a line break or NUL (which would end
// the header). fetch's own errors named neither the header nor, for a wide character, anything a
// user could find, and quoted the value of a bad one (a token, perhaps); this never quotes a value.

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** The problem with header `name: value` as words for the step's error, or undefined when it can be sent. */
export function headerProblem(name: string, value: string): string | undefined {
  if (!TOKEN.test(name)) return `'${name}' is not a header name: letters, digits and !#$%&'*+-.^_\`|~ only`;
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (code === 0x0a || code === 0x0d) return `header '${name}' holds a line break (${u(code)}), which would end the header`;
    if (code === 0) return `header '${name}' holds a NUL character (${u(code)})`;
    if (code > 0xff) return `header '${name}' holds '${ch}' (${u(code)}): HTTP headers carry characters up to U+00FF only; percent-encode the value (encodeURIComponent) or send it in the body`;
  }
  return undefined;
}

/** A code point as Unicode writes it: U+000A. */
function u(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
