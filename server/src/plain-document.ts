// Whether a parsed YAML Document is "plain": no anchor, alias, explicit tag, merge key or directive,
// so that every value is what its own text says. scalar-edit.ts re-reads an edited scalar on its
// own only in such documents. It is asked on the first keystroke after each full parse, so it must
// be cheap next to the edit itself: most workflow texts hold none of the characters those
// constructs start with, and a scan of the text answers for them; the others get a walk of the
// Document that allocates nothing per node (the yaml package's `visit` copies its path array at
// every collection and pair). Documents derived by scalar-edit.ts inherit the answer.
import type { Document } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../../engine/src/model/yaml-nodes.js';

/** Documents known to be plain (derived documents are added by scalar-edit.ts). */
const plainDocs = new WeakSet<Document>();

/**
 * A character that every anchor (`&`), alias (`*`), tag (`!`) and directive (`%`) starts with, or
 * what a merge key needs: a key whose value is `<<` spells it in the text, or (double-quoted) makes
 * it with escapes or an escaped line break, which start with `\`. A text with none of these holds
 * none of them; one with any of them (in a string, say) is walked.
 */
const MAY_NOT_BE_PLAIN = /[&*!%\\]|<</;

/** Marks a document as plain (one derived from a plain one by an edit inside a scalar). */
export function markPlain(doc: Document): void {
  plainDocs.add(doc);
}

/** No anchors, aliases, explicit tags, merge keys or directives in `doc`, parsed from `text`: values are what their text says. */
export function isPlainDocument(doc: Document, text: string): boolean {
  if (plainDocs.has(doc)) return true;
  const plain = !MAY_NOT_BE_PLAIN.test(text) || walkIsPlain(doc, text);
  if (plain) plainDocs.add(doc);
  return plain;
}

/** The answer from the Document itself (and its text's directive lines), without the text scan. */
export function walkIsPlain(doc: Document, text: string): boolean {
  if (text.startsWith('%') || /\n%/.test(text) || hasDirectives(doc)) return false;
  // Every node the yaml package's `visit` reaches: collections, their pairs, keys and values.
  const stack: unknown[] = [doc.value];
  while (stack.length) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isScalar(node) || isMap(node) || isSeq(node)) {
      if (node.anchor !== undefined || node.tag !== undefined) return false;
      if (isMap(node)) for (const pair of node.pairs()) stack.push(pair);
      else if (isSeq(node)) for (let i = 0; i < node.length; i++) stack.push(node[i]);
    } else if (isPair(node)) {
      const k = node.key;
      if (isScalar(k) && (typeof k.value === 'symbol' || k.value === '<<' || k.source === '<<')) return false;
      stack.push(k, node.value);
    } else {
      return false; // an alias, or a node class (a set, ...) that only a tag makes
    }
  }
  return true;
}

/**
 * The document's own record of `%YAML` and `%TAG` directives (the line-start check above misses one
 * after a byte order mark, which the yaml package skips, or after a lone CR, which the parse reads as
 * a line break; `%YAML 1.1` changes what `yes` reads as).
 */
function hasDirectives(doc: Document): boolean {
  const d = doc.directives;
  if (!d) return false;
  const handles = Object.keys(d.tags);
  return d.yaml.explicit || d.yaml.version !== '1.2' || handles.length !== 1 || d.tags['!!'] !== 'tag:yaml.org,2002:';
}
