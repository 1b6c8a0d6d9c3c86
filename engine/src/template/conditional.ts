// `${a ? b : c}`, the conditional of JavaScript (and of GitHub Actions' expressions since 2023):
// the grammar (spec section 4) has none. `&&` and `||` give the value of one of their sides
// (evaluate.ts), so `a && b || c` is b when a holds and c otherwise, as long as the run takes b as
// true. The parser reads the three parts (parse.ts); this writes the error: the `&&`/`||` form of
// what was written, as its fix when it means the same (b is a literal the run takes as true).
import type { Expr } from './ast.js';
import { isTruthy } from './evaluate.js';

const NO_CONDITIONAL = "Weft has no '? :' conditional";

/** The error for a `?` whose conditional could not be read whole (no `:`, chained, broken parts). */
export const CONDITIONAL_MESSAGE = `${NO_CONDITIONAL}; && and || give the value of a side: write a && b || c (b when a holds, else c; c also when b is empty, 0, false or null)`;

/**
 * The error for `cond ? then : otherwise`, read whole; `value` is the text the ranges are in, and
 * `parenthesized` tells whether a part is written in its own parentheses.
 */
export function conditionalError(value: string, cond: Expr, then: Expr, otherwise: Expr, parenthesized: (e: Expr) => boolean): { message: string; suggestion?: string } {
  const text = (e: Expr) => value.slice(e.range.start, e.range.end);
  // `a || b ? ...`: the condition was the whole `||` (JavaScript's precedence); as the left side of
  // `&&` it needs its parentheses, as a `??` or `||` does on the right of `&&` and a `??` after `||`.
  const side = (e: Expr, loose: readonly string[]) => (e.type === 'binary' && loose.includes(e.op) && !parenthesized(e) ? `(${text(e)})` : text(e));
  const written = `${side(cond, ['??', '||'])} && ${side(then, ['??', '||'])} || ${side(otherwise, ['??'])}`;
  if (then.type === 'literal' && isTruthy(then.value)) return { message: `${NO_CONDITIONAL}; && and || give the value of a side, so write ${written}`, suggestion: written };
  return {
    message: `${NO_CONDITIONAL}; && and || give the value of a side: ${written} is ${text(then)} when the condition holds, else ${text(otherwise)}, but ${text(otherwise)} also when ${text(then)} is empty, 0, false or null`,
  };
}
