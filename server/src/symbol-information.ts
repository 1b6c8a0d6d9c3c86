// Document symbols for a client without `hierarchicalDocumentSymbolSupport`: LSP gives it
// SymbolInformation[], a flat list in the tree's order (a parent before its children), each symbol
// located at its whole range and naming its parent as its container.
import type { DocumentSymbol, SymbolInformation } from 'vscode-languageserver-types';

export function symbolInformation(symbols: DocumentSymbol[], uri: string): SymbolInformation[] {
  const out: SymbolInformation[] = [];
  const walk = (list: DocumentSymbol[], container: string | undefined) => {
    for (const s of list) {
      out.push({ name: s.name, kind: s.kind, location: { uri, range: s.range }, ...(container === undefined ? {} : { containerName: container }) });
      if (s.children) walk(s.children, s.name);
    }
  };
  walk(symbols, undefined);
  return out;
}
