// Type guards for the `yaml` package's node classes, and the name `toJS` gives a key (one helper for
// the engine and the server). yaml 3 dropped its own `isMap`/`isSeq`/... helpers in favour of
// `instanceof`; these keep the call sites short and typed. Weft bundles one copy of the package, so
// `instanceof` is exact. A `!!set` (YAMLSet) is not a mapping here: no workflow field is a set, and
// the schema check reports one where a mapping belongs.
import * as yaml from 'yaml';
import type { Alias, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';

// The classes, read once: where Weft runs unbundled (tests, benchmarks), the yaml package is an ES
// module loaded from CommonJS, and each read of an import goes through two module-namespace getters.
const { Alias: AliasClass, Pair: PairClass, Scalar: ScalarClass, YAMLMap: MapClass, YAMLSeq: SeqClass } = yaml;

export const isMap = (node: unknown): node is YAMLMap => node instanceof MapClass;
export const isSeq = (node: unknown): node is YAMLSeq => node instanceof SeqClass;
export const isScalar = (node: unknown): node is Scalar => node instanceof ScalarClass;
export const isAlias = (node: unknown): node is Alias => node instanceof AliasClass;
export const isPair = (node: unknown): node is Pair => node instanceof PairClass;
/** A mapping or a sequence (the collections a workflow is made of). */
export const isCollection = (node: unknown): node is YAMLMap | YAMLSeq => node instanceof MapClass || node instanceof SeqClass;

/**
 * The name `toJS` gives a pair's key in the plain data, so in every path the schema check reports:
 * '' for a key that reads as null (`~:`, `null:`, `Null:`, `NULL:`, an empty key), else a scalar's
 * value as a string (`1:`, `01:` and `"1":` are all '1', `True:` is 'true'); undefined for any other
 * key (a collection, which toJS writes out as YAML).
 */
export function dataKey(key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  if (!isScalar(key)) return undefined;
  const v = key.value;
  if (v === null || v === undefined) return '';
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : undefined;
}

/**
 * The pair of `map` whose key is not a string but reads as `name` in the data (`1:`, `true:`, `~:`
 * for '1', 'true', ''), if any. The yaml package indexes a mapping's pairs by the key's value, so
 * `"1":` and `1:` are two entries (and no duplicate to it) although the data has one key '1', holding
 * the later value; `map.values.get(name)` finds only the string one. No allocation for a name that
 * cannot be a number (every name a workflow uses).
 */
export function otherSpelling(map: YAMLMap, name: string): Pair | undefined {
  const index = map.values as Map<unknown, Pair>;
  if (name === '') return index.get(null);
  if (name === 'true' || name === 'false') return index.get(name === 'true');
  const c = name.charCodeAt(0);
  if ((c < 48 || c > 57) && c !== 45 && name !== 'Infinity' && name !== 'NaN') return undefined;
  const n = Number(name);
  return String(n) === name ? index.get(n) : undefined;
}

/** Of two pairs with one data key, the one written later (whose value the data holds). */
export function laterPair(a: Pair, b: Pair): Pair {
  const start = (p: Pair) => (p.key as { range?: number[] } | null)?.range?.[0] ?? 0;
  return start(b) > start(a) ? b : a;
}
