// Document symbols: the outline as a tree. Steps (with their kind and summary), blocks, the branches
// of a `parallel`, the body of a `foreach`; plus the top-level inputs and outputs, each covering its
// whole `name: value` (the model keeps only the name's range, so the value's comes from the YAML).
// A steps list that YAML reuses (`branch2: *pipeline`) has the anchor's ranges in the model, wherever
// it is used: a branch that is an alias covers its own `name: *alias`, and symbols that would lie
// outside their parent are placed, empty, where their parent's name is (`contain`), so that every
// symbol stays inside its parent, as editors expect when they follow the cursor.
import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { Node as YamlNode } from 'yaml';
import { SymbolKind } from 'vscode-languageserver-types';
import type { Range, Scope, Step } from '../../../engine/src/model/types.js';
import type { Analysed } from './context.js';
import { summary } from './step-info.js';
import { sliceWhole } from './one-line.js';
import { findPair, mapPairs, nodeRange, resolve } from '../../../engine/src/model/yaml-node-at-path.js';
import { isMap } from '../../../engine/src/model/yaml-nodes.js';
import { lineEndAt } from '../engine-api.js';

const KIND_ICON: Record<string, SymbolKind> = {
  shell: SymbolKind.Function,
  http: SymbolKind.Function,
  file: SymbolKind.Function,
  llm: SymbolKind.Function,
  stub: SymbolKind.Function,
  parallel: SymbolKind.Namespace,
  foreach: SymbolKind.Array,
  workflow: SymbolKind.Module,
};

