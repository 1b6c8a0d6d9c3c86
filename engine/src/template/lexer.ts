// Tokens of the expression language inside `${...}` (language spec section 4), each with its range,
// so that a diagnostic can point at one name inside a template.
import type { Range } from '../model/types.js';

export type TokenKind = 'ident' | 'number' | 'string' | 'op' | 'punct' | 'close' | 'bad';

export interface Token {
  kind: TokenKind;
  text: string;
  /** For strings: the unescaped value; for numbers: the numeric value. */
  value?: string | number;
  range: Range;
  /** For strings: false when the closing quote is missing. */
  terminated?: boolean;
}

const isIdentStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95; // a-z A-Z _
const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentPart = (c: number) => isIdentStart(c) || isDigit(c) || c === 45; // and 0-9 -

/**
 * Where the identifier starting at `i` ends (`i` when none starts there): the longest run of the
 * spec's step-id rule `[A-Za-z_][A-Za-z0-9_-]*`, a trailing '-' included. The grammar has no minus
 * operator (a '-' starts only a number literal, which never directly follows a name), so `a-` in
 * `${steps.a-.output}` can only be the id `a-`.
 */
function identEnd(text: string, i: number): number {
  if (i >= text.length || !isIdentStart(text.charCodeAt(i))) return i;
  let j = i + 1;
  while (j < text.length && isIdentPart(text.charCodeAt(j))) j++;
  return j;
}

/**
 * Whether `s` reads as one identifier: the language's one rule for a step id (spec section 2), so
 * that `steps.${s}` names it. The server's rename uses it too; the schema's `stepId` pattern is
 * the same rule written as a regular expression (identifier.test.ts checks that they agree).
 */
export function isIdentifier(s: string): boolean {
  return s.length > 0 && identEnd(s, 0) === s.length;
}

const NUMBER = /-?\d+(\.\d+)?([eE][+-]?\d+)?/y;
const TWO_CHAR_OPS = ['??', '||', '&&', '==', '!=', '<=', '>='];

/**
 * Lexes from `start` until the `}` that closes the template (returned as a 'close' token) or the end
 * of the text. A `}` outside a string always closes: the grammar has no braces, so an unclosed `(`
 * or `[` is reported by the parser instead of swallowing the rest of the value.
 */
export function lexExpression(text: string, start: number): Token[] {
  const tokens: Token[] = [];
  let i = start;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '}') {
      tokens.push({ kind: 'close', text: '}', range: { start: i, end: i + 1 } });
      return tokens;
    }
    if (isIdentStart(text.charCodeAt(i))) {
      const j = identEnd(text, i);
      if (isForeign(text, j)) {
        const end = wordEnd(text, j);
        tokens.push({ kind: 'bad', text: text.slice(i, end), range: { start: i, end } });
        i = end;
        continue;
      }
      tokens.push({ kind: 'ident', text: text.slice(i, j), range: { start: i, end: j } });
      i = j;
      continue;
    }
    if (isDigit(text.charCodeAt(i)) || (c === '-' && isDigit(text.charCodeAt(i + 1)))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      const s = m ? m[0] : c;
      tokens.push({ kind: 'number', text: s, value: Number(s), range: { start: i, end: i + s.length } });
      i += s.length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      let terminated = false;
      while (j < text.length) {
        const d = text[j];
        if (d === '\\' && j + 1 < text.length) {
          const e = text[j + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
          continue;
        }
        if (d === c) {
          terminated = true;
          j++;
          break;
        }
        value += d;
        j++;
      }
      tokens.push({ kind: 'string', text: text.slice(i, j), value, range: { start: i, end: j }, terminated });
      i = j;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.includes(two)) {
      tokens.push({ kind: 'op', text: two, range: { start: i, end: i + 2 } });
      i += 2;
      continue;
    }
    if (c === '<' || c === '>' || c === '!') {
      tokens.push({ kind: 'op', text: c, range: { start: i, end: i + 1 } });
      i++;
      continue;
    }
    if ('()[].,'.includes(c)) {
      tokens.push({ kind: 'punct', text: c, range: { start: i, end: i + 1 } });
      i++;
      continue;
    }
    // A word beyond ASCII is one token; any other stray character one, a surrogate pair whole.
    const end = isForeign(text, i) ? wordEnd(text, i) : i + 1;
    tokens.push({ kind: 'bad', text: text.slice(i, end), range: { start: i, end } });
    i = end;
  }
  return tokens;
}

/**
 * Whether the character at `i` is beyond ASCII and not a space: a letter (`é`, `中`), a mark or an
 * emoji, which no name holds (names follow the ASCII step-id rule), so that `café` and `a😀b` are
 * read as one word that is not a name rather than a name and stray characters.
 */
function isForeign(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0x80 && !/\s/.test(text[i]!);
}

/** Where the word that runs on at `i` ends: name characters and characters beyond ASCII. */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length && (isIdentPart(text.charCodeAt(j)) || isForeign(text, j))) j++;
  return j;
}
