// Finds the templated strings inside a YAML subtree and maps offsets in each string's value back to
// the source text, so that diagnostics point at the right characters even in quoted or block scalars.
import type { Document, Node, Pair, Scalar } from 'yaml';
import { hasMergeKey, mapPairs, resolve } from './yaml-node-at-path.js';
import { dataKey, isMap, isPair, isScalar, isSeq } from './yaml-nodes.js';
import { hasTemplate } from '../template/parse.js';
import type { Template } from '../template/ast.js';
import type { TemplateString } from './types.js';

/** Collects every string scalar containing `${` below `node`; `skip` prunes keys by their field path. */
export function collectTemplates(
  doc: Document,
  text: string,
  node: unknown,
  fieldPath: (string | number)[],
  skip: (path: (string | number)[]) => boolean,
  out: TemplateString[],
  parse: (value: string) => Template,
): void {
  // One path array is pushed and popped on the way down (this runs for every value of every step);
  // a template found gets its own copy.
  walk({ doc, text, skip, out, parse }, node, [...fieldPath], 0);
}

interface Walk {
  doc: Document;
  text: string;
  skip: (path: (string | number)[]) => boolean;
  out: TemplateString[];
  parse: (value: string) => Template;
}

function walk(w: Walk, node: unknown, path: (string | number)[], depth: number): void {
  if (depth > 200) return;
  const n = resolve(w.doc, node);
  if (!n) return;
  if (isScalar(n)) {
    if (typeof n.value === 'string' && hasTemplate(n.value)) {
      const ts = templateString(w.text, n, path.slice(), w.parse);
      if (ts) w.out.push(ts);
    }
    return;
  }
  if (isMap(n)) {
    // A `<<` merge contributes the keys the mapping does not set itself, as in the data.
    if (hasMergeKey(n)) {
      for (const { name, pair } of mapPairs(w.doc, n)) walkPair(w, name, pair, path, depth);
      return;
    }
    for (const pair of n.pairs()) {
      if (isPair(pair)) walkPair(w, dataKey(pair.key) ?? String(pair.key), pair, path, depth);
    }
    return;
  }
  if (isSeq(n)) {
    for (let i = 0; i < n.length; i++) {
      path.push(i);
      if (!w.skip(path)) walk(w, n[i], path, depth + 1);
      path.pop();
    }
  }
}

function walkPair(w: Walk, name: string, pair: Pair, path: (string | number)[], depth: number): void {
  path.push(name);
  if (!w.skip(path)) walk(w, pair.value, path, depth + 1);
  path.pop();
}

function templateString(
  text: string,
  node: Scalar,
  fieldPath: (string | number)[],
  parse: (value: string) => Template,
): TemplateString | undefined {
  const value = String(node.value);
  const range = node.range;
  if (!range) return undefined;
  const [start, valueEnd] = range;
  return {
    value,
    range: { start, end: valueEnd },
    toSource: offsetMapper(value, text, start, valueEnd, node.type),
    template: parse(value),
    fieldPath,
  };
}

