// Semantic tokens for the inside of `${...}` templates: roots, step ids, properties, functions,
// operators and literals, so references stand out beyond what the TextMate grammar can do.
import type { Position, Range, SemanticTokens, SemanticTokensLegend } from 'vscode-languageserver-types';
import type { TemplateString } from '../../../engine/src/model/types.js';
import type { Expr } from '../../../engine/src/template/ast.js';
import type { Analysed } from './context.js';
import { everyTemplate } from '../every-template.js';

/** root -> namespace, step id -> variable, property -> property, function -> function, operator, literals. */
export const TOKEN_TYPES = ['namespace', 'variable', 'property', 'function', 'operator', 'string', 'number', 'keyword'] as const;
export const TOKEN_MODIFIERS = ['readonly', 'defaultLibrary'] as const;
export const LEGEND: SemanticTokensLegend = { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] };

type TokenType = (typeof TOKEN_TYPES)[number];
const TYPE_INDEX = new Map<TokenType, number>(TOKEN_TYPES.map((t, i) => [t, i]));
const ROOT_NAMES = new Set(['steps', 'inputs', 'env', 'run']);

interface Tok { start: number; end: number; type: TokenType; mods: number }

export function templateTokens(host: TemplateString, out: Tok[]): void {
  const v = host.value;
  const push = (start: number, end: number, type: TokenType, mods = 0) => {
    if (end <= start) return;
    const s = host.toSource(start);
    const e = host.toSource(end - 1) + 1;
    if (e > s) out.push({ start: s, end: e, type, mods });
  };
  const walk = (e: Expr): void => {
    switch (e.type) {
      case 'literal':
        push(e.range.start, e.range.end, typeof e.value === 'string' ? 'string' : typeof e.value === 'number' ? 'number' : 'keyword');
        return;
      case 'path': {
        const isRoot = ROOT_NAMES.has(e.root.name);
        push(e.root.range.start, e.root.range.end, isRoot ? 'namespace' : 'variable', isRoot ? 2 : 1);
        e.segments.forEach((seg, i) => {
          if (seg.kind === 'prop') push(seg.range.start + (v[seg.range.start] === '.' ? 1 : 0), seg.range.end, e.root.name === 'steps' && i === 0 ? 'variable' : 'property', e.root.name === 'steps' && i === 0 ? 1 : 0);
          else walk(seg.expr);
        });
        return;
      }
      case 'call':
        push(e.name.range.start, e.name.range.end, 'function', 2);
        e.args.forEach(walk);
        return;
      case 'binary': {
        walk(e.left);
        const at = v.indexOf(e.op, e.left.range.end);
        if (at >= 0 && at < e.right.range.start) push(at, at + e.op.length, 'operator');
        walk(e.right);
        return;
      }
      case 'not':
        push(e.range.start, e.range.start + 1, 'operator');
        walk(e.operand);
        return;
      default:
        return;
    }
  };
  for (const part of host.template.parts) if (part.kind === 'expr') walk(part.expr);
}

/**
 * The tokens of the document, or of the part of it that `range` covers (a token is in it when it
 * overlaps it: the range request's answer is the full answer's tokens there, encoded on their own).
 * Templates whose value lies wholly outside the range are not walked.
 */
export function semanticTokens(d: Analysed, range?: Range): SemanticTokens {
  const m = d.analysis.model;
  // The range in the analysed text's offsets (the maps of a shifted analysis are monotonic, so a
  // template that overlaps the range in the editor's text overlaps [lo, hi] here).
  const lo = range ? d.offsetAt(range.start) : 0;
  const hi = range ? d.offsetAt(range.end) : Infinity;
  const toks: Tok[] = [];
  const add = (t: TemplateString) => {
    if (t.range.end >= lo && t.range.start <= hi) templateTokens(t, toks);
  };
  for (const t of everyTemplate(m)) add(t);
  toks.sort((a, b) => a.start - b.start);
  const data: number[] = [];
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  for (const t of toks) {
    if (t.start < lastEnd) continue; // overlapping (should not happen)
    const p = d.positionAt(t.start);
    const q = d.positionAt(t.end);
    if (q.line !== p.line) continue; // tokens may not span lines
    lastEnd = t.end;
    if (range && !(before(p, range.end) && before(range.start, q))) continue;
    data.push(p.line - prevLine, p.line === prevLine ? p.character - prevChar : p.character, q.character - p.character, TYPE_INDEX.get(t.type)!, t.mods);
    prevLine = p.line;
    prevChar = p.character;
  }
  return { data };
}

const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character < b.character);
