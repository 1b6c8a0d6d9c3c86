// The template lexer and parser (language spec section 4): token ranges, precedence, `$${`, half-typed
// templates, and that no input makes them throw.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Expr, Template } from '../../src/template/ast.js';
import { lexExpression } from '../../src/template/lexer.js';
import { parseTemplate, walkExpr } from '../../src/template/parse.js';

/** The expression of a one-template value. */
function exprOf(value: string): Expr {
  const t = parseTemplate(value);
  const part = t.parts.find((p) => p.kind === 'expr');
  assert.ok(part && part.kind === 'expr', `no expression in ${value}`);
  return part.expr;
}

/** A compact, fully parenthesised form that shows the tree's shape. */
function show(e: Expr): string {
  switch (e.type) {
    case 'literal':
      return JSON.stringify(e.value);
    case 'path':
      return [e.root.name, ...e.segments.map((s) => (s.kind === 'prop' ? s.name : `[${show(s.expr)}]`))].join('.');
    case 'call':
      return `${e.name.name}(${e.args.map(show).join(', ')})`;
    case 'binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'not':
      return `!${show(e.operand)}`;
    case 'error':
      return '<error>';
  }
}

const errors = (t: Template) => t.errors.map((e) => e.message);
const slice = (value: string, r: { start: number; end: number }) => value.slice(r.start, r.end);

describe('lexer', () => {
  it('gives every token its exact range', () => {
    const text = '${steps.fecth.output[0] ?? "x\\"y" || !(a-b <= -1.5e3)}';
    const tokens = lexExpression(text, 2);
    assert.deepEqual(
      tokens.map((t) => [t.kind, slice(text, t.range)]),
      [
        ['ident', 'steps'], ['punct', '.'], ['ident', 'fecth'], ['punct', '.'], ['ident', 'output'],
        ['punct', '['], ['number', '0'], ['punct', ']'], ['op', '??'], ['string', '"x\\"y"'], ['op', '||'],
        ['op', '!'], ['punct', '('], ['ident', 'a-b'], ['op', '<='], ['number', '-1.5e3'], ['punct', ')'], ['close', '}'],
      ],
    );
    for (const t of tokens) assert.equal(t.text, slice(text, t.range));
    assert.equal(tokens[9].value, 'x"y');
    assert.equal(tokens[15].value, -1500);
  });

  it('lexes every operator, single and double quotes, and marks an unknown character as bad', () => {
    const text = "a == b != c < d > e >= f && g ?? 'h' @";
    const tokens = lexExpression(text, 0);
    assert.deepEqual(tokens.filter((t) => t.kind === 'op').map((t) => t.text), ['==', '!=', '<', '>', '>=', '&&', '??']);
    const str = tokens.find((t) => t.kind === 'string')!;
    assert.equal(str.value, 'h');
    assert.equal(str.terminated, true);
    assert.deepEqual(tokens[tokens.length - 1], { kind: 'bad', text: '@', range: { start: 37, end: 38 } });
  });

  it('reads a name by the step-id rule, dashes inside it and at its end included', () => {
    const tokens = lexExpression('process-a.output-}', 0);
    assert.deepEqual(tokens.map((t) => t.text), ['process-a', '.', 'output-', '}']);
    assert.equal(tokens[2].kind, 'ident');
  });

  it("reads an id that ends in '-' whatever follows it: '.', '}', whitespace, '[', an operator", () => {
    const idents = (text: string) => lexExpression(text, 0).filter((t) => t.kind === 'ident').map((t) => [t.text, t.range.start, t.range.end]);
    assert.deepEqual(idents('steps.a-.output}'), [['steps', 0, 5], ['a-', 6, 8], ['output', 9, 15]]);
    assert.deepEqual(idents('steps.a-}'), [['steps', 0, 5], ['a-', 6, 8]]);
    assert.deepEqual(idents('steps.a-- .output}'), [['steps', 0, 5], ['a--', 6, 9], ['output', 11, 17]]);
    assert.deepEqual(idents('steps.b-[0]}'), [['steps', 0, 5], ['b-', 6, 8]]);
    assert.deepEqual(idents('steps.c-==1}'), [['steps', 0, 5], ['c-', 6, 8]]);
    // A '-' that does not follow a name still starts a negative number.
    assert.deepEqual(lexExpression('x<-1}', 0).map((t) => [t.kind, t.text]), [['ident', 'x'], ['op', '<'], ['number', '-1'], ['close', '}']]);
  });

  it("parses ${steps.a-.output} as a path through the step 'a-'", () => {
    assert.equal(show(exprOf('${steps.a-.output}')), 'steps.a-.output');
    assert.equal(show(exprOf('${steps.a- .output.x == steps.b-}')), '(steps.a-.output.x == steps.b-)');
    assert.deepEqual(errors(parseTemplate('${steps.a-.output} and ${steps.a-}')), []);
  });

  it('stops at the first } outside a string, and reads } inside a string as text', () => {
    assert.deepEqual(lexExpression("f('}') } tail", 0).map((t) => t.text), ['f', '(', "'}'", ')', '}']);
    const unterminated = lexExpression("x == 'main}", 0);
    assert.equal(unterminated[unterminated.length - 1].kind, 'string');
    assert.equal(unterminated[unterminated.length - 1].terminated, false);
  });
});

