// The syntax tree of `${...}` templates (language spec section 4). Ranges are offsets into the
// string value that holds the template; the model maps them to the source text.
import type { Range } from '../model/types.js';

export type Expr =
  | { type: 'literal'; value: string | number | boolean | null; range: Range }
  | { type: 'path'; root: Ident; segments: Segment[]; range: Range }
  | { type: 'call'; name: Ident; args: Expr[]; range: Range }
  | { type: 'binary'; op: BinaryOp; left: Expr; right: Expr; range: Range }
  | { type: 'not'; operand: Expr; range: Range }
  /** Produced where the parser could not continue; analysis reports the matching syntax error. */
  | { type: 'error'; range: Range };

export type BinaryOp = '??' | '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=';

export interface Ident {
  name: string;
  range: Range;
}

export type Segment =
  | { kind: 'prop'; name: string; range: Range }
  | { kind: 'index'; expr: Expr; range: Range };

export interface TemplateSyntaxError {
  message: string;
  range: Range;
  /** Text to write instead of the range, when the fix is clear (`${{ x }}` -> `${x}`). */
  suggestion?: string;
}

export type TemplatePart =
  | { kind: 'text'; value: string; range: Range }
  /** `range` covers `${` to `}` inclusive; `inner` covers the expression text only. */
  | { kind: 'expr'; expr: Expr; range: Range; inner: Range; closed: boolean };

export interface Template {
  parts: TemplatePart[];
  errors: TemplateSyntaxError[];
  /** True when the value is exactly one `${...}` (the result keeps the expression's type). */
  single: boolean;
}

export const FUNCTIONS = ['length', 'contains', 'startsWith', 'endsWith', 'json', 'fromJson'] as const;
export const ROOTS = ['steps', 'inputs', 'env', 'index', 'run'] as const;