export function documentSymbols(d: Analysed): DocumentSymbol[] {
  const m = d.analysis.model;
  const r = (x: Range) => ({ start: d.positionAt(x.start), end: d.positionAt(Math.max(x.start, x.end)) });
  const sel = (outer: Range, inner: Range) => (inner.start >= outer.start && inner.end <= outer.end ? r(inner) : r({ start: outer.start, end: outer.start }));
  const stepSymbol = (s: Step): DocumentSymbol => {
    const children: DocumentSymbol[] = [];
    for (const b of s.branches ?? []) {
      // The list is not at its name (an alias of a list anchored earlier): the branch is its `name: *alias`.
      const elsewhere = !within(b.nameRange, b.scope.range) && b.scope.range.start < b.nameRange.end;
      const br = elsewhere ? { start: b.nameRange.start, end: Math.max(b.nameRange.end, Math.min(lineEndAt(m.text, b.nameRange.end), s.range.end)) } : cover(b.nameRange, b.scope.range);
      children.push({
        name: b.name, detail: 'branch', kind: SymbolKind.Package, range: r(br), selectionRange: sel(br, b.nameRange),
        children: scopeSymbols(b.scope),
      });
    }
    if (s.body) {
      // The foreach's `steps: ...` (its key is the selection), as the top-level `steps` below.
      const keyed = pairRanges(pairIn(s.node, 'foreach')?.value);
      const br = keyed ? withList(keyed, s.body.range) : s.body.range;
      children.push({
        name: `each ${s.body.itemName ?? 'item'}`, detail: 'foreach body', kind: SymbolKind.Array, range: r(br), selectionRange: r(keyed?.key ?? { start: br.start, end: br.start }),
        children: scopeSymbols(s.body),
      });
    }
    const range = s.range;
    return {
      name: s.id || '(no id)', detail: sliceWhole(detailOf(s), 120), kind: KIND_ICON[s.kind ?? ''] ?? SymbolKind.Object,
      range: r(range), selectionRange: sel(range, s.idRange), children,
    };
  };
  const scopeSymbols = (sc: Scope): DocumentSymbol[] => sc.steps.map(stepSymbol);
  /** The pair `key` of a mapping node (an alias resolved), if it has one. */
  const pairIn = (map: unknown, key: string) => {
    const node = m.yaml ? resolve(m.yaml, map) : undefined;
    return m.yaml && isMap(node) ? findPair(m.yaml, node, key) : undefined;
  };
  /** The `steps` pair of a mapping node: its key's range and that of the whole `steps: value`. */
  const pairRanges = (map: unknown): { key: Range; whole: Range } | undefined => {
    const pair = pairIn(map, 'steps');
    const key = pair ? nodeRange(pair.key as YamlNode, m.text) : undefined;
    if (!pair || !key) return undefined;
    const value = nodeRange(pair.value as YamlNode, m.text);
    return { key, whole: value ? cover(key, value) : key };
  };
  /** `steps: value` and the model's range of its list (which runs to the next line), unless YAML reuses that list from before the key. */
  const withList = (keyed: { key: Range; whole: Range }, list: Range): Range => (list.start >= keyed.key.start ? cover(keyed.whole, list) : keyed.whole);
  const out: DocumentSymbol[] = [];
  // The top-level `inputs:` / `outputs:` mapping: the whole pair, its key, and each entry's `name: value`.
  const section = (key: string, names: Range[]) => {
    const pair = pairIn(m.yaml?.value, key);
    const keyRange = pair ? nodeRange(pair.key as YamlNode, m.text) : undefined;
    const valueRange = pair ? nodeRange(pair.value as YamlNode, m.text) : undefined;
    const whole = keyRange && valueRange ? cover(keyRange, valueRange) : cover(...names);
    const entries = new Map<number, Range>();
    if (pair && m.yaml) {
      for (const { pair: p } of mapPairs(m.yaml, pair.value)) {
        const k = nodeRange(p.key as YamlNode, m.text);
        const v = nodeRange(p.value as YamlNode, m.text);
        // An entry merged in from elsewhere (`<<: *anchor`) keeps its name's range: a child stays inside its parent.
        if (k && v && k.start >= whole.start && v.end <= whole.end) entries.set(k.start, cover(k, v));
      }
    }
    const full = (name: Range) => entries.get(name.start) ?? name;
    return { range: cover(whole, ...names), selection: keyRange ?? cover(...names), full };
  };
  if (m.inputs.length) {
    const sec = section('inputs', m.inputs.map((i) => i.nameRange));
    out.push({
      name: 'inputs', kind: SymbolKind.Interface, range: r(sec.range), selectionRange: r(sec.selection),
      children: m.inputs.map((i) => ({ name: i.name, detail: i.type, kind: SymbolKind.Variable, range: r(sec.full(i.nameRange)), selectionRange: r(i.nameRange) })),
    });
  }
  const steps = scopeSymbols(m.root);
  if (steps.length || m.root.steps.length === 0) {
    // From the `steps:` key over its list, the key selected, as `inputs` and `outputs` are.
    const keyed = pairRanges(m.yaml?.value);
    const range = keyed ? withList(keyed, m.root.range) : m.root.range;
    const sym: DocumentSymbol = { name: 'steps', kind: SymbolKind.Namespace, range: r(range), selectionRange: r(keyed?.key ?? { start: range.start, end: range.start }), children: steps };
    contain(sym, d);
    out.push(sym);
  }
  if (m.outputs.length) {
    const sec = section('outputs', m.outputs.map((o) => o.nameRange));
    out.push({
      name: 'outputs', kind: SymbolKind.Interface, range: r(sec.range), selectionRange: r(sec.selection),
      children: m.outputs.map((o) => ({ name: o.name, kind: SymbolKind.Property, range: r(sec.full(o.nameRange)), selectionRange: r(o.nameRange) })),
    });
  }
  return out;
}

/** `kind · summary`, without saying the kind twice when the summary starts with it (`stub → 42`). */
function detailOf(s: Step): string {
  const kind = s.kind ?? 'step';
  const sum = summary(s);
  if (!sum) return kind;
  return sum === kind || sum.startsWith(`${kind} `) ? sum : `${kind} · ${sum}`;
}

const within = (inner: Range, outer: Range) => inner.start >= outer.start && inner.end <= outer.end;

/**
 * Keeps every descendant of `sym` inside its parent: a child that lies outside (text reused through an
 * alias, whose ranges are the anchor's) is placed, with all it holds, as an empty range at the start
 * of its parent's name.
 */
function contain(sym: DocumentSymbol, d: Analysed): void {
  const off = (x: DocumentSymbol['range']) => ({ start: d.offsetAt(x.start), end: d.offsetAt(x.end) });
  const place = (s: DocumentSymbol, at: DocumentSymbol['range']['start']) => {
    s.range = { start: at, end: at };
    s.selectionRange = { start: at, end: at };
    for (const c of s.children ?? []) place(c, at);
  };
  const outer = off(sym.range);
  for (const c of sym.children ?? []) {
    if (within(off(c.range), outer)) contain(c, d);
    else place(c, sym.selectionRange.start);
  }
}

function cover(...ranges: Range[]): Range {
  return { start: Math.min(...ranges.map((x) => x.start)), end: Math.max(...ranges.map((x) => x.end)) };
}