describe('parser: precedence (?? < || < && < ! < comparisons)', () => {
  const cases: [string, string][] = [
    ['a ?? b || c', '(a ?? (b || c))'],
    ['a || b ?? c', '((a || b) ?? c)'],
    ['a || b && c', '(a || (b && c))'],
    ['a && b || c', '((a && b) || c)'],
    ['!a && b', '(!a && b)'],
    ['!a == b', '!(a == b)'],
    ['!!a', '!!a'],
    ['a == b && c != d', '((a == b) && (c != d))'],
    ['a < b || c >= d ?? e', '(((a < b) || (c >= d)) ?? e)'],
    ['(a ?? b) || c', '((a ?? b) || c)'],
    ['a ?? b ?? c', '((a ?? b) ?? c)'],
    ['length(steps.x.output) > 0 && contains(inputs.tags, "a")', '((length(steps.x.output) > 0) && contains(inputs.tags, "a"))'],
    ['steps.x.output[inputs.i ?? 0].name', 'steps.x.output.[(inputs.i ?? 0)].name'],
    ['true != false', '(true != false)'],
    ['null ?? 1.5', '(null ?? 1.5)'],
  ];
  for (const [src, tree] of cases) {
    it(`${src}  =>  ${tree}`, () => {
      const t = parseTemplate(`\${${src}}`);
      assert.deepEqual(errors(t), []);
      assert.equal(show(exprOf(`\${${src}}`)), tree);
    });
  }

  it('comparisons do not chain', () => {
    const t = parseTemplate('${a < b < c}');
    assert.deepEqual(errors(t), ["unexpected '<' in expression"]);
    assert.equal(slice('${a < b < c}', t.errors[0].range), '<');
    assert.equal(t.errors[0].range.start, 8);
  });
});

describe('parser: ranges', () => {
  it('gives paths, segments, calls and operators ranges inside the value', () => {
    const value = 'Summary: ${steps.fecth.output.title} and ${length(inputs.list) >= 2}';
    const t = parseTemplate(value);
    assert.equal(t.single, false);
    const [text, first, , second] = t.parts;
    assert.deepEqual(text, { kind: 'text', value: 'Summary: ', range: { start: 0, end: 9 } });
    assert.ok(first.kind === 'expr' && second.kind === 'expr');
    assert.equal(slice(value, first.range), '${steps.fecth.output.title}');
    assert.equal(slice(value, first.inner), 'steps.fecth.output.title');
    const path = first.expr;
    assert.ok(path.type === 'path');
    assert.equal(slice(value, path.root.range), 'steps');
    assert.deepEqual(path.segments.map((s) => slice(value, s.range)), ['fecth', 'output', 'title']);
    const cmp = second.expr;
    assert.ok(cmp.type === 'binary' && cmp.left.type === 'call');
    assert.equal(slice(value, cmp.range), 'length(inputs.list) >= 2');
    assert.equal(slice(value, cmp.left.name.range), 'length');
    assert.equal(slice(value, cmp.left.range), 'length(inputs.list)');
  });

  it('an index segment covers its brackets; a parenthesised expression covers its parentheses', () => {
    const value = '${steps.a.output[0].b} ${(x)}';
    const t = parseTemplate(value);
    const p = (t.parts[0] as { expr: Expr }).expr;
    assert.ok(p.type === 'path');
    assert.deepEqual(p.segments.map((s) => slice(value, s.range)), ['a', 'output', '[0]', 'b']);
    assert.equal(slice(value, (t.parts[2] as { expr: Expr }).expr.range), '(x)');
  });

  it('a value that is exactly one template is single; anything else is not', () => {
    assert.equal(parseTemplate('${steps.a.output}').single, true);
    assert.equal(parseTemplate(' ${steps.a.output}').single, false);
    assert.equal(parseTemplate('${a}${b}').single, false);
  });

  it('walkExpr visits every node, depth first', () => {
    const seen: string[] = [];
    walkExpr(exprOf('${!f(a, b[c]) ?? d}'), (e) => seen.push(e.type));
    assert.deepEqual(seen, ['binary', 'not', 'call', 'path', 'path', 'path', 'path']);
  });
});

