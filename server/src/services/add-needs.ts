// The edits behind the "Add `needs: a` to 'b'" quick fix: add an id to a step's `needs`, in the form
// the step already uses. Decided from the step's YAML node (flow or block mapping, `needs` as a flow
// list, a block list or one scalar), not from the text around the last entry: a scalar `needs: z`
// inside a flow mapping `{id: r, needs: z, file: ...}` is followed by a ',' as a flow list entry is.
// An empty list `[]` becomes `[a]`, an empty value (`needs:`, `needs: ~`, `needs: # ...`) `needs: a`.
import type { Step } from '../../../engine/src/model/types.js';
import { isMap, isScalar, isSeq } from '../../../engine/src/model/yaml-nodes.js';
import { findPair } from '../../../engine/src/model/yaml-node-at-path.js';
import type { TextEdit } from 'vscode-languageserver-types';
import type { Analysed } from './context.js';
import { lineBreakOf, lineEndAt, lineStartAt } from '../engine-api.js';

/** Edits that add `id` to the step's `needs` (creating the key when it has none), or undefined. */
export function addNeedsEdits(d: Analysed, step: Step, id: string): TextEdit[] | undefined {
  if (!step.id) return undefined;
  const text = d.text;
  const insert = (at: number, newText: string): TextEdit[] => [{ range: { start: d.positionAt(at), end: d.positionAt(at) }, newText }];
  const doc = d.analysis.model.yaml;
  const map = step.node;
  if (!doc || !isMap(map)) return undefined;
  const pair = findPair(doc, map, 'needs');
  if (pair) {
    const value = pair.value;
    if (isSeq(value) && value.flow && value.length === 0 && value.range) {
      const [start, end] = value.range;
      return [{ range: { start: d.positionAt(start), end: d.positionAt(end) }, newText: `[${id}]` }];
    }
    if (isScalar(value) && value.value === null && value.range) {
      // `needs:` (nothing after the colon), `needs: ~`, `needs: null`, or a comment where the value goes.
      const [start, end] = value.range;
      const newText = `${text[start - 1] === ':' ? ' ' : ''}${id}${text[end] === '#' ? ' ' : ''}`;
      return [{ range: { start: d.positionAt(start), end: d.positionAt(end) }, newText }];
    }
    if (isSeq(value)) {
      const last: unknown = value.at(-1);
      if (!isScalar(last) || !last.range) return undefined;
      if (value.flow) return insert(last.range[1], `, ${id}`);
      // A block list: a new `- id` line under the last entry (after its comment, which stays its own).
      const lineStart = lineStartAt(text, last.range[0]);
      const dash = /^(\s*)-\s+$/.exec(text.slice(lineStart, last.range[0]));
      return dash ? insert(lineEndAt(text, last.range[0]), `${lineBreakOf(text)}${dash[1]}- ${id}`) : undefined;
    }
    if (isScalar(value) && value.range) {
      const [start, end] = value.range;
      return [{ range: { start: d.positionAt(start), end: d.positionAt(end) }, newText: `[${text.slice(start, end)}, ${id}]` }];
    }
    return undefined;
  }
  // No needs yet. In a flow mapping, right after the id; in a block mapping, a line after the `id:` line.
  if (map.flow) return insert(step.idRange.end, `, needs: ${id}`);
  const idLineStart = lineStartAt(text, step.idRange.start);
  const m = /^([ -]*)(?:id|"id"|'id')\s*:\s*$/.exec(text.slice(idLineStart, step.idRange.start));
  if (!m) return undefined;
  return insert(lineEndAt(text, step.idRange.end), `${lineBreakOf(text)}${' '.repeat(m[1].length)}needs: ${id}`);
}
