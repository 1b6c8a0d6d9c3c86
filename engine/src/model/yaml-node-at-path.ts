// Finds the YAML node (and the key that holds it) for a JSON-pointer-like path into the plain data,
// so that a schema error about `/steps/3/http/method` can point at the exact text. Follows aliases
// and `<<` merge keys the same way `toJS` does, so every path into `model.data` has a source.
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { dataKey, isAlias, isCollection, isMap, isScalar, isSeq, laterPair, otherSpelling } from './yaml-nodes.js';
import type { Range } from './types.js';

export type PathSegment = string | number;

export interface NodeAtPath {
  /** The node at the path (undefined when the path ends at an empty value or was not found). */
  value: YamlNode | undefined;
  /** The key node of the pair whose value is `value` (undefined for sequence items and the root). */
  key: YamlNode | undefined;
  /** How many segments were resolved (path.length when the whole path was found). */
  depth: number;
  /** The deepest node reached (the value, or the last collection found on the way). */
  last: YamlNode | undefined;
  /** The key on the way to `last`, if any. */
  lastKey: YamlNode | undefined;
}

/** Parses an ajv instancePath (`/steps/0/http`) into segments; numbers stay strings (the data decides). */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const v = key.value;
  return v === '<<' || (typeof v === 'symbol' && v.description === '<<');
}

/** `node`, or the node an alias stands for. */
export function resolve(doc: Document, node: unknown): unknown {
  let n = node;
  for (let guard = 0; isAlias(n) && guard < 100; guard++) n = n.resolve(doc);
  return n;
}

/** A mapping's own pairs (merge keys excluded) and the mappings its `<<` keys merge in, in order. */
function ownPairsAndMerges(doc: Document, map: YAMLMap): { own: Pair[]; merged: YAMLMap[] } {
  const own: Pair[] = [];
  const merged: YAMLMap[] = [];
  for (const pair of map.pairs()) {
    if (!isMergeKey(pair.key)) {
      own.push(pair);
      continue;
    }
    const src = resolve(doc, pair.value);
    for (const s of isSeq(src) ? Array.from(src, (i) => resolve(doc, i)) : [src]) if (isMap(s)) merged.push(s);
  }
  return { own, merged };
}

/**
 * The pair for `name` in a mapping, the one whose value the data holds: a direct pair (the yaml
 * package keeps one per key value, holding the last value; of `"1":` and `1:`, which it keeps both
 * of, the later), then `<<` merge sources in order. Called for every key of every step: a key is
 * found in the mapping's own index; only a miss looks at every key, for a merge key.
 */
export function findPair(doc: Document, map: YAMLMap, name: string): Pair | undefined {
  return pairIn(doc, map, name, true);
}

/**
 * `lastWins`: of two spellings of `name` among the mapping's own keys, the later (toJS assigns
 * them in order); in a merge source the earlier (toJS merges in only keys the data lacks).
 */
function pairIn(doc: Document, map: YAMLMap, name: string, lastWins: boolean, seen?: Set<unknown>): Pair | undefined {
  const direct = map.values.get(name);
  const other = otherSpelling(map, name);
  if (direct && other) {
    const later = laterPair(direct, other);
    return lastWins ? later : later === direct ? other : direct;
  }
  if (direct || other) return direct ?? other;
  // The package indexes every scalar key by its value, so those two lookups found any own key that
  // reads as `name`; what is left is a merge source.
  if (!hasMergeKey(map)) return undefined;
  const visited = seen ?? new Set<unknown>();
  if (visited.has(map)) return undefined;
  visited.add(map);
  for (const s of ownPairsAndMerges(doc, map).merged) {
    const p = pairIn(doc, s, name, false, visited);
    if (p) return p;
  }
  return undefined;
}

/** Walks `path` from the document's root. */
export function nodeAtPath(doc: Document, path: readonly PathSegment[]): NodeAtPath {
  let cur: unknown = doc.value ?? undefined;
  let key: YamlNode | undefined;
  let last = cur as YamlNode | undefined;
  let lastKey: YamlNode | undefined;
  let depth = 0;
  for (const seg of path) {
    const coll = resolve(doc, cur);
    let next: unknown;
    let nextKey: YamlNode | undefined;
    if (isMap(coll)) {
      const pair = findPair(doc, coll, String(seg));
      if (!pair) break;
      next = pair.value ?? undefined;
      nextKey = (pair.key ?? undefined) as YamlNode | undefined;
    } else if (isSeq(coll)) {
      const i = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      if (i < 0 || i >= coll.length) break;
      next = coll[i] ?? undefined;
      nextKey = undefined;
    } else {
      break;
    }
    depth++;
    cur = next;
    key = nextKey;
    if (next !== undefined) {
      last = next as YamlNode;
      lastKey = nextKey;
    } else if (nextKey) {
      lastKey = nextKey;
    }
  }
  const complete = depth === path.length;
  return {
    value: complete ? (cur as YamlNode | undefined) : undefined,
    key: complete ? key : undefined,
    depth,
    last,
    lastKey,
  };
}

