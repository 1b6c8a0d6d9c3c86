// Where and why JSON text does not parse, in words a person can act on: `unexpected token '}' at
// line 2, column 10 (position 18)`. V8's message names the problem, but not always the position
// (`Unexpected token`, `Unexpected end`), and quotes the text itself. Pure, below the run: the
// steps that read JSON (json-text.ts) and the template function `fromJson` both say it this way.

/** What is wrong with `text`, which JSON.parse refused with `error`, and where. */
export function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const given = / at position (\d+)/.exec(message);
  const at = given ? Number(given[1]) : jsonErrorAt(text);
  const problem = message
    .replace(/^(Unexpected token .+?), (\.\.\.)?".*is not valid JSON$/s, '$1')
    .replace(/( in JSON)? at position \d+.*$/s, '')
    .replace(/^\w/, (c) => c.toLowerCase());
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return `${problem} at line ${line}, column ${column} (position ${at})`;
}

/** Where JSON parsing of `text` stops: the offset of the first character that cannot continue valid JSON (text.length if it ends early). */
function jsonErrorAt(text: string): number {
  let i = 0;
  const skip = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const string = (): boolean => {
    if (text[i] !== '"') return false;
    for (i++; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) return i++, true;
      if (c < 0x20) return false;
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          for (let k = 0; k < 4; k++) if (!/[0-9a-fA-F]/.test(text[++i] ?? '')) return false;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return false;
      }
    }
    return false;
  };
  const digits = (): boolean => {
    const from = i;
    while (i < text.length && text[i] >= '0' && text[i] <= '9') i++;
    return i > from;
  };
  const number = (): boolean => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (!digits()) return false;
    if (text[i] === '.' && (i++, !digits())) return false;
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digits()) return false;
    }
    return true;
  };
  const word = (): boolean => {
    const w = ['true', 'false', 'null'].find((x) => x[0] === text[i]);
    if (!w) return false;
    for (const ch of w) if (text[i] === ch) i++;
    else return false;
    return true;
  };
  const closers: string[] = [];
  for (;;) {
    // A value.
    skip();
    if (text[i] === '{' || text[i] === '[') {
      const close = text[i] === '{' ? '}' : ']';
      i++;
      skip();
      if (text[i] === close) i++;
      else {
        closers.push(close);
        if (close === '}') {
          if (!string()) return i;
          skip();
          if (text[i] !== ':') return i;
          i++;
        }
        continue;
      }
    } else if (!(text[i] === '"' ? string() : text[i] === '-' || (text[i] >= '0' && text[i] <= '9') ? number() : word())) return i;
    // After a value: a comma, a closing bracket, or the end.
    for (;;) {
      skip();
      const close = closers.at(-1);
      if (close === undefined) return i;
      if (text[i] === close) {
        i++;
        closers.pop();
        continue;
      }
      if (text[i] !== ',') return i;
      i++;
      if (close === '}') {
        skip();
        if (!string()) return i;
        skip();
        if (text[i] !== ':') return i;
        i++;
      }
      break;
    }
  }
}