/** Builds a value-offset -> source-offset function for one scalar. */
export function offsetMapper(
  value: string,
  text: string,
  start: number,
  end: number,
  type: Scalar['type'],
): (i: number) => number {
  const source = text.slice(start, end);
  if (source === value) return (i) => start + clamp(i, value.length);
  const quoted = type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE';
  if (quoted && source.slice(1, -1) === value) return (i) => start + 1 + clamp(i, value.length);
  // General case (escapes, folded lines, block indentation): align value characters with source
  // characters greedily, a value space or line break standing for a source line break it meets.
  // What the value leaves out is passed without counting: the indentation after each line break (a
  // flow scalar's every leading blank, a block scalar's block indentation, so that the spaces of a
  // more-indented line map to themselves), a flow scalar's blanks before a line break, and any blank
  // or line break on the way to the next character; the search gives up after 256 other characters
  // (a character the source does not hold). Exact at any indentation for everything a template can
  // contain on one line, but for one end: a range that ends right before a double-quoted scalar's
  // escaped line break (`${a}\` at a line's end) ends past it and the next line's indentation, where
  // the next value character starts (one offset per value offset serves both).
  const n = source.length;
  const block = type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED';
  const double = type === 'QUOTE_DOUBLE';
  const single = type === 'QUOTE_SINGLE';
  // A value space may stand for a line break, except in a literal block.
  const folds = type !== 'BLOCK_LITERAL';
  let j = 0;
  let indent = -1; // the block indentation, -1 in a flow scalar (whose lines lose every leading blank)
  if (quoted) j = 1;
  else if (block) {
    const nl = source.indexOf('\n');
    j = nl < 0 ? n : nl + 1;
    indent = blockIndent(source, j, value);
    j = skipIndent(source, j, indent);
  }
  const map = new Int32Array(value.length + 1);
  let contentBlanks = 0; // in a flow scalar, the blanks before this offset are known to be content
  for (let i = 0; i < value.length; i++) {
    const ch = value.charCodeAt(i);
    if (double) {
      // An escaped line break stands for nothing, and the next line's leading blanks neither.
      let e = source.charCodeAt(j + 1);
      while (source.charCodeAt(j) === BACKSLASH && (e === LF || e === CR)) {
        j = skipIndent(source, afterBreak(source, j + 1), -1);
        e = source.charCodeAt(j + 1);
      }
      if (source.charCodeAt(j) === BACKSLASH) {
        // Escapes map exactly: a greedy search for the character `\u0066` stands for would find a
        // later 'f' and shift every offset after it.
        map[i] = j;
        // `\U` beyond the BMP is two UTF-16 units in `value`.
        if (e === BIG_U && parseInt(source.slice(j + 2, j + 10), 16) > 0xffff && i + 1 < value.length) map[++i] = j;
        j += e === X ? 4 : e === U ? 6 : e === BIG_U ? 10 : 2;
        continue;
      }
    }
    let k = j;
    let budget = 256;
    let found = -1;
    let dropped = -1; // where the blanks a flow scalar drops before the line break at `k` start
    while (k < n) {
      const c = source.charCodeAt(k);
      if (!block && (c === SPACE || c === TAB) && k >= contentBlanks) {
        // Blanks before a line break are not in a flow scalar's value (else a literal tab there would
        // be taken for a later `\t`).
        let e = k + 1;
        while (source.charCodeAt(e) === SPACE || source.charCodeAt(e) === TAB) e++;
        if (e < n && (source.charCodeAt(e) === LF || source.charCodeAt(e) === CR)) {
          dropped = k;
          k = e;
          continue;
        }
        contentBlanks = e;
      }
      if (c === ch || ((c === LF || c === CR) && (ch === LF || (ch === SPACE && folds)))) {
        // The space or line break of a fold starts where the blanks it drops do: a range that ends
        // before it (a template at a line's end) leaves them out.
        map[i] = found = dropped >= 0 && (c === LF || c === CR) ? dropped : k;
        if (c !== LF && c !== CR) {
          // A quote in a single-quoted value is written twice.
          j = single && c === QUOTE ? k + 2 : k + 1;
        } else if (block) {
          j = skipIndent(source, afterBreak(source, k), indent);
        } else {
          // A flow scalar folds a run of line breaks (with the blanks around them) into a space, or
          // into one line break fewer than the run: the last one stands for nothing.
          let b = k;
          let breaks = 1;
          j = skipIndent(source, afterBreak(source, k), -1);
          while (j < n && (source.charCodeAt(j) === LF || source.charCodeAt(j) === CR)) {
            if (ch === LF && breaks > 1 && value.charCodeAt(i + 1) === LF) map[++i] = b;
            breaks++;
            b = j;
            j = skipIndent(source, afterBreak(source, j), -1);
          }
        }
        break;
      }
      if (c !== SPACE && c !== TAB && c !== LF && c !== CR && --budget === 0) break;
      dropped = -1;
      k++;
    }
    if (found < 0) map[i] = j;
  }
  map[value.length] = Math.min(j, n);
  return (i) => start + map[clamp(i, value.length)];
}

const TAB = 9;
const LF = 10;
const CR = 13;
const SPACE = 32;
const QUOTE = 39;
const BACKSLASH = 92;
const X = 120;
const U = 117;
const BIG_U = 85;

/**
 * A block scalar's indentation: that of its first line with content (from `from`, past the header),
 * less the spaces the value keeps of it (a more-indented first line under an indentation indicator).
 */
function blockIndent(source: string, from: number, value: string): number {
  let sourceIndent = -1;
  for (let k = from; k < source.length;) {
    let s = k;
    while (source.charCodeAt(s) === SPACE) s++;
    if (s < source.length && source.charCodeAt(s) !== LF && source.charCodeAt(s) !== CR) {
      sourceIndent = s - k;
      break;
    }
    const nl = source.indexOf('\n', s);
    if (nl < 0) break;
    k = nl + 1;
  }
  if (sourceIndent < 0) return -1; // no content: every blank of an empty line may go
  for (let k = 0; k < value.length;) {
    let s = k;
    while (value.charCodeAt(s) === SPACE) s++;
    if (s < value.length && value.charCodeAt(s) !== LF) return Math.max(0, sourceIndent - (s - k));
    k = s + 1;
  }
  return sourceIndent;
}

/** Past the line break at `k` (CR LF counts as one). */
function afterBreak(source: string, k: number): number {
  return k + (source.charCodeAt(k) === CR && source.charCodeAt(k + 1) === LF ? 2 : 1);
}

/** Past the indentation at line start `k`: up to `indent` spaces, or every blank when `indent` < 0. */
function skipIndent(source: string, k: number, indent: number): number {
  if (indent < 0) {
    for (let c = source.charCodeAt(k); c === SPACE || c === TAB; c = source.charCodeAt(++k));
    return k;
  }
  const max = Math.min(source.length, k + indent);
  while (k < max && source.charCodeAt(k) === SPACE) k++;
  return k;
}

/**
 * Whether the source `text` spells `range` of the template's value as the value does (no escapes or
 * folds in it), so that a fix written over the source range reads back as the value would.
 */
export function spelledAsIs(ts: TemplateString, text: string, range: { start: number; end: number }): boolean {
  return text.slice(ts.toSource(range.start), ts.toSource(range.end)) === ts.value.slice(range.start, range.end);
}

function clamp(i: number, max: number): number {
  return i < 0 ? 0 : i > max ? max : i;
}

export function rangeOf(node: Node | null | undefined): { start: number; end: number } | undefined {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}