describe('parser: $${ and text', () => {
  it('$${ writes a literal ${ and starts no expression', () => {
    const t = parseTemplate('cost: $${HOME} and $${steps.x.output}');
    assert.deepEqual(errors(t), []);
    assert.deepEqual(t.parts, [{ kind: 'text', value: 'cost: ${HOME} and ${steps.x.output}', range: { start: 0, end: 37 } }]);
  });

  it('a literal $${ next to a real template', () => {
    const value = '$${a} ${b}';
    const t = parseTemplate(value);
    assert.equal(t.parts.length, 2);
    assert.equal(t.parts[0].kind === 'text' && t.parts[0].value, '${a} ');
    assert.equal(slice(value, t.parts[1].range), '${b}');
  });

  it('a lone $ or { is text', () => {
    const t = parseTemplate('price $5 {not} $ {x}');
    assert.deepEqual(errors(t), []);
    assert.equal(t.parts.length, 1);
  });
});

describe('parser: errors', () => {
  it('half-typed ${steps. yields a path with an empty segment and an error', () => {
    for (const value of ['${steps.', '${steps.}']) {
      const t = parseTemplate(value);
      const p = (t.parts[0] as { expr: Expr }).expr;
      assert.ok(p.type === 'path', value);
      assert.equal(p.root.name, 'steps');
      assert.deepEqual(p.segments, [{ kind: 'prop', name: '', range: { start: 8, end: 8 } }]);
      assert.equal(t.errors.length, 1, value);
    }
    assert.deepEqual(errors(parseTemplate('${steps.}')), ["expected a name after '.'"]);
    assert.deepEqual(errors(parseTemplate('${steps.')), ['unclosed `${`: add `}` to end the expression']);
  });

  it("reads GitHub Actions' ${{ x }} as x, with one error on the whole of it and the fix", () => {
    const value = 'a ${{ steps.b.output == 1 }} c';
    const t = parseTemplate(value);
    assert.equal(show(exprOf(value)), '(steps.b.output == 1)');
    const part = t.parts[1]!;
    assert.equal(value.slice(part.range.start, part.range.end), '${{ steps.b.output == 1 }}');
    assert.deepEqual(t.parts.map((p) => p.kind), ['text', 'expr', 'text']);
    assert.deepEqual(t.errors, [{
      message: "templates take one pair of braces: ${{ ... }} is GitHub Actions' form; write ${steps.b.output == 1}",
      range: part.range,
      suggestion: '${steps.b.output == 1}',
    }]);
    // Empty: that one error, no fix; one closing brace: not GitHub's form, the `{` is unexpected.
    assert.deepEqual(parseTemplate('${{}}').errors.map((e) => [e.message, e.suggestion]), [["templates take one pair of braces: ${{ ... }} is GitHub Actions' form; write ${...}", undefined]]);
    assert.deepEqual(errors(parseTemplate('${{ a }')), ["unexpected '{' in expression", "unexpected 'a' in expression"]);
  });

  const cases: [string, string, string][] = [
    ['${}', 'empty expression: write a path such as steps.fetch.output', '${}'],
    ['${  }', 'empty expression: write a path such as steps.fetch.output', '${  }'],
    ['x ${a', 'unclosed `${`: add `}` to end the expression', '${'],
    ['${a ??}', "expected a value after '??'", '??'],
    ['${!}', "expected a value after '!'", '!'],
    ['${a ==}', "expected a value after '=='", '=='],
    ['${(a > 0}', "this '(' is never closed: add ')'", '('],
    ['${f(a}', "missing ')' after the arguments of f()", '('],
    ['${a[0}', "this '[' is never closed: add ']'", '['],
    ['${f(a))}', "unexpected ')' in expression", ')'],
    // The wrong closing bracket: one error on it, which the end of the expression did not repeat.
    ['${(1 || 2 ]}', "']' does not close '(': write ')'", ']'],
    ['${a[0)}', "')' does not close '[': write ']'", ')'],
    ['${(1 2)}', "missing ')'", '2'],
    ["${a == 'main}", "unterminated string: add the closing '", "'main}"],
    ['${a b}', "unexpected 'b' in expression", 'b'],
    ['${a @ b}', "unexpected '@' in expression", '@'],
    ['${fromJson(x).a}', "'.' cannot follow a function call or parentheses: only a path (steps, inputs, env, ...) has fields", '.'],
    ['${(a)[0]}', "'[' cannot follow a function call or parentheses: only a path (steps, inputs, env, ...) has fields", '['],
  ];
  for (const [value, message, token] of cases) {
    it(`${value}: ${message}`, () => {
      const t = parseTemplate(value);
      assert.deepEqual(errors(t), [message]);
      assert.equal(slice(value, t.errors[0].range), token);
    });
  }

  it('never throws, and every range lies inside the value (random inputs)', () => {
    const alphabet = ['$', '{', '}', '$${', '${', 'steps', '.', 'a', '-', '[', ']', '(', ')', "'", '"', '\\', '??', '||', '&&', '!', '==', '<', ' ', '0', '1.5', ',', 'length', '\n', 'é'];
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let round = 0; round < 3000; round++) {
      let value = '';
      const n = rand(14);
      for (let i = 0; i < n; i++) value += alphabet[rand(alphabet.length)];
      const t = parseTemplate(value);
      const inside = (r: { start: number; end: number }) => 0 <= r.start && r.start <= r.end && r.end <= value.length;
      for (const e of t.errors) assert.ok(inside(e.range), `error range outside ${JSON.stringify(value)}`);
      let at = 0;
      for (const p of t.parts) {
        assert.ok(inside(p.range), `part range outside ${JSON.stringify(value)}`);
        // The parts tile the value, and a text part is its source with each `$${` read as `${`.
        assert.equal(p.range.start, at, `gap or overlap before a part of ${JSON.stringify(value)}`);
        at = p.range.end;
        if (p.kind === 'text') assert.equal(p.value, value.slice(p.range.start, p.range.end).replaceAll('$${', '${'), JSON.stringify(value));
        if (p.kind === 'expr') walkExpr(p.expr, (e) => assert.ok(inside(e.range), `node range outside ${JSON.stringify(value)}`));
      }
      assert.equal(at, value.length, `the parts of ${JSON.stringify(value)} stop short`);
    }
  });
});

