// An independent reference for `${...}` templates, written from the language spec (section 4) and the
// project's documented choices (docs/engine.md "Templates at run time" and "if", docs/language-choices.md,
// the function docs of engine/src/analysis/step-properties.ts), not from the engine's code. The
// property test (template-reference.test.ts) compares the engine with it on random expressions.
// Where the spec and docs are silent this follows GitHub Actions' expressions; each such choice is
// marked "(GHA)" below, and "(doc)" marks one the docs state. Kept small and plainly recursive: it
// is only given the modest expressions the generators build.

export type RefNode =
  | { k: 'lit'; v: string | number | boolean | null }
  | { k: 'path'; root: string; segs: ({ k: 'name'; n: string } | { k: 'idx'; e: RefNode })[] }
  | { k: 'call'; f: string; args: RefNode[] }
  | { k: 'bin'; op: string; l: RefNode; r: RefNode }
  | { k: 'not'; e: RefNode };

export type RefPart = { k: 'text'; v: string } | { k: 'expr'; e: RefNode };

/** A template of a value: where it is (`${` to `}` inclusive, or to the end when unclosed) and whether it reads. */
export interface RefTemplate {
  start: number;
  end: number;
  ok: boolean;
}

export interface RefParsed {
  parts: RefPart[];
  templates: RefTemplate[];
  ok: boolean;
  single: boolean;
}

/** What a template can see: step records by id, inputs, env, run, foreach variables (item name, index). */
export interface RefContext {
  steps: Record<string, Record<string, unknown>>;
  inputs: Record<string, unknown>;
  env: Record<string, string>;
  run: Record<string, unknown>;
  vars: Record<string, unknown>;
}

export class RefError extends Error {}

type Tok = { t: 'id' | 'num' | 'str' | 'op'; s: string; v?: string | number };

const IDENT = /[A-Za-z_][A-Za-z0-9_-]*/y; // (doc) the step-id rule, language-choices "Step ids in expressions"
const NUM = /-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y; // a decimal number, a '-' only in front of digits
const OPS = ['??', '||', '&&', '==', '!=', '<=', '>=', '<', '>', '!', '(', ')', '[', ']', '.', ','];

