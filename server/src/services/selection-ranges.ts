// Selection ranges (VS Code's Expand Selection, Neovim's and Helix's syntax-aware selection): from
// the cursor outwards through what the workflow is made of. Inside a template: the name or literal,
// the expression around it, the whole `${...}`; then the scalar, its `key: value` pair, the mapping
// holding it (a step), the list item, the list, and so on to the whole document. Each range holds
// the one before it; equal ranges are given once. Aliases are not followed: a range never leaves the
// text at the cursor.
import type { SelectionRange } from 'vscode-languageserver-types';
import type { Node as YamlNode } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../../../engine/src/model/yaml-nodes.js';
import type { Range } from '../../../engine/src/model/types.js';
import type { Expr } from '../../../engine/src/template/ast.js';
import { walkExpr } from '../../../engine/src/template/parse.js';
import type { Analysed } from './context.js';
import { templateHost } from '../free-text-edit.js';

/** The end of `text[start, end)` without trailing white space. */
function trimEnd(text: string, start: number, end: number): number {
  let i = Math.min(end, text.length);
  while (i > start && /\s/.test(text[i - 1]!)) i--;
  return i;
}

const holds = (r: Range, o: number) => r.start <= o && o <= r.end;

/** The ranges around `offset`, innermost first. */
function rangesAt(d: Analysed, offset: number): Range[] {
  const text = d.text;
  const doc = d.analysis.model.yaml;
  const out: Range[] = [];
  const node = (n: YamlNode | null | undefined): Range | undefined =>
    n?.range ? { start: n.range[0], end: trimEnd(text, n.range[0], n.range[1]) } : undefined;
  let n: unknown = doc?.value;
  while (n) {
    const r = node(n as YamlNode);
    if (!r || !holds(r, offset)) break;
    out.push(r);
    if (isMap(n)) {
      const pair = [...n.pairs()].find((p) => {
        const k = node(p.key as YamlNode), v = node(p.value as YamlNode);
        return k && holds({ start: k.start, end: v?.end ?? k.end }, offset);
      });
      if (!pair) break;
      const k = node(pair.key as YamlNode)!, v = node(pair.value as YamlNode);
      out.push({ start: k.start, end: v?.end ?? k.end });
      n = holds(k, offset) ? pair.key : pair.value;
    } else if (isSeq(n)) {
      n = Array.from(n).find((i) => {
        const r2 = node(isPair(i) ? (i.key as YamlNode) : (i as YamlNode));
        return r2 && holds(r2, offset);
      });
    } else {
      if (isScalar(n)) out.push(...templateRanges(d, r, offset));
      break;
    }
  }
  // Innermost first, each range once, each holding the one before it.
  const seen = new Set<string>();
  const chain: Range[] = [];
  for (const r of out.reverse()) {
    const key = `${r.start}:${r.end}`;
    if (seen.has(key)) continue;
    if (chain.length && !(r.start <= chain[chain.length - 1]!.start && chain[chain.length - 1]!.end <= r.end)) continue;
    seen.add(key);
    chain.push(r);
  }
  return chain;
}

/** Inside the scalar at `scalar`: the `${...}` holding `offset` and the expressions inside it, outermost first. */
function templateRanges(d: Analysed, scalar: Range, offset: number): Range[] {
  const host = templateHost(d.analysis, scalar.start);
  if (!host) return [];
  const src = (r: Range): Range => ({ start: host.toSource(r.start), end: host.toSource(r.end) });
  const out: Range[] = [];
  for (const part of host.template.parts) {
    if (part.kind !== 'expr' || !holds(src(part.range), offset)) continue;
    out.push(src(part.range));
    const inner: Expr[] = [];
    walkExpr(part.expr, (e) => {
      if (e.type !== 'error' && holds(src(e.range), offset)) inner.push(e);
    });
    for (const e of inner) {
      out.push(src(e.range));
      if (e.type === 'path') {
        const seg = [{ range: e.root.range }, ...e.segments].find((s) => holds(src(s.range), offset));
        if (seg) out.push(src(seg.range));
      }
    }
  }
  return out;
}

export function selectionRanges(d: Analysed, offsets: readonly number[]): SelectionRange[] {
  return offsets.map((offset) => {
    let parent: SelectionRange | undefined;
    const chain = rangesAt(d, offset);
    for (const r of chain.reverse()) parent = { range: { start: d.positionAt(r.start), end: d.positionAt(r.end) }, ...(parent ? { parent } : {}) };
    // LSP wants a range for every position: an empty one where nothing holds it.
    return parent ?? { range: { start: d.positionAt(offset), end: d.positionAt(offset) } };
  });
}
