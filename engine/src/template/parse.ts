// Splits a string value into text and `${...}` parts and parses each expression with the grammar of
// language spec section 4. Never throws: malformed input yields `error` nodes plus syntax errors, so
// the editor can still complete and hover inside half-typed templates.
import type { BinaryOp, Expr, Ident, Segment, Template, TemplatePart, TemplateSyntaxError } from './ast.js';
import { CONDITIONAL_MESSAGE, conditionalError } from './conditional.js';
import { lexExpression, type Token } from './lexer.js';

export function hasTemplate(value: string): boolean {
  return value.includes('${');
}

export function parseTemplate(value: string): Template {
  const parts: TemplatePart[] = [];
  const errors: TemplateSyntaxError[] = [];
  let text = '';
  let textStart = 0;
  let i = 0;
  /** Adds the source from `from` on to the text part being gathered, read as `s`. */
  const addText = (from: number, s: string) => {
    if (!text) textStart = from;
    text += s;
  };
  const flushText = (end: number) => {
    if (text) parts.push({ kind: 'text', value: text, range: { start: textStart, end } });
    text = '';
  };
  while (i < value.length) {
    const at = value.indexOf('${', i);
    if (at < 0) {
      addText(i, value.slice(i));
      break;
    }
    if (at > i && value.charCodeAt(at - 1) === 36 /* $ */) {
      // `$${` is an escaped `${`: the text before it, then a literal `${`.
      addText(i, value.slice(i, at - 1) + '${');
      i = at + 2;
      continue;
    }
    if (at > i) addText(i, value.slice(i, at));
    i = at;
    flushText(i);
    const tokens = lexExpression(value, i + 2);
    const last = tokens[tokens.length - 1];
    const closed = last?.kind === 'close';
    // GitHub Actions' `${{ steps.a.outputs.x }}`: read as the expression inside, with one error on
    // the whole of it, so that the step still depends on what it names and the fix is one edit.
    const doubled = closed && tokens[0]!.kind === 'bad' && tokens[0]!.text === '{' && value[last.range.end] === '}';
    const body = doubled ? tokens.slice(1, -1) : closed ? tokens.slice(0, -1) : tokens;
    const end = doubled ? last.range.end + 1 : closed ? last.range.end : value.length;
    const inner = { start: doubled ? tokens[0]!.range.end : i + 2, end: closed ? last.range.start : value.length };
    const before = errors.length;
    const parser = new ExpressionParser(body, inner, errors, { start: i, end }, value);
    const expr = parser.parseAll();
    if (doubled) {
      // GitHub's `steps.ID.outputs.NAME` is `steps.ID.output.NAME` in Weft: the one fix writes both.
      const written = value.slice(inner.start, inner.end).trim().replace(/\bsteps\.([A-Za-z_][\w-]*)\.outputs\b/g, 'steps.$1.output');
      if (!written) errors.splice(before); // not also "empty expression"
      errors.splice(before, 0, {
        message: `templates take one pair of braces: \${{ ... }} is GitHub Actions' form; write \${${written || '...'}}`,
        range: { start: i, end },
        ...(written ? { suggestion: `\${${written}}` } : {}),
      });
    }
    if (!closed) {
      // Without its `}` the expression runs to the end of the value, so errors inside it are mostly
      // noise; keep only an unterminated string (which may be what swallowed the `}`).
      const string = errors.splice(before).find((e) => e.message.startsWith('unterminated string'));
      if (string) errors.push(string);
      if (!string || !value.slice(string.range.start, string.range.end).includes('}')) {
        errors.push({ message: 'unclosed `${`: add `}` to end the expression', range: { start: i, end: i + 2 } });
      }
    }
    parts.push({ kind: 'expr', expr, range: { start: i, end }, inner, closed });
    i = end;
  }
  flushText(value.length);
  const single = parts.length === 1 && parts[0].kind === 'expr';
  return { parts, errors, single };
}

const COMPARE_OPS = new Set(['==', '!=', '<', '<=', '>', '>=']);

/**
 * The deepest an expression may nest (parentheses, calls, indexes, `!`, and each `??`, `||` or `&&`
 * of a chain, which puts the chain so far one level deeper in the tree). The parser and every walk
 * over an expression recurse per level: about a thousand levels overflowed the stack, which crashed
 * `weft validate` and left the editor showing a broken file as clean; a chain of 100,000 `||` threw
 * in the analysis' walk of the tree.
 */
const MAX_NESTING = 100;
const BINARY_LEVELS: readonly BinaryOp[] = ['??', '||', '&&'];