/** Tokens from `i` to the `}` that closes the template; null when there is none or a character is not the language's. */
function lex(value: string, i: number): { toks: Tok[]; close: number } | { toks: null; close: number } {
  const toks: Tok[] = [];
  let bad = false;
  while (i < value.length) {
    const c = value[i];
    if (c === '}') return bad ? { toks: null, close: i } : { toks, close: i };
    if (' \t\r\n'.includes(c)) { i++; continue; }
    if (c === "'" || c === '"') {
      // Both quotes (spec); a backslash takes the next character as it is, \n and \t excepted
      // (docs/language-choices.md "Expressions").
      let j = i + 1;
      let s = '';
      while (j < value.length && value[j] !== c) {
        if (value[j] === '\\' && j + 1 < value.length) {
          const e = value[j + 1];
          s += e === 'n' ? '\n' : e === 't' ? '\t' : e;
          j += 2;
        } else s += value[j++];
      }
      if (j >= value.length) return { toks: null, close: -1 }; // an unterminated text swallows the `}`
      toks.push({ t: 'str', s: value.slice(i, j + 1), v: s });
      i = j + 1;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(value);
    if (id) { toks.push({ t: 'id', s: id[0] }); i += id[0].length; continue; }
    NUM.lastIndex = i;
    const num = NUM.exec(value);
    if (num) { toks.push({ t: 'num', s: num[0], v: Number(num[0]) }); i += num[0].length; continue; }
    const op = OPS.find((o) => value.startsWith(o, i));
    if (op) { toks.push({ t: 'op', s: op }); i += op.length; continue; }
    bad = true;
    i++;
  }
  return { toks: null, close: -1 };
}

/** Recursive descent over the spec's grammar; throws RefError where it does not read. */
function parseTokens(toks: Tok[]): RefNode {
  let p = 0;
  let depth = 0;
  const peek = () => toks[p];
  const isOp = (s: string) => p < toks.length && toks[p].t === 'op' && toks[p].s === s;
  const expect = (s: string) => {
    if (!isOp(s)) throw new RefError(`expected ${s}`);
    p++;
  };
  const nest = <T>(f: () => T): T => {
    // (doc) docs/language-server.md: expressions nested past 100 levels are template-syntax errors.
    if (++depth > 100) throw new RefError('too deep');
    try { return f(); } finally { depth--; }
  };
  const chain = (ops: string[], next: () => RefNode): RefNode => {
    let l = next();
    const outer = depth;
    try {
      while (ops.some(isOp)) {
        // (doc) each operator of a chain is a level: the tree gets one deeper per operator.
        if (++depth > 100) throw new RefError('too deep');
        const op = toks[p++].s;
        l = { k: 'bin', op, l, r: next() };
      }
      return l;
    } finally {
      depth = outer;
    }
  };
  const expression = (): RefNode => nest(() => chain(['??'], () => chain(['||'], () => chain(['&&'], not))));
  const not = (): RefNode => {
    if (isOp('!')) { p++; return nest(() => ({ k: 'not', e: not() })); }
    const l = primary();
    const op = ['==', '!=', '<=', '>=', '<', '>'].find(isOp);
    if (!op) return l;
    p++;
    return { k: 'bin', op, l, r: primary() };
  };
  const primary = (): RefNode => {
    const t = peek();
    if (!t) throw new RefError('expected a value');
    if (t.t === 'num' || t.t === 'str') { p++; return { k: 'lit', v: t.v as string | number }; }
    if (isOp('(')) {
      p++;
      const e = expression();
      expect(')');
      return e;
    }
    if (t.t !== 'id') throw new RefError('expected a value');
    p++;
    if (t.s === 'true' || t.s === 'false') return { k: 'lit', v: t.s === 'true' };
    if (t.s === 'null') return { k: 'lit', v: null };
    if (isOp('(')) {
      p++;
      const args: RefNode[] = [];
      if (!isOp(')')) {
        args.push(expression());
        while (isOp(',')) { p++; args.push(expression()); }
      }
      expect(')');
      return { k: 'call', f: t.s, args };
    }
    const segs: Extract<RefNode, { k: 'path' }>['segs'] = [];
    for (;;) {
      if (isOp('.')) {
        p++;
        const n = peek();
        // (choice) a name is an identifier or a whole number, `output.0` being `output[0]`, so
        // `output.0.1` is `output[0][1]` (the lexer reads `0.1` as one number).
        if (n?.t === 'num' && /^[0-9]+(\.[0-9]+)?$/.test(n.s)) {
          p++;
          for (const d of n.s.split('.')) segs.push({ k: 'name', n: d });
          continue;
        }
        if (!n || n.t !== 'id') throw new RefError('expected a name');
        p++;
        segs.push({ k: 'name', n: n.s });
      } else if (isOp('[')) {
        p++;
        segs.push({ k: 'idx', e: expression() });
        expect(']');
      } else break;
    }
    return { k: 'path', root: t.s, segs };
  };
  const e = expression();
  if (p !== toks.length) throw new RefError('unexpected token');
  return e;
}

/** Splits a value into text and templates (`$${` writes `${`), parsing each template. */
export function refParse(value: string): RefParsed {
  const parts: RefPart[] = [];
  const templates: RefTemplate[] = [];
  let text = '';
  let i = 0;
  while (i < value.length) {
    if (value.startsWith('$${', i)) { text += '${'; i += 3; continue; }
    if (!value.startsWith('${', i)) { text += value[i++]; continue; }
    if (text) parts.push({ k: 'text', v: text });
    text = '';
    const { toks, close } = lex(value, i + 2);
    if (close < 0) {
      templates.push({ start: i, end: value.length, ok: false });
      break;
    }
    let node: RefNode | undefined;
    if (toks) {
      try { node = parseTokens(toks); } catch (e) { if (!(e instanceof RefError)) throw e; }
    }
    templates.push({ start: i, end: close + 1, ok: node !== undefined });
    if (node) parts.push({ k: 'expr', e: node });
    i = close + 1;
  }
  if (text) parts.push({ k: 'text', v: text });
  const ok = templates.every((t) => t.ok);
  return { parts, templates, ok, single: ok && templates.length === 1 && parts.length === 1 && templates[0].start === 0 && templates[0].end === value.length };
}

// ---- values ----

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const codePoints = (s: string) => Array.from(s); // (doc) language-choices "Characters of a text"
/** (doc) text reads as a number as JSON writes one (language-choices "Inputs", input-types.ts): not `0x10`, ` 3`, `012`. */
const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/** (doc) engine.md "if": false, null, 0, empty text and the text false (any case) are falsy. */
export function refTruthy(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0 && !Number.isNaN(v);
  if (typeof v === 'string') return v.trim() !== '' && v.trim().toLowerCase() !== 'false';
  return true;
}

/** (spec) inside text: null is empty, objects and arrays are JSON; a number as JavaScript writes it. */
export function refText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** A number, or text that is a JSON number (doc: `"3" == 3`), else undefined. */
function asNumber(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && JSON_NUMBER.test(v) && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObj(a) || isObj(b)) {
    if (!isObj(a) || !isObj(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return (a ?? null) === (b ?? null);
}

/**
 * (doc) `==` compares numbers when both sides read as numbers, otherwise by deep equality; (choice)
 * only when one side is a number: two texts compare as text (`'3' == '3.0'` is false).
 */
export function refEqual(a: unknown, b: unknown): boolean {
  if (typeof a !== 'number' && typeof b !== 'number') return deepEqual(a, b);
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== undefined && y !== undefined) return x === y;
  return deepEqual(a, b);
}

/**
 * (doc) `<`, `>` compare numbers (two texts that read as numbers too), else text; (choice) null is
 * below and above nothing; text by code points, as length counts.
 */
function compare(op: string, a: unknown, b: unknown): boolean {
  const x = asNumber(a);
  const y = asNumber(b);
  let c: number;
  if (x !== undefined && y !== undefined) {
    if (Number.isNaN(x) || Number.isNaN(y)) return false;
    c = x < y ? -1 : x > y ? 1 : 0;
  } else if (a === null || b === null || a === undefined || b === undefined) {
    return false;
  } else {
    const s = codePoints(refText(a)).map((ch) => ch.codePointAt(0)!);
    const t = codePoints(refText(b)).map((ch) => ch.codePointAt(0)!);
    c = 0;
    for (let i = 0; i < Math.min(s.length, t.length) && c === 0; i++) c = s[i] - t[i];
    if (c === 0) c = s.length - t.length;
  }
  return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
}

/** A field or index of a value; anything missing is null (doc). */
export function refMember(v: unknown, key: unknown): unknown {
  // (choice, characters.test.ts) a negative index counts from the end; an index is a whole number
  // or text that writes one (`output['1']`, doc), never null, a boolean or a list.
  const position = (k: unknown, len: number): number => {
    const n = typeof k === 'number' ? k : typeof k === 'string' && /^-?(0|[1-9][0-9]*)$/.test(k) ? Number(k) : NaN;
    if (!Number.isInteger(n)) return -1;
    const i = n < 0 ? len + n : n;
    return i >= 0 && i < len ? i : -1;
  };
  if (Array.isArray(v)) {
    if (key === 'length') return v.length; // (doc) a name on a list is nothing but length or an index
    const i = position(key, v.length);
    return i < 0 ? null : v[i] ?? null;
  }
  if (typeof v === 'string') {
    const cps = codePoints(v);
    if (key === 'length') return cps.length;
    const i = position(key, cps.length);
    return i < 0 ? null : cps[i];
  }
  if (isObj(v)) {
    const k = typeof key === 'number' ? String(key) : key; // (GHA) a number names the key it writes
    if (typeof k !== 'string' || !Object.hasOwn(v, k)) return null;
    return v[k] ?? null;
  }
  return null;
}

function call(f: string, args: unknown[]): unknown {
  const [a, b] = args;
  switch (f) {
    case 'length': // (doc) items of an array, keys of an object, characters of a text; (choice) null has none
      if (Array.isArray(a)) return a.length;
      if (isObj(a)) return Object.keys(a).length;
      if (a === null || a === undefined) return 0;
      return codePoints(refText(a)).length;
    case 'contains': // (doc) text a contains b, or array a has an item equal to b; (GHA) case matters
      if (Array.isArray(a)) return a.some((x) => refEqual(x, b));
      if (isObj(a)) return Object.hasOwn(a, refText(b)); // (choice) an object contains its keys
      return refText(a).includes(refText(b));
    case 'startsWith':
      return refText(a).startsWith(refText(b));
    case 'endsWith':
      return refText(a).endsWith(refText(b));
    case 'json':
      return JSON.stringify(a ?? null);
    case 'fromJson': {
      if (typeof a !== 'string') return a ?? null; // (choice) a value already read stays as it is
      try { return JSON.parse(refText(a)); } catch { throw new RefError('fromJson: not JSON'); }
    }
  }
  throw new RefError(`unknown function ${f}`);
}

export function refEval(n: RefNode, ctx: RefContext): unknown {
  switch (n.k) {
    case 'lit':
      return n.v;
    case 'not':
      return !refTruthy(refEval(n.e, ctx));
    case 'call':
      return call(n.f, n.args.map((a) => refEval(a, ctx)));
    case 'bin': {
      const l = refEval(n.l, ctx);
      // (GHA) && || ?? look at the right side only when they need it
      if (n.op === '??') return l === null || l === undefined ? refEval(n.r, ctx) : l;
      if (n.op === '||') return refTruthy(l) ? l : refEval(n.r, ctx);
      if (n.op === '&&') return refTruthy(l) ? refEval(n.r, ctx) : l;
      const r = refEval(n.r, ctx);
      if (n.op === '==') return refEqual(l, r);
      if (n.op === '!=') return !refEqual(l, r);
      return compare(n.op, l, r);
    }
    case 'path': {
      let v: unknown;
      let segs = n.segs;
      if (n.root === 'steps') {
        const first = segs[0];
        if (!first || first.k !== 'name' || !Object.hasOwn(ctx.steps, first.n)) throw new RefError('no such step');
        v = ctx.steps[first.n];
        segs = segs.slice(1);
      } else if (n.root === 'inputs') v = ctx.inputs;
      else if (n.root === 'env') v = ctx.env;
      else if (n.root === 'run') v = ctx.run;
      else if (Object.hasOwn(ctx.vars, n.root)) v = ctx.vars[n.root];
      else throw new RefError(`unknown root ${n.root}`);
      for (const s of segs) v = refMember(v, s.k === 'name' ? s.n : refEval(s.e, ctx));
      return v ?? null;
    }
  }
}

/** The value of a whole string: one template keeps its type, otherwise text (spec section 4). */
export function refEvaluate(value: string, ctx: RefContext): unknown {
  const parsed = refParse(value);
  if (!parsed.ok) throw new RefError('template does not parse');
  if (parsed.single) return refEval((parsed.parts[0] as Extract<RefPart, { k: 'expr' }>).e, ctx) ?? null;
  return parsed.parts.map((p) => (p.k === 'text' ? p.v : refText(refEval(p.e, ctx)))).join('');
}
