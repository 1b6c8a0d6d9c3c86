// Where an edit falls in a YAML Document, for the two incremental paths (free-text-edit.ts, which
// shifts the previous diagnostics, and scalar-edit.ts, which derives the next Document): both need
// the one scalar value that holds the edit, and both refuse edits in a block scalar's header or in
// the indentation of its lines. One walk and one set of block-scalar checks, so the two cannot drift.
import type { Node, Pair, Scalar } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from '../../engine/src/model/yaml-nodes.js';
import { lineEndAt, lineStartAt } from './engine-api.js';

export interface ScalarHit {
  scalar: Scalar;
  /** A flow collection (`[...]`, `{...}`) encloses the scalar: `,` `]` `}` end scalars there. */
  flow: boolean;
  /** The key of the pair whose value the scalar is; undefined when it is a sequence item. */
  key: Node | null | undefined;
}

/**
 * The scalar (a mapping value or a sequence item, never a key nor the root) whose value range
 * holds [from, to]; undefined when the range touches a key, leaves every item, or meets a node
 * other than a map, a sequence or a scalar (an alias), or when the scalar lies `maxDepth`
 * collections deep or more. `steps`, when given, receives each collection's step towards the
 * scalar: the key of the pair (a map) or the item's index (a sequence), outermost first.
 */
export function scalarAt(root: Node | null, from: number, to: number, maxDepth: number, steps?: (Node | null | number)[]): ScalarHit | undefined {
  let cur: Node | null = root;
  let flow = false;
  let key: Node | null | undefined;
  for (let depth = 0; cur && depth < maxDepth; depth++) {
    if (isScalar(cur)) {
      const r = cur.range;
      return depth > 0 && r && r[0] <= from && to <= r[1] ? { scalar: cur, flow, key } : undefined;
    }
    let next: Node | null = null;
    if (isMap(cur)) {
      flow ||= !!cur.flow;
      for (const item of cur.pairs() as Iterable<Pair<Node | null, Node | null>>) {
        if (!isPair(item)) continue;
        const kr = item.key?.range;
        if (kr && kr[0] <= to && from <= kr[2]) return undefined; // inside or touching a key
        const vr = item.value?.range;
        if (vr && vr[0] <= from && to <= vr[2]) {
          next = item.value;
          key = item.key;
          steps?.push(key);
          break;
        }
      }
    } else if (isSeq(cur)) {
      flow ||= !!cur.flow;
      const items = cur as unknown as (Node | null)[];
      for (let i = 0; i < items.length; i++) {
        const r = items[i]?.range;
        if (r && r[0] <= from && to <= r[2]) {
          next = items[i]!;
          key = undefined;
          steps?.push(i);
          break;
        }
      }
    } else {
      return undefined; // aliases and anything else: no shortcut
    }
    cur = next;
  }
  return undefined;
}

// Line breaks are LF, CRLF and a lone CR, as for the model (engine/src/model/yaml-parse.ts reads a
// lone CR as a LF) and the editor: a check that saw only LF took `a\rx` for one line. Both checks
// read lines with the engine's line scans (engine/src/model/line-index.ts).

/**
 * The offset of the line break (its CR, for CRLF) that ends the header (`|`, `>-`, ...) of the
 * block scalar starting at `start`, when `from` lies after it; else -1 (an edit in the header, or
 * no line break at all).
 */
export function blockHeaderEnd(text: string, start: number, from: number): number {
  const header = lineEndAt(text, start);
  return header < text.length && from > header ? header : -1;
}

/**
 * Only white space precedes `at` on its line: an edit there changes a block scalar line's
 * indentation. Right after a CR it is true too: that is a line start, or, between the CR and the
 * LF of a CRLF, a place where an insertion makes the CR a line break of its own and starts a line
 * with the inserted text (the line index puts that offset on the line the CRLF ends, so the scan
 * from its line start alone would see that line's text and say false).
 */
export function inIndentation(text: string, at: number): boolean {
  if (at > 0 && text.charCodeAt(at - 1) === 13) return true;
  for (let i = lineStartAt(text, at); i < at; i++) if (!/\s/.test(text[i])) return false;
  return true;
}
