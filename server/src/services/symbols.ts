// Document symbols: the outline as a tree. Steps (with their kind and summary), blocks, the branches
// of a `parallel`, the body of a `foreach`; plus the top-level inputs and outputs.
import type { DocumentSymbol } from 'vscode-languageserver-types';
import { SymbolKind } from 'vscode-languageserver-types';
import type { Range, Scope, Step } from '../../../engine/src/model/types.js';
import type { Analysed } from './context.js';
import { summary } from './step-info.js';

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
      const br = cover(b.nameRange, b.scope.range);
      children.push({
        name: b.name, detail: 'branch', kind: SymbolKind.Package, range: r(br), selectionRange: sel(br, b.nameRange),
        children: scopeSymbols(b.scope),
      });
    }
    if (s.body) {
      const br = s.body.range;
      children.push({
        name: `each ${s.body.itemName ?? 'item'}`, detail: 'foreach body', kind: SymbolKind.Array, range: r(br), selectionRange: r({ start: br.start, end: br.start }),
        children: scopeSymbols(s.body),
      });
    }
    const range = s.range;
    return {
      name: s.id || '(no id)', detail: `${s.kind ?? 'step'} · ${summary(s)}`.slice(0, 120), kind: KIND_ICON[s.kind ?? ''] ?? SymbolKind.Object,
      range: r(range), selectionRange: sel(range, s.idRange), children,
    };
  };
  const scopeSymbols = (sc: Scope): DocumentSymbol[] => sc.steps.map(stepSymbol);
  const out: DocumentSymbol[] = [];
  if (m.inputs.length) {
    const span = cover(...m.inputs.map((i) => i.nameRange));
    out.push({
      name: 'inputs', kind: SymbolKind.Interface, range: r(span), selectionRange: r(span),
      children: m.inputs.map((i) => ({ name: i.name, detail: i.type, kind: SymbolKind.Variable, range: r(i.nameRange), selectionRange: r(i.nameRange) })),
    });
  }
  const steps = scopeSymbols(m.root);
  if (steps.length || m.root.steps.length === 0) {
    out.push({ name: 'steps', kind: SymbolKind.Namespace, range: r(m.root.range), selectionRange: r({ start: m.root.range.start, end: m.root.range.start }), children: steps });
  }
  if (m.outputs.length) {
    const span = cover(...m.outputs.map((o) => o.nameRange));
    out.push({
      name: 'outputs', kind: SymbolKind.Interface, range: r(span), selectionRange: r(span),
      children: m.outputs.map((o) => ({ name: o.name, kind: SymbolKind.Property, range: r(o.nameRange), selectionRange: r(o.nameRange) })),
    });
  }
  return out;
}

function cover(...ranges: Range[]): Range {
  return { start: Math.min(...ranges.map((x) => x.start)), end: Math.max(...ranges.map((x) => x.end)) };
}
