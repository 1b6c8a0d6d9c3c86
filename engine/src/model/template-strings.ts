// Finds the templated strings inside a YAML subtree and maps offsets in each string's value back to
// the source text, so that diagnostics point at the right characters even in quoted or block scalars.
import type { Document, Node, Pair, Scalar } from 'yaml';
import { hasMergeKey, mapPairs, resolve } from './yaml-node-at-path.js';
import { isMap, isPair, isScalar, isSeq } from './yaml-nodes.js';
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
      if (isPair(pair)) walkPair(w, isScalar(pair.key) ? String(pair.key.value) : String(pair.key), pair, path, depth);
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
  // characters greedily. Exact for everything a template can contain on one line.
  let j = 0;
  if (quoted) j = 1;
  else if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const nl = source.indexOf('\n');
    j = nl < 0 ? source.length : nl + 1;
  }
  const map = new Int32Array(value.length + 1);
  const double = type === 'QUOTE_DOUBLE';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (double) {
      // Escapes map exactly: a greedy search for the character `\u0066` stands for would find a
      // later 'f' and shift every offset after it.
      while (source[j] === '\\' && (source[j + 1] === '\n' || source[j + 1] === '\r')) {
        j += source[j + 1] === '\r' && source[j + 2] === '\n' ? 3 : 2;
        while (source[j] === ' ' || source[j] === '\t') j++;
      }
      if (source[j] === '\\') {
        const e = source[j + 1];
        const len = e === 'x' ? 4 : e === 'u' ? 6 : e === 'U' ? 10 : 2;
        map[i] = j;
        // `\U` beyond the BMP is two UTF-16 units in `value`.
        if (e === 'U' && parseInt(source.slice(j + 2, j + 10), 16) > 0xffff && i + 1 < value.length) map[++i] = j;
        j += len;
        continue;
      }
    }
    const limit = Math.min(source.length, j + 256);
    let k = j;
    while (k < limit && source[k] !== ch) k++;
    if (k < limit) {
      map[i] = k;
      j = k + 1;
    } else {
      map[i] = j;
    }
  }
  map[value.length] = Math.min(j, source.length);
  return (i) => start + map[clamp(i, value.length)];
}

function clamp(i: number, max: number): number {
  return i < 0 ? 0 : i > max ? max : i;
}

export function rangeOf(node: Node | null | undefined): { start: number; end: number } | undefined {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}
