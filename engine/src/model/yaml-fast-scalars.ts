// Scalar values for the YAML fast path (yaml-fast-parse.ts): plain scalars resolved by the YAML 1.2
// core schema and double-quoted escapes, exactly as the `yaml` package resolves them.

/** Plain scalar resolution of the YAML 1.2 core schema, as the `yaml` package does it. */
export function resolvePlain(s: string): unknown {
  // Most plain scalars are words: nothing but text can start with another character.
  const c = s.charCodeAt(0);
  if (s.length > 0 && !((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46 || c === 126 || c === 116 || c === 84 || c === 102 || c === 70 || c === 110 || c === 78)) return s;
  if (/^(?:~|[Nn]ull|NULL)?$/.test(s)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(s)) return s[0] === 't' || s[0] === 'T';
  if (/^0o[0-7]+$/.test(s)) return parseInt(s.slice(2), 8);
  if (/^[-+]?[0-9]+$/.test(s)) return parseInt(s, 10);
  if (/^0x[0-9a-fA-F]+$/.test(s)) return parseInt(s.slice(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? -Infinity : Infinity;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(s) || /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(s)) return parseFloat(s);
  return s;
}

const ESCAPES: Record<string, string> = { '0': '\0', a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ', '"': '"', '/': '/', '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029' };

/** The value of a one-line double-quoted scalar's body, or undefined for an escape YAML does not know. */
export function unescapeDouble(body: string): string | undefined {
  let bad = false;
  const value = body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_m, e: string) => {
    if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
    const r = ESCAPES[e];
    if (r === undefined) bad = true;
    return r ?? '';
  });
  return bad ? undefined : value;
}
