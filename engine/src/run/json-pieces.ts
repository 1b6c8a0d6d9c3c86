// JSON.stringify's text of a value, produced piece by piece so that a reader can stop early. Whole,
// a step's value could be past what one string holds (a foreach of 20 items of 40 MB each is 800 MB
// of JSON: `Invalid string length`), or nested past JSON.stringify's recursion (a `parse: json` of
// `[[[...]]]` 5,000 deep: `Maximum call stack size exceeded`): either one, thrown from the output
// preview or the record, crashed `weft run` mid-run. The preview takes the head it shows, the
// resume hash feeds the pieces to its digest (the same bytes as before), and a leaf's output is
// measured against the output limit, each without building the whole text.
import { tooLargeText } from './actions/output-limit.js';

/** How deep a step's output may nest (JSON.stringify fails at about 4,000 levels; 1,000 leaves room for the blocks around it). */
export const MAX_OUTPUT_DEPTH = 1000;

/** Thrown by `emitJson` when a value nests deeper than `maxDepth`. */
export class TooDeep extends Error {}

/**
 * Calls `emit` with the pieces of `JSON.stringify(value)`'s text, in order, until `emit` returns
 * false (then returns false). Nothing is emitted for what JSON.stringify leaves out (a top-level
 * `undefined`, a function). Objects nested deeper than `maxDepth` throw TooDeep.
 */
export function emitJson(value: unknown, emit: (piece: string) => boolean, maxDepth = Infinity): boolean {
  const walk = (v: unknown, key: string, depth: number): boolean => {
    if (v !== null && typeof v === 'object' && typeof (v as { toJSON?: unknown }).toJSON === 'function') v = (v as { toJSON(k: string): unknown }).toJSON(key);
    if (typeof v === 'string' && v.length > STRING_PIECE) return emitString(v, emit);
    if (v === null || typeof v !== 'object') {
      const text = JSON.stringify(v);
      return text === undefined || emit(text);
    }
    if (depth >= maxDepth) throw new TooDeep(`nested more than ${maxDepth} levels deep`);
    if (Array.isArray(v)) {
      if (!emit('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !emit(',')) return false;
        const x = v[i];
        if (x === undefined || typeof x === 'function' || typeof x === 'symbol') {
          if (!emit('null')) return false;
        } else if (!walk(x, String(i), depth + 1)) return false;
      }
      return emit(']');
    }
    if (!emit('{')) return false;
    let first = true;
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (x === undefined || typeof x === 'function' || typeof x === 'symbol') continue;
      if (!emit(first ? `${JSON.stringify(k)}:` : `,${JSON.stringify(k)}:`)) return false;
      first = false;
      if (!walk(x, k, depth + 1)) return false;
    }
    return emit('}');
  };
  return walk(value, '', 0);
}

/** Long strings are quoted this many characters at a time. */
const STRING_PIECE = 65_536;

/** JSON.stringify(s) in pieces of STRING_PIECE characters, never splitting a surrogate pair (the halves would be escaped). */
function emitString(s: string, emit: (piece: string) => boolean): boolean {
  if (!emit('"')) return false;
  for (let i = 0; i < s.length; ) {
    let end = Math.min(s.length, i + STRING_PIECE);
    if (end < s.length && (s.charCodeAt(end - 1) & 0xfc00) === 0xd800 && (s.charCodeAt(end) & 0xfc00) === 0xdc00) end--;
    if (!emit(JSON.stringify(s.slice(i, end)).slice(1, -1))) return false;
    i = end;
  }
  return emit('"');
}

/**
 * The first `max` characters (at least) of JSON.stringify(value)'s text, and whether there is more.
 * A long string is quoted a piece at a time, so a 60 MB text costs little more than a short one.
 */
export function jsonHead(value: unknown, max: number): { text: string; cut: boolean } {
  const parts: string[] = [];
  let length = 0;
  const done = emitJson(value, (piece) => {
    parts.push(piece);
    length += piece.length;
    return length <= max;
  });
  const text = parts.join('');
  return done ? { text, cut: false } : { text: text.slice(0, max), cut: true };
}

/**
 * Why a leaf step's output cannot be kept (or undefined when it can): its JSON, as the record writes
 * it, passes `limit` bytes, or it nests deeper than MAX_OUTPUT_DEPTH. The actions count what they
 * read against the limit as it streams in; this catches what they build (a stub's templated
 * `output`, `parse: json` of a document 5,000 levels deep), which passed unchecked: 160 MB from a
 * stub, a preview that overflowed the stack. `what` names the step's kind.
 */
export function outputProblem(what: string, output: unknown, limit: number): string | undefined {
  // At most 6 bytes per UTF-16 unit (`\u0001`), and the quotes.
  if (output === null || typeof output !== 'object') {
    if (typeof output !== 'string' || output.length * 6 + 2 <= limit) return undefined;
  }
  try {
    // A text is counted without its quotes, as the actions count what they read (output-limit.ts).
    if (jsonBytesWithin(output, typeof output === 'string' ? limit + 2 : limit) !== undefined) return undefined;
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    return `${what}: the output is ${e.message}, deeper than a run's record can hold`;
  }
  return `${what}: ${tooLargeText('the output', limit)}`;
}

/**
 * The bytes of `value`'s JSON in UTF-8, or undefined once they pass `limit` (the rest is not
 * walked). Throws TooDeep past MAX_OUTPUT_DEPTH.
 */
export function jsonBytesWithin(value: unknown, limit: number): number | undefined {
  let bytes = 0;
  const whole = emitJson(
    value,
    (piece) => {
      bytes += Buffer.byteLength(piece, 'utf8');
      return bytes <= limit;
    },
    MAX_OUTPUT_DEPTH,
  );
  return whole ? bytes : undefined;
}
