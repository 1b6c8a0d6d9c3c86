// Completion items for a client without `completionItem.snippetSupport` (LSP's default): such a
// client inserts an item's text literally, so a snippet (`id: $0`, `${1|GET,POST|}`) is turned into
// the text it would insert with its defaults: a placeholder's default text, a choice's first value,
// a tabstop (`$1`) nothing, or a mirror's default; escapes (`\$`, `\}`, `\\`) resolved.
import { InsertTextFormat, type CompletionItem } from 'vscode-languageserver-types';

/** The text `snippet` inserts when every placeholder keeps its default. */
export function snippetText(snippet: string): string {
  const defaults = new Map<string, string>();
  let i = 0;
  /** Reads until one of `stops` (unescaped) or the end; returns the text. */
  const text = (stops: string): string => {
    let out = '';
    while (i < snippet.length && !stops.includes(snippet[i])) {
      const c = snippet[i];
      if (c === '\\' && i + 1 < snippet.length && '$}\\,|'.includes(snippet[i + 1])) { out += snippet[i + 1]; i += 2; continue; }
      if (c === '$') { out += placeholder(); continue; }
      out += c;
      i++;
    }
    return out;
  };
  const placeholder = (): string => {
    const start = i;
    i++; // '$'
    const simple = /^(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(snippet.slice(i));
    if (simple) { i += simple[0].length; return defaults.get(simple[1]) ?? ''; }
    const braced = /^\{(\d+|[A-Za-z_][A-Za-z0-9_]*)/.exec(snippet.slice(i));
    if (!braced) { i = start + 1; return '$'; }
    const name = braced[1];
    i += braced[0].length;
    let value = defaults.get(name) ?? '';
    if (snippet[i] === ':') {
      i++;
      value = text('}');
    } else if (snippet[i] === '|') {
      i++;
      value = text(',|');
      while (i < snippet.length && snippet[i] === ',') { i++; text(',|'); }
      i++; // '|'
    }
    if (snippet[i] === '}') i++;
    if (!defaults.has(name)) defaults.set(name, value);
    return value;
  };
  return text('');
}

/** `items` with every snippet made plain text (for a client that does not take snippets). */
export function plainTextItems(items: CompletionItem[]): CompletionItem[] {
  return items.map((item) => {
    if (item.insertTextFormat !== InsertTextFormat.Snippet) return item;
    const out: CompletionItem = { ...item, insertTextFormat: InsertTextFormat.PlainText };
    if (item.insertText !== undefined) out.insertText = snippetText(item.insertText);
    if (item.textEdit) out.textEdit = { ...item.textEdit, newText: snippetText(item.textEdit.newText) };
    return out;
  });
}