describe('parser: nesting limit', () => {
  /** The depth of an expression's tree, counted without recursion (the tree may be what overflows). */
  const treeDepth = (root: Expr): number => {
    let max = 0;
    const stack: [Expr, number][] = [[root, 1]];
    while (stack.length) {
      const [e, d] = stack.pop()!;
      max = Math.max(max, d);
      const kids = e.type === 'binary' ? [e.left, e.right] : e.type === 'not' ? [e.operand] : e.type === 'call' ? e.args : e.type === 'path' ? e.segments.flatMap((s) => (s.kind === 'index' ? [s.expr] : [])) : [];
      for (const k of kids) stack.push([k, d + 1]);
    }
    return max;
  };

  // A left-associative chain nests its tree one level per operator, although the parser loops over
  // it: 100,000 `||` overflowed the stack of walkExpr (the analysis' reference walk) and of evaluate.
  for (const op of ['??', '||', '&&']) {
    it(`a chain of ${op} counts a level per operator: 100 operands parse, 101 are one error at the 100th operator`, () => {
      const chain = (n: number) => '${' + Array.from({ length: n }, (_, i) => `a${i}`).join(` ${op} `) + '}';
      assert.deepEqual(errors(parseTemplate(chain(100))), []);
      const value = chain(101);
      const t = parseTemplate(value);
      assert.deepEqual(errors(t), ['expression nested more than 100 levels deep']);
      assert.equal(slice(value, t.errors[0].range), op);
      assert.equal(value.slice(t.errors[0].range.end), ' a100}', 'the last operator');
      const long = parseTemplate(chain(100_000));
      assert.equal(long.errors.length, 1);
      const part = long.parts.find((p) => p.kind === 'expr');
      assert.ok(part && part.kind === 'expr');
      assert.ok(treeDepth(part.expr) <= 101, `tree depth ${treeDepth(part.expr)}`);
      let nodes = 0;
      walkExpr(part.expr, () => nodes++);
      assert.ok(nodes > 0);
    });
  }
});
