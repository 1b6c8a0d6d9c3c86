// The mapping key under an offset, read from the parsed YAML: its range and the key path to it
// (keys, '[]' for a sequence item, as yaml-path.ts reports them), for hover on keys that the line
// scan of yaml-path.ts does not see: keys inside flow mappings (`retries: {max: 2, backoff: fixed}`,
// `- {id: a, needs: b, shell: x}`) and keys after the first on a line.
import type { Node, Pair } from 'yaml';
import { dataKey, isMap, isScalar, isSeq } from '../../../engine/src/model/yaml-nodes.js';
import type { PathSeg } from './yaml-path.js';

export interface KeyHit { path: PathSeg[]; start: number; end: number }

/** The key holding `offset` (its start up to its end, both included), or undefined. Aliases are not followed. */
export function keyAt(root: Node | null | undefined, offset: number, maxDepth = 64): KeyHit | undefined {
  const path: PathSeg[] = [];
  let cur: Node | null | undefined = root;
  for (let depth = 0; cur && depth < maxDepth; depth++) {
    let next: Node | null = null;
    if (isMap(cur)) {
      for (const item of cur.pairs() as Iterable<Pair<Node | null, Node | null>>) {
        const k = item.key;
        const kr = k?.range;
        if (kr && kr[0] <= offset && offset <= kr[1]) {
          const name = isScalar(k) ? dataKey(k) : undefined;
          return name === undefined ? undefined : { path: [...path, name], start: kr[0], end: kr[1] };
        }
        const vr = item.value?.range;
        if (vr && vr[0] <= offset && offset <= vr[1]) {
          const name = isScalar(k) || k === null ? dataKey(k) : undefined;
          if (name === undefined) return undefined;
          path.push(name);
          next = item.value;
          break;
        }
      }
    } else if (isSeq(cur)) {
      for (const item of cur as unknown as (Node | null)[]) {
        const r = item?.range;
        if (r && r[0] <= offset && offset <= r[1]) {
          path.push('[]');
          next = item;
          break;
        }
      }
    } else {
      return undefined;
    }
    cur = next;
  }
  return undefined;
}
