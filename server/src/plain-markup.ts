// Markup for a client that does not take markdown (`hover.contentFormat` or
// `completionItem.documentationFormat` listing only 'plaintext'): it shows text as it is, so the services'
// markdown is made plain: code fence lines dropped, `**bold**` and `code spans` unwrapped.
import { MarkupKind, type CompletionItem, type Hover, type MarkupContent } from 'vscode-languageserver-types';

export function plainText(markdown: string): string {
  return markdown
    .replace(/^[ \t]*```[\w-]*[ \t]*(\r\n|\r|\n|$)/gm, '')
    .replace(/\*\*([^*\r\n]+)\*\*/g, '$1')
    .replace(/`([^`\r\n]+)`/g, '$1')
    .trimEnd();
}

function plainMarkup(m: MarkupContent): MarkupContent {
  return m.kind === MarkupKind.Markdown ? { kind: MarkupKind.PlainText, value: plainText(m.value) } : m;
}

/** A hover as a client without markdown shows it. */
export function plainHover(h: Hover | null): Hover | null {
  if (!h || typeof h.contents !== 'object' || !('kind' in h.contents)) return h;
  return { ...h, contents: plainMarkup(h.contents) };
}

/** Completion items whose markdown documentation is made plain. */
export function plainDocumentation(items: CompletionItem[]): CompletionItem[] {
  return items.map((i) => (i.documentation && typeof i.documentation === 'object' ? { ...i, documentation: plainMarkup(i.documentation) } : i));
}

/**
 * Whether a client's list of formats takes markdown. A client that lists none said nothing (LSP
 * gives no default) and keeps markdown, as before; one that lists formats without it gets plain text.
 */
export function takesMarkdown(formats: readonly string[] | undefined): boolean {
  return formats === undefined || formats.includes(MarkupKind.Markdown);
}
