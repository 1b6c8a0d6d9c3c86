// A fast path for parsing the YAML that workflows are made of: block mappings and sequences, one-line
// plain and quoted scalars, literal and folded block scalars, one-line flow collections, comments,
// anchors and aliases. It builds the same `yaml` Document (same node classes, values, types and
// ranges) that `parseDocument(text, { keepSourceTokens: true })` builds, several times faster, and
// returns undefined for anything else (tabs, CR, tags, directives, several documents, merge keys,
// multi-line plain or quoted scalars, explicit keys, duplicate keys, ...), so that the caller falls
// back to the `yaml` package, which also reports every syntax error. Differential tests against the
// `yaml` package keep the two identical (engine/test/schema/yaml-fast-parse.test.ts).
import { Alias, Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { resolvePlain, unescapeDouble } from './yaml-fast-scalars.js';

export { resolvePlain };

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

type Range3 = [number, number, number];
type AnyNode = YamlNode & { range?: Range3 | null; anchor?: string };

class FastParser {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly indents: number[] = [];
  private readonly anchors = new Set<string>();

  constructor(private readonly text: string) {
    if (/[\t\r\ufeff]/.test(text)) bail();
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      const end = nl < 0 ? text.length : nl;
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      this.starts.push(start);
      this.ends.push(end);
      this.indents.push(i - start);
      if (nl < 0) break;
      start = nl + 1;
    }
  }

  /** After the line's end: the start of the next line (or the text's end). */
  private after(li: number): number {
    return li + 1 < this.starts.length ? this.starts[li + 1]! : this.text.length;
  }

  private blank(li: number): boolean {
    const at = this.starts[li]! + this.indents[li]!;
    return at >= this.ends[li]! || this.text[at] === '#';
  }

  /**
   * The next line with content. Comment lines on the way must be indented no deeper than that line
   * (or, at the end, start in column 0): the yaml package attaches deeper ones to the node before
   * them, which changes that node's range in ways not reproduced here.
   */
  private nextContent(li: number): number {
    let deepest = -1;
    while (li < this.starts.length && this.blank(li)) {
      if (this.starts[li]! + this.indents[li]! < this.ends[li]!) deepest = Math.max(deepest, this.indents[li]!);
      li++;
    }
    if (deepest > (li < this.starts.length ? this.indents[li]! : 0)) bail();
    return li;
  }

  parse(): Document | undefined {
    const first = this.nextContent(0);
    if (first >= this.starts.length) return undefined; // empty: let the yaml package decide
    const line0 = this.text.slice(this.starts[first]!, this.ends[first]!);
    if (/^(%|---|\.\.\.)/.test(line0)) bail();
    const { node, next } = this.blockNode(first, -1);
    if (!node || this.nextContent(next) < this.starts.length) bail();
    const doc = new Document();
    doc.contents = node as never;
    (doc as unknown as { range: Range3 }).range = [0, this.text.length, this.text.length];
    return doc;
  }

  /** A node that starts on line `li` (already known to hold content) at its indentation. */
  private blockNode(li: number, parentIndent: number): { node: AnyNode | undefined; next: number } {
    const n = this.indents[li]!;
    const at = this.starts[li]! + n;
    const c = this.text[at];
    if (c === '-' && this.isSpaceOrEnd(at + 1)) return this.blockSeq(li, n);
    if (this.implicitKeyEnd(at, this.ends[li]!) >= 0) return this.blockMap(li, n, at);
    const r = this.inlineValue(li, at, parentIndent);
    return { node: r.node, next: r.next };
  }

  private isSpaceOrEnd(i: number): boolean {
    return i >= this.text.length || this.text[i] === ' ' || this.text[i] === '\n';
  }

  /** If a block mapping key starts at `at`, the offset of its `:`; else -1. */
  private implicitKeyEnd(at: number, end: number): number {
    const t = this.text;
    const c = t[at];
    if (c === '"' || c === "'") {
      const close = this.quotedEnd(at, end);
      if (close < 0) return -1;
      let j = close;
      while (j < end && t[j] === ' ') j++;
      return t[j] === ':' && this.isSpaceOrEnd(j + 1) ? j : -1;
    }
    if (c === undefined || '-?:,[]{}#&*!|>%@`'.includes(c)) {
      if (!(c === '-' || c === '?' || c === ':') || this.isSpaceOrEnd(at + 1)) return -1;
    }
    for (let j = at; j < end; j++) {
      if (t[j] === ':' && this.isSpaceOrEnd(j + 1)) return j;
      if (t[j] === '#' && t[j - 1] === ' ') return -1;
    }
    return -1;
  }

  /** Offset just after the closing quote of a one-line quoted scalar starting at `at`, or -1. */
  private quotedEnd(at: number, end: number): number {
    const t = this.text;
    const q = t[at];
    for (let j = at + 1; j < end; j++) {
      if (q === '"' && t[j] === '\\') {
        j++;
        continue;
      }
      if (t[j] === q) {
        if (q === "'" && t[j + 1] === "'") {
          j++;
          continue;
        }
        return j + 1;
      }
    }
    return -1;
  }

  private blockSeq(li: number, n: number): { node: AnyNode; next: number } {
    const seq = new YAMLSeq() as YAMLSeq & AnyNode;
    const first = this.starts[li]! + n;
    let end: number;
    for (;;) {
      const at = this.starts[li]! + n;
      const v = this.afterIndicator(li, at + 1, n, false);
      seq.items.push(v.node ?? null);
      end = v.end;
      li = this.nextContent(v.next);
      if (li >= this.starts.length || this.indents[li]! < n) break;
      if (this.indents[li]! > n) bail();
      const a = this.starts[li]! + n;
      if (!(this.text[a] === '-' && this.isSpaceOrEnd(a + 1))) break; // the next key of a mapping around it
    }
    seq.range = [first, end, end];
    return { node: seq, next: li };
  }

  private blockMap(li: number, n: number, firstAt: number): { node: AnyNode; next: number } {
    const map = new YAMLMap() as YAMLMap & AnyNode;
    const seen = new Set<string>();
    let end: number;
    let at = firstAt;
    for (;;) {
      const lineEnd = this.ends[li]!;
      const colon = this.implicitKeyEnd(at, lineEnd);
      if (colon < 0) bail();
      const key = this.keyScalar(at, colon);
      const id = `${typeof key.value}:${String(key.value)}`;
      if (seen.has(id) || key.value === '<<') bail();
      seen.add(id);
      const v = this.afterIndicator(li, colon + 1, n, true);
      map.items.push(new Pair(key, v.node ?? null));
      end = v.end;
      li = this.nextContent(v.next);
      if (li >= this.starts.length || this.indents[li]! < n) break;
      if (this.indents[li]! > n) bail();
      at = this.starts[li]! + n;
      if (this.text[at] === '-' && this.isSpaceOrEnd(at + 1)) bail();
    }
    map.range = [firstAt, end, end];
    return { node: map, next: li };
  }

  private keyScalar(at: number, colon: number): Scalar & AnyNode {
    const t = this.text;
    let s: Scalar & AnyNode;
    if (t[at] === '"' || t[at] === "'") {
      const close = this.quotedEnd(at, colon + 1);
      s = this.quoted(at, close);
      s.range = [at, close, close];
    } else {
      let e = colon;
      while (e > at && t[e - 1] === ' ') e--;
      const src = t.slice(at, e);
      if (/^[&*!]/.test(src) || src.includes(': ') || src.includes(' #')) bail();
      s = new Scalar(resolvePlain(src)) as Scalar & AnyNode;
      s.type = 'PLAIN';
      s.range = [at, e, e];
    }
    return s;
  }

  private quoted(at: number, close: number): Scalar & AnyNode {
    const t = this.text;
    const body = t.slice(at + 1, close - 1);
    const value = t[at] === "'" ? body.replace(/''/g, "'") : unescapeDouble(body);
    if (value === undefined) bail();
    const s = new Scalar(value) as Scalar & AnyNode;
    s.type = t[at] === '"' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
    return s;
  }

  /**
   * The value after `:` or `-` at offset `at` on line `li` of a collection indented `n`: inline, or
   * a block node on the next lines, or empty.
   */
  private afterIndicator(li: number, at: number, n: number, inMap: boolean): { node: AnyNode | undefined; next: number; end: number } {
    const t = this.text;
    const lineEnd = this.ends[li]!;
    let i = at;
    while (i < lineEnd && t[i] === ' ') i++;
    let anchor: string | undefined;
    if (t[i] === '&') {
      const m = /^&([^\s,[\]{}]+)/.exec(t.slice(i, lineEnd));
      if (!m) bail();
      anchor = m![1]!;
      i += m![0].length;
      while (i < lineEnd && t[i] === ' ') i++;
    }
    if (i >= lineEnd || (t[i] === '#' && t[i - 1] === ' ')) {
      const li2 = this.nextContent(li + 1);
      const ind = li2 < this.starts.length ? this.indents[li2]! : -1;
      const at2 = li2 < this.starts.length ? this.starts[li2]! + ind : -1;
      const seqHere = inMap && ind === n && t[at2] === '-' && this.isSpaceOrEnd(at2 + 1);
      if (ind > n || seqHere) {
        const r = this.blockNode(li2, seqHere ? n - 1 : n);
        if (!r.node) bail();
        if (anchor) this.setAnchor(r.node!, anchor);
        return { node: r.node, next: r.next, end: r.node!.range![2] };
      }
      if (anchor || !inMap) bail(); // an anchored or empty sequence entry: rare, left to the yaml package
            // `key: # comment`, or comment lines before the next key: the yaml package runs the empty
      // value's range on to the next token; left to it.
      if (i < lineEnd) bail();
      for (let k = li + 1; k < li2; k++) if (this.starts[k]! + this.indents[k]! < this.ends[k]!) bail();
      const s = new Scalar(null) as Scalar & AnyNode;
      s.type = 'PLAIN';
      s.range = [i, i, i];
      return { node: s, next: li + 1, end: i };
    }
    if (!inMap && t[i] === '-' && this.isSpaceOrEnd(i + 1)) bail(); // `- - x`
    if (!inMap && this.implicitKeyEnd(i, lineEnd) >= 0) {
      if (anchor) bail();
      const r = this.blockMap(li, i - this.starts[li]!, i);
      return { node: r.node, next: r.next, end: r.node.range![2] };
    }
    const r = this.inlineValue(li, i, n);
    if (anchor) this.setAnchor(r.node, anchor);
    return { node: r.node, next: r.next, end: r.node.range![2] };
  }

  private setAnchor(node: AnyNode, name: string): void {
    if (node instanceof Alias) bail();
    node.anchor = name;
    this.anchors.add(name);
  }

  /** A value that starts at `at` on line `li`: scalar, alias, block scalar or one-line flow collection. */
  private inlineValue(li: number, at: number, n: number): { node: AnyNode; next: number } {
    const t = this.text;
    const lineEnd = this.ends[li]!;
    const c = t[at];
    let node: AnyNode;
    let end: number;
    if (c === '|' || c === '>') return this.blockScalar(li, at, n);
    if (c === '*') {
      const m = /^\*([^\s,[\]{}]+)/.exec(t.slice(at, lineEnd));
      if (!m || !this.anchors.has(m[1]!)) bail();
      node = new Alias(m![1]!) as unknown as AnyNode;
      end = at + m![0].length;
    } else if (c === '[' || c === '{') {
      const r = this.flow(at, lineEnd);
      node = r.node;
      end = r.end;
    } else if (c === '"' || c === "'") {
      end = this.quotedEnd(at, lineEnd);
      if (end < 0) bail();
      node = this.quoted(at, end);
    } else {
      if (c === '-' && this.isSpaceOrEnd(at + 1)) bail();
      if ('?:,]}#&!%@`'.includes(c!) && !((c === '?' || c === ':') && !this.isSpaceOrEnd(at + 1))) bail();
      end = at;
      for (let j = at; j < lineEnd; j++) {
        if (t[j] === '#' && t[j - 1] === ' ') break;
        if (t[j] === ':' && this.isSpaceOrEnd(j + 1)) bail();
        end = j + 1;
      }
      while (end > at && t[end - 1] === ' ') end--;
      const s = new Scalar(resolvePlain(t.slice(at, end))) as Scalar & AnyNode;
      s.type = 'PLAIN';
      node = s;
    }
    // Only spaces and a comment may follow on the line; the next content line must be less indented.
    let j = end;
    while (j < lineEnd && t[j] === ' ') j++;
    if (j < lineEnd && !(t[j] === '#' && j > end)) bail();
    const next = this.nextContent(li + 1);
    if (next < this.starts.length && this.indents[next]! > n) bail();
    node.range = [at, end, this.after(li)];
    return { node, next: li + 1 };
  }

  private blockScalar(li: number, at: number, n: number): { node: AnyNode; next: number } {
    const t = this.text;
    const m = /^([|>])(-?)( +#.*)? *$/.exec(t.slice(at, this.ends[li]!));
    if (!m) bail();
    const folded = m![1] === '>';
    const strip = m![2] === '-';
    const lines: string[] = [];
    let indent = -1;
    let k = li + 1;
    let lastContent = li;
    for (; k < this.starts.length; k++) {
      const s = this.starts[k]!;
      const e = this.ends[k]!;
      const ind = this.indents[k]!;
      if (s + ind >= e) {
        if (indent >= 0 && ind > indent) bail(); // spaces beyond the indentation on a blank line
        lines.push('');
        continue;
      }
      if (indent < 0) {
        if (ind <= n) break;
        if (folded && lines.length) bail(); // leading empty lines of a folded scalar
        if (lines.some((_, i) => this.indents[li + 1 + i]! > ind)) bail();
        indent = ind;
      }
      if (ind < indent) break;
      if (folded && ind > indent) bail();
      lines.length = k - li - 1;
      lines.push(t.slice(s + indent, e));
      lastContent = k;
    }
    if (indent < 0) bail(); // empty block scalar
    lines.length = lastContent - li;
    let value: string;
    if (folded) {
      value = '';
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!;
        if (i === 0) value = l;
        else if (l === '') value += '\n';
        else value += lines[i - 1] === '' ? l : ` ${l}`;
      }
    } else value = lines.join('\n');
    if (!strip) value += '\n';
    const s = new Scalar(value) as Scalar & AnyNode;
    s.type = folded ? 'BLOCK_FOLDED' : 'BLOCK_LITERAL';
    const end = this.after(lastContent);
    s.range = [at, end, end];
    return { node: s, next: lastContent + 1 };
  }

  /** A flow collection that opens and closes on one line. */
  private flow(at: number, lineEnd: number): { node: AnyNode; end: number } {
    const t = this.text;
    const isMap = t[at] === '{';
    const close = isMap ? '}' : ']';
    const coll = (isMap ? new YAMLMap() : new YAMLSeq()) as (YAMLMap | YAMLSeq) & AnyNode;
    coll.flow = true;
    const seen = new Set<string>();
    let i = at + 1;
    const skip = () => {
      while (i < lineEnd && t[i] === ' ') i++;
    };
    const item = (stops: string): AnyNode => {
      skip();
      const c = t[i];
      let node: AnyNode;
      let end: number;
      if (c === '[' || c === '{') {
        const r = this.flow(i, lineEnd);
        node = r.node;
        end = r.end;
      } else if (c === '"' || c === "'") {
        end = this.quotedEnd(i, lineEnd);
        if (end < 0) bail();
        node = this.quoted(i, end);
      } else if (c === '*') {
        const m = /^\*([^\s,[\]{}]+)/.exec(t.slice(i, lineEnd));
        if (!m || !this.anchors.has(m[1]!)) bail();
        node = new Alias(m![1]!) as unknown as AnyNode;
        end = i + m![0].length;
      } else {
        if (c === undefined || '-?:,[]{}#&!|>%@`'.includes(c)) {
          if (!((c === '-' || c === '?' || c === ':') && !this.isSpaceOrEnd(i + 1) && !',[]{}'.includes(t[i + 1]!))) bail();
        }
        end = i;
        for (let j = i; j < lineEnd; j++) {
          const ch = t[j]!;
          if (',[]{}'.includes(ch)) break;
          if (ch === ':' && (this.isSpaceOrEnd(j + 1) || ',[]{}'.includes(t[j + 1]!))) {
            if (!stops.includes(':')) bail();
            break;
          }
          if (ch === '#' && t[j - 1] === ' ') bail();
          end = j + 1;
        }
        while (end > i && t[end - 1] === ' ') end--;
        if (end === i) bail();
        const s = new Scalar(resolvePlain(t.slice(i, end))) as Scalar & AnyNode;
        s.type = 'PLAIN';
        node = s;
      }
      const start = i;
      i = end;
      skip();
      node.range = [start, end, i];
      return node;
    };
    for (;;) {
      skip();
      if (i >= lineEnd) bail();
      if (t[i] === close) break;
      if (isMap) {
        const key = item(':,}');
        if (t[i] !== ':') bail();
        (key.range as Range3)[2] = key.range![1]; // a key's range ends with the key
        const k = key as unknown as Scalar;
        if (!(key instanceof Scalar) || k.value === '<<') bail();
        const id = `${typeof k.value}:${String(k.value)}`;
        if (seen.has(id)) bail();
        seen.add(id);
        i++;
        const value = item(',}');
        (coll as YAMLMap).items.push(new Pair(key, value));
      } else {
        (coll as YAMLSeq).items.push(item(',]'));
      }
      if (t[i] === ',') {
        i++;
        continue;
      }
      if (t[i] !== close) bail();
      break;
    }
    return { node: coll, end: i + 1 };
  }
}

/**
 * The Document `parseDocument(text, { keepSourceTokens: true, merge: true })` would build, or
 * undefined when the text is outside the fast path's subset (then use the `yaml` package).
 * `strict` rethrows unexpected errors instead of declining (for tests).
 */
export function parseYamlFast(text: string, strict = false): Document | undefined {
  try {
    return new FastParser(text).parse();
  } catch (e) {
    // A bug here must never cost more than speed: fall back to the yaml package (tests pass strict).
    if (e instanceof Bail || !strict) return undefined;
    throw e;
  }
}