/** The source range of a node without trailing whitespace; undefined when it has no extent. */
export function nodeRange(node: YamlNode | undefined, text: string): Range | undefined {
  const r = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!r) return undefined;
  const start = Math.max(0, Math.min(r[0], text.length));
  let end = Math.max(start, Math.min(r[1], text.length));
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end === start) return undefined;
  return { start, end };
}

/**
 * Tags and anchors at the end of a line's text (`- !!null`, `[&a`, `key: !!str`), after what can come
 * before a node's properties: a `-`, `[`, `{`, `,`, `:` or `?` and a space, or the line's indent.
 */
const TRAILING_PROPERTIES = /(?:^|[-[{,:?])[ \t]*((?:[!&][^ \t\n,[\]{}]*[ \t]*)+)$/;

/**
 * For an empty node, which nodeRange cannot mark: the tag or anchor it has (`- !!null`, `[!!str]`:
 * the node starts after them), else, for a sequence item, its `-` (`-` with nothing after it but a
 * comment). Undefined for any other node.
 */
export function emptyItemRange(node: YamlNode | undefined, text: string): Range | undefined {
  const r = (node as { range?: [number, number, number] } | undefined)?.range;
  if (!r || nodeRange(node, text)) return undefined;
  const at = Math.min(r[0], text.length);
  let i = at - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && text[i] === '-') return { start: i, end: i + 1 };
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const m = TRAILING_PROPERTIES.exec(text.slice(lineStart, at));
  if (!m) return undefined;
  const start = lineStart + m.index + m[0].length - m[1]!.length;
  return { start, end: start + m[1]!.trimEnd().length };
}

/** Like nodeRange, but a block collection is cut at the end of its first line (a squiggle, not a page). */
export function headRange(node: YamlNode | undefined, text: string): Range | undefined {
  const r = nodeRange(node, text);
  if (!r || !isCollection(node)) return r;
  const nl = text.indexOf('\n', r.start);
  if (nl < 0 || nl >= r.end) return r;
  let end = nl;
  while (end > r.start && /\s/.test(text[end - 1]!)) end--;
  return end > r.start ? { start: r.start, end } : r;
}

/** The first key of a mapping node (for pointing at a step or document as a whole). */
export function firstKey(doc: Document, node: YamlNode | undefined): YamlNode | undefined {
  const m = resolve(doc, node);
  if (!isMap(m)) return undefined;
  for (const pair of m.pairs()) {
    const k = pair.key;
    if (k && !isMergeKey(k)) return k as YamlNode;
  }
  return undefined;
}

/** True when the mapping has a `<<` merge key. */
export function hasMergeKey(map: YAMLMap): boolean {
  for (const pair of map.pairs()) if (isMergeKey(pair.key)) return true;
  return false;
}

/** The keys of a mapping in document order with their key nodes (merge sources after own keys). */
export function mapKeys(doc: Document, node: YamlNode | undefined): { name: string; key: YamlNode }[] {
  return mapPairs(doc, node).map(({ name, pair }) => ({ name, key: pair.key as YamlNode }));
}

/**
 * The pairs that make up a mapping's data, by key name in document order: its own pairs, then
 * those of its `<<` merge sources whose key it does not already have (as `toJS` merges them).
 */
export function mapPairs(doc: Document, node: unknown): { name: string; pair: Pair }[] {
  const m = resolve(doc, node);
  const out: { name: string; pair: Pair }[] = [];
  if (!isMap(m)) return out;
  // Each name's index in `out`: a later spelling of one of the mapping's own keys (`1:` after
  // `"1":`) takes over the pair, as in toJS; a merge source's keys only fill in missing names.
  const seen = new Map<string, number>();
  const visit = (map: YAMLMap, guard: Set<unknown>): void => {
    if (guard.has(map)) return;
    const own = guard.size === 0;
    guard.add(map);
    const { own: pairs, merged } = ownPairsAndMerges(doc, map);
    for (const pair of pairs) {
      const name = dataKey(pair.key);
      if (name === undefined) continue;
      const at = seen.get(name);
      if (at !== undefined) {
        if (own) out[at]!.pair = pair;
        continue;
      }
      seen.set(name, out.length);
      out.push({ name, pair });
    }
    for (const s of merged) visit(s, guard);
  };
  visit(m, new Set());
  return out;
}