class ExpressionParser {
  private pos = 0;
  private depth = 0;
  /** Set when the expression nests too deeply: the rest is skipped, and no more errors are added. */
  private abandoned = false;
  constructor(
    private readonly tokens: Token[],
    private readonly inner: { start: number; end: number },
    private readonly errors: TemplateSyntaxError[],
    /** The whole `${...}`, for errors about the template as a whole. */
    private readonly outer: { start: number; end: number } = inner,
    /** The value the ranges are in (for the text of a fix). */
    private readonly value = '',
  ) {}
  /** Expressions written in their own parentheses (their range includes them); made on the first, as most templates have none. */
  private parenthesized: WeakSet<Expr> | undefined;

  parseAll(): Expr {
    if (this.tokens.length === 0) {
      this.error('empty expression: write a path such as steps.fetch.output', this.outer);
      return { type: 'error', range: this.inner };
    }
    const expr = this.expression();
    const extra = this.peek();
    if (extra) {
      const prev = this.tokens[this.pos - 1];
      // `fromJson(x).a`: the grammar has no fields or indexes after a call or a parenthesis.
      const afterCall = (extra.text === '.' || extra.text === '[') && extra.kind === 'punct' && prev?.text === ')';
      this.error(afterCall ? `'${extra.text}' cannot follow a function call or parentheses: only a path (steps, inputs, env, ...) has fields` : unexpected(extra), extra.range);
      this.pos = this.tokens.length;
    }
    return expr;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token | undefined {
    return this.tokens[this.pos++];
  }

  /**
   * One error per place: the first said there is the precise one (`missing ')'` where `(1 || 2 ]`
   * has a `]`, which the end of the expression then found unexpected too).
   */
  private error(message: string, range: { start: number; end: number }): void {
    if (this.abandoned || this.errors.at(-1)?.range.start === range.start) return;
    this.errors.push({ message, range });
  }

  /**
   * The error for `open` (a `(` or `[`) that `close`, the token found where `want` was due, does not
   * close: the wrong closing bracket, another token, or the end of the expression.
   */
  private unclosed(open: Token, close: Token | undefined, want: ')' | ']'): void {
    if (!close) this.error(`this '${open.text}' is never closed: add '${want}'`, open.range);
    else if (isCloser(close)) this.error(`'${close.text}' does not close '${open.text}': write '${want}'`, close.range);
    else this.error(`missing '${want}'`, close.range);
  }

  /** Runs `parse` one level deeper, or, past MAX_NESTING, reports it once and skips the rest. */
  private nested(parse: () => Expr): Expr {
    if (this.depth >= MAX_NESTING) return this.tooDeep();
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /** The error where the next token starts a level past MAX_NESTING; the rest is skipped. */
  private tooDeep(): Expr {
    const at = this.peek()?.range ?? this.endOfInput();
    this.error(`expression nested more than ${MAX_NESTING} levels deep`, at);
    this.abandoned = true;
    this.pos = this.tokens.length;
    return { type: 'error', range: at };
  }

  private isOp(text: string): boolean {
    const t = this.peek();
    return !!t && t.kind === 'op' && t.text === text;
  }

  /** `??`, then `||`, then `&&` (loosest first), each left-associative; below them `!` and compare. */
  private binaryLevel(level: number): Expr {
    const op = BINARY_LEVELS[level];
    let left = this.operandOf(level);
    const outer = this.depth;
    try {
      while (this.isOp(op)) {
        // Past the limit, the chain so far stays (its references are still checked).
        if (this.depth >= MAX_NESTING) {
          this.tooDeep();
          break;
        }
        this.depth++;
        this.next();
        const right = this.operandOf(level);
        left = { type: 'binary', op, left, right, range: { start: left.range.start, end: right.range.end } };
      }
      return left;
    } finally {
      this.depth = outer;
    }
  }

  private operandOf(level: number): Expr {
    return level + 1 < BINARY_LEVELS.length ? this.binaryLevel(level + 1) : this.not();
  }

  private expression(): Expr {
    const e = this.nested(() => this.binaryLevel(0));
    return this.isBad('?') ? this.conditional(e) : e;
  }

  private isBad(text: string): boolean {
    const t = this.peek();
    return !!t && t.kind === 'bad' && t.text === text;
  }

  /**
   * `cond ? then : otherwise`, which the grammar does not have (conditional.ts): one error, on the
   * whole of it, and `cond && then || otherwise` in the tree, so that the names in all three are
   * checked and waited for. A `?` whose conditional cannot be read whole (no `:`, another `?` after
   * it, a part that does not parse) is one error on the `?`, and the rest is skipped.
   */
  private conditional(cond: Expr): Expr {
    const q = this.next()!;
    const before = this.errors.length;
    const part = () => (this.peek() ? this.nested(() => this.binaryLevel(0)) : undefined);
    const then = part();
    const colon = then && this.isBad(':') ? this.next() : undefined;
    const otherwise = colon ? part() : undefined;
    if (!then || !otherwise || this.errors.length > before || this.isBad('?')) {
      // A part nested too deep has abandoned the parse: its error stands (this.error would add nothing).
      if (!this.abandoned) {
        this.errors.splice(before);
        this.error(CONDITIONAL_MESSAGE, q.range);
      }
      this.abandoned = true;
      this.pos = this.tokens.length;
      return cond;
    }
    const range = { start: cond.range.start, end: otherwise.range.end };
    const { message, suggestion } = conditionalError(this.value, cond, then, otherwise, (e) => this.parenthesized?.has(e) ?? false);
    this.errors.push({ message, range, ...(suggestion ? { suggestion } : {}) });
    const and: Expr = { type: 'binary', op: '&&', left: cond, right: then, range: { start: cond.range.start, end: then.range.end } };
    return { type: 'binary', op: '||', left: and, right: otherwise, range };
  }

  private not(): Expr {
    if (this.isOp('!')) {
      const bang = this.next()!;
      const operand = this.nested(() => this.not());
      return { type: 'not', operand, range: { start: bang.range.start, end: operand.range.end } };
    }
    return this.compare();
  }

  private compare(): Expr {
    const left = this.primary();
    const t = this.peek();
    if (t && t.kind === 'op' && COMPARE_OPS.has(t.text)) {
      this.next();
      const right = this.primary();
      return { type: 'binary', op: t.text as BinaryOp, left, right, range: { start: left.range.start, end: right.range.end } };
    }
    return left;
  }

  private endOfInput(): { start: number; end: number } {
    const last = this.tokens[this.tokens.length - 1];
    const at = last ? last.range.end : this.inner.end;
    return { start: at, end: at };
  }

  private primary(): Expr {
    const t = this.next();
    if (!t) {
      // Point at what is left dangling (`a ??`, `!`, `x ==`, `f(a,`) rather than at an empty range.
      const prev = this.tokens[this.tokens.length - 1];
      const range = this.endOfInput();
      if (prev) this.error(`expected a value after '${prev.text}'`, prev.range);
      else this.error('expression ends too early', range);
      return { type: 'error', range };
    }
    switch (t.kind) {
      case 'number':
        return { type: 'literal', value: t.value as number, range: t.range };
      case 'string':
        if (!t.terminated) this.error(`unterminated string: add the closing ${t.text[0]}`, t.range);
        else if (this.quoteAfter(t)) return this.doubledQuotes(t);
        return { type: 'literal', value: t.value as string, range: t.range };
      case 'ident':
        if (t.text === 'true' || t.text === 'false') return { type: 'literal', value: t.text === 'true', range: t.range };
        if (t.text === 'null') return { type: 'literal', value: null, range: t.range };
        if (this.peek()?.text === '(' && this.peek()?.kind === 'punct') return this.call(t);
        return this.path(t);
      case 'punct':
        if (t.text === '(') {
          const inner = this.expression();
          const close = this.peek();
          if (close?.kind === 'punct' && close.text === ')') {
            this.next();
            const wrapped = { ...inner, range: { start: t.range.start, end: close.range.end } } as Expr;
            (this.parenthesized ??= new WeakSet()).add(wrapped);
            return wrapped;
          }
          this.unclosed(t, close, ')');
          return inner;
        }
        break;
      default:
        if (isForeignWord(t)) {
          // `étape.x`: one error on the word, and its fields read as a path's, which names nothing.
          this.error(unexpected(t), t.range);
          const tail = this.path(t);
          return { type: 'error', range: tail.range };
        }
        break;
    }
    this.error(unexpected(t), t.range);
    return { type: 'error', range: t.range };
  }

  /** Whether the next token is a text in the same quotes right after `t`: GitHub's `'it''s'`. */
  private quoteAfter(t: Token): boolean {
    const next = this.peek();
    return next?.kind === 'string' && next.range.start === t.range.end && next.text[0] === t.text[0];
  }

  /**
   * `'it''s'`: GitHub Actions doubles a quote inside a text, Weft writes it with a backslash. One
   * error on the texts side by side, read as the one text meant, with the backslash form as the fix.
   */
  private doubledQuotes(first: Token): Expr {
    const q = first.text[0]!;
    let value = first.value as string;
    let last = first;
    while (this.quoteAfter(last)) {
      last = this.next()!;
      value += q + (last.value as string);
      if (!last.terminated) break;
    }
    const range = { start: first.range.start, end: last.range.end };
    const fix = q + value.replace(/\\/g, '\\\\').replace(q === "'" ? /'/g : /"/g, `\\${q}`) + q;
    this.errors.push({ message: `a quote inside a text is written with a backslash in Weft: ${fix} (GitHub Actions doubles it)`, range, suggestion: fix });
    return { type: 'literal', value, range };
  }

  private call(name: Token): Expr {
    const open = this.next()!; // (
    const args: Expr[] = [];
    if (this.peek()?.text === ')') {
      const end = this.next()!.range.end;
      return { type: 'call', name: ident(name), args, range: { start: name.range.start, end } };
    }
    let end: number;
    for (;;) {
      args.push(this.expression());
      const t = this.peek();
      if (t?.kind === 'punct' && t.text === ',') {
        this.next();
        continue;
      }
      if (t?.kind === 'punct' && t.text === ')') {
        end = this.next()!.range.end;
        break;
      }
      this.error(`missing ')' after the arguments of ${name.text}()`, t?.range ?? open.range);
      end = args[args.length - 1].range.end;
      break;
    }
    return { type: 'call', name: ident(name), args, range: { start: name.range.start, end } };
  }

  private path(root: Token): Expr {
    const segments: Segment[] = [];
    let end = root.range.end;
    for (;;) {
      const t = this.peek();
      if (t?.kind === 'punct' && t.text === '.') {
        this.next();
        const name = this.peek();
        if (name?.kind === 'number' && /^[0-9]+\.[0-9]+$/.test(name.text)) {
          // `output.0.1` is output[0][1]: the lexer read `0.1` as one number, which named no item.
          this.next();
          const dot = name.text.indexOf('.');
          const at = name.range.start;
          segments.push({ kind: 'prop', name: name.text.slice(0, dot), range: { start: at, end: at + dot } });
          segments.push({ kind: 'prop', name: name.text.slice(dot + 1), range: { start: at + dot + 1, end: name.range.end } });
          end = name.range.end;
        } else if (name?.kind === 'ident' || (name?.kind === 'number' && /^[0-9]+$/.test(name.text))) {
          this.next();
          segments.push({ kind: 'prop', name: name.text, range: name.range });
          end = name.range.end;
        } else if (name && isForeignWord(name)) {
          // `steps.café.output`: one error on the word; an empty name (as while typing `steps.`),
          // so that the analyser does not look it up too, and the path goes on after it.
          this.next();
          this.error(unexpected(name), name.range);
          segments.push({ kind: 'prop', name: '', range: name.range });
          end = name.range.end;
        } else if (name?.kind === 'number') {
          // `output.-1`, `output.1e3`: a name is an identifier or a whole number (`output.0`).
          this.next();
          segments.push({ kind: 'prop', name: name.text, range: name.range });
          this.error(`'${name.text}' is not a name: write [${name.text}]`, name.range);
          end = name.range.end;
        } else {
          // `steps.` while typing: an empty segment the editor can complete.
          segments.push({ kind: 'prop', name: '', range: { start: t.range.end, end: t.range.end } });
          this.error("expected a name after '.'", t.range);
          end = t.range.end;
          break;
        }
        continue;
      }
      if (t?.kind === 'punct' && t.text === '[') {
        this.next();
        const index = this.expression();
        const close = this.peek();
        if (close?.kind === 'punct' && close.text === ']') {
          this.next();
          end = close.range.end;
        } else {
          this.unclosed(t, close, ']');
          end = index.range.end;
        }
        segments.push({ kind: 'index', expr: index, range: { start: t.range.start, end } });
        continue;
      }
      break;
    }
    return { type: 'path', root: ident(root), segments, range: { start: root.range.start, end } };
  }
}

/** Whether `t` is a word beyond ASCII (`café`, `😀`): the lexer makes one 'bad' token of it. */
function isForeignWord(t: Token | undefined): boolean {
  return t?.kind === 'bad' && /[^\x00-\x7f]/.test(t.text);
}

/** A closing bracket, which, where another one was due, is the wrong one rather than an extra one. */
function isCloser(t: Token): boolean {
  return t.kind === 'punct' && (t.text === ')' || t.text === ']');
}

/** The message for a token that cannot stand where it is. */
function unexpected(t: Token): string {
  return isForeignWord(t) ? `'${t.text}' is not a name: names are written in ASCII letters, digits, '_' and '-'` : `unexpected '${t.text}' in expression`;
}

function ident(t: Token): Ident {
  return { name: t.text, range: t.range };
}

/** Calls `visit` for every node of an expression, depth first. */
export function walkExpr(expr: Expr, visit: (e: Expr) => void): void {
  visit(expr);
  switch (expr.type) {
    case 'path':
      for (const s of expr.segments) if (s.kind === 'index') walkExpr(s.expr, visit);
      break;
    case 'call':
      for (const a of expr.args) walkExpr(a, visit);
      break;
    case 'binary':
      walkExpr(expr.left, visit);
      walkExpr(expr.right, visit);
      break;
    case 'not':
      walkExpr(expr.operand, visit);
      break;
    default:
      break;
  }
}
