// The incremental path for typing inside one YAML scalar (a reference such as `${steps.fe|}`, a
// plain value, a quoted string, a block literal): re-parsing a 1,000-step document with the `yaml`
// package costs more than building the model and analysing it. When the edit provably leaves the
// YAML structure alone, this builds the new Document from the previous one instead: the edited
// scalar is re-resolved by parsing only its own source slice, the nodes after the edit are copied
// with shifted ranges (nodes before it are shared, never mutated: the previous analysis may still be
// in use), and the caller runs buildModel + analyse as for a full parse. Any doubt returns
// undefined and the caller parses the whole text. Tests compare the result with a full analysis.
import { Pair, Scalar, YAMLMap, YAMLSeq, type Document, type Node } from 'yaml';
import { dataKey, isMap, isScalar, isSeq } from '../../engine/src/model/yaml-nodes.js';
import type { WorkflowModel } from '../../engine/src/model/types.js';
import { parseYamlDocument } from '../../engine/src/model/yaml-parse.js';
import { siteFor, type EditSite } from './edit-site.js';
import { isPlainDocument, markPlain } from './plain-document.js';
import { blockHeaderEnd, inIndentation } from './scalar-at.js';

/** Scalars longer than this are not worth the checks (and a pathological slice should not be re-parsed each keystroke). */
const MAX_SCALAR = 20_000;

/** Why the shortcut was not taken (for tests and tracing); undefined when it was. */
export type ScalarEditResult = { doc: Document; data?: unknown } | { reason: string };

/**
 * The Document of `newText`, derived from the one `model` was built from when the edit between
 * `model.text` and `newText` lies inside one scalar value and provably keeps the YAML structure;
 * else the reason why not. `site`, when given and describing this edit, supplies the diff and the
 * scalar lookup (edit-site.ts: the free-text check of the same keystroke made them already).
 */
export function scalarEdit(model: Pick<WorkflowModel, 'yaml' | 'text' | 'parseDiagnostics' | 'data'>, newText: string, site?: EditSite): ScalarEditResult {
  const doc = model.yaml;
  const oldText = model.text;
  if (!doc) return { reason: 'no YAML document' };
  if (oldText === newText) return { reason: 'same text' };
  // parseDiagnostics also holds "more than one document", which the Document alone does not show.
  if (model.parseDiagnostics.length || doc.errors.length || doc.warnings.length) return { reason: 'document has YAML errors' };
  if (!isPlainDocument(doc, oldText)) return { reason: 'anchors, aliases, tags, merge keys or directives' };
  const at = siteFor(site, doc, oldText, newText);
  const d = at.diff;
  const hit = valueScalarAt(at);
  if (!hit) return { reason: 'not inside one scalar value' };
  const { scalar: old, flow, path } = hit;
  const [start, valueEnd, nodeEnd] = old.range!;
  if (valueEnd - start > MAX_SCALAR) return { reason: 'scalar too long' };
  if (d.start <= start || d.oldEnd > valueEnd) return { reason: 'edit touches the start of the scalar or goes beyond it' };
  if (old.tag !== undefined || old.anchor !== undefined || typeof old.value === 'symbol') return { reason: 'tagged or anchored scalar' };
  const delta = d.newEnd - d.oldEnd;
  const oldMid = oldText.slice(d.start, d.oldEnd);
  const newMid = newText.slice(d.start, d.newEnd);
  if (/[\r\n\t]/.test(oldMid) || /[\r\n\t]/.test(newMid)) return { reason: 'line break or tab in the edit' };
  const oldSlice = oldText.slice(start, valueEnd);
  const newSlice = newText.slice(start, valueEnd + delta);
  switch (old.type) {
    case 'PLAIN':
      if (/[\r\n]/.test(newSlice)) return { reason: 'multi-line plain scalar' };
      if (/: |:$| #|\t/.test(newSlice)) return { reason: "': ', ' #' or a tab in a plain scalar" };
      if (flow && /[,[\]{}:#]/.test(newSlice)) return { reason: 'flow indicator in a plain scalar inside a flow collection' };
      if (/\s$/.test(newSlice)) return { reason: 'trailing space' };
      break;
    case 'QUOTE_DOUBLE':
    case 'QUOTE_SINGLE':
      if (/[\r\n]/.test(newSlice)) return { reason: 'multi-line quoted scalar' };
      if (d.oldEnd >= valueEnd) return { reason: 'edit touches the closing quote' };
      break;
    case 'BLOCK_LITERAL':
    case 'BLOCK_FOLDED': {
      const header = blockHeaderEnd(oldText, start, d.start);
      if (header < 0 || d.oldEnd >= valueEnd) return { reason: 'edit in the block scalar header or at its end' };
      if (!/^[|>][+-]?$/.test(oldText.slice(start, header))) return { reason: 'block scalar header with an indentation indicator or comment' };
      if (inIndentation(oldText, d.start)) return { reason: 'edit in the indentation of a block scalar line' };
      break;
    }
    default:
      return { reason: 'unknown scalar type' };
  }
  // The slice on its own must read as the same scalar the document read (so the context does not
  // matter for it), and the new slice as one scalar of the same kind spanning all of it.
  // A flow scalar is followed by a line break (as in the document, where what follows is unchanged):
  // at the very end of the input the yaml package accepts `"abc\"` as a closed string.
  const flowScalar = old.type === 'PLAIN' || old.type === 'QUOTE_DOUBLE' || old.type === 'QUOTE_SINGLE';
  const before = parseSlice(oldSlice, flowScalar);
  if (!before || before.type !== old.type || !sameValue(before.value, old.value) || before.range![1] !== oldSlice.length) return { reason: 'slice reads differently on its own' };
  const after = parseSlice(newSlice, flowScalar);
  if (!after || after.type !== old.type || after.range![1] !== newSlice.length) return { reason: 'new text is not one scalar of the same kind' };
  // The new scalar: what the slice resolved to (value, source, type, format, ...), with the old
  // node's place in the document (comments, blank line before) and the new range.
  const replacement = new Scalar(after.value);
  const { comment, commentBefore, spaceBefore } = old;
  Object.assign(replacement, after, { comment, commentBefore, spaceBefore, range: [start, valueEnd + delta, nodeEnd + delta] });
  for (const k of ['comment', 'commentBefore', 'spaceBefore'] as const) if (replacement[k] === undefined) delete replacement[k];
  const shift = (o: number): number => {
    if (o < d.oldEnd) {
      if (o <= d.start) return o;
      throw new RangeError('offset inside the edit');
    }
    return o + delta;
  };
  let next: Document;
  try {
    next = Object.create(Object.getPrototypeOf(doc), Object.getOwnPropertyDescriptors(doc)) as Document;
    next.errors = [];
    next.warnings = [];
    next.value = copyShifted(doc.value as Node | null, d.start, old, replacement, shift) as Document['value'];
    if (doc.range) next.range = [shift(doc.range[0]), shift(doc.range[1]), shift(doc.range[2])];
  } catch {
    return { reason: 'a range falls inside the edit' };
  }
  markPlain(next); // derived from a plain document, by an edit that adds no anchor, tag, ...
  // The new plain data: the previous one with the edited value replaced, every object off the path
  // to it shared (so the schema check knows the unchanged steps). A surprise gives none, and the
  // model reads the whole document as usual.
  const data = path && sameValue(valueAt(model.data, path), old.value) ? replaceAt(model.data, path, 0, replacement.value) : undefined;
  return { doc: next, data };
}

/** The value at `path` in plain data, or a symbol when the path does not lead anywhere. */
function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let cur = data;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || !Object.prototype.hasOwnProperty.call(cur, k)) return NOWHERE;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}
const NOWHERE = Symbol('nowhere');

/** A copy of `data` with the value at `path` (from `depth` on) replaced; only the objects on the path are copied. */
function replaceAt(data: unknown, path: readonly (string | number)[], depth: number, value: unknown): unknown {
  if (depth === path.length) return value;
  const k = path[depth]!;
  if (Array.isArray(data)) {
    const copy = data.slice();
    copy[k as number] = replaceAt(data[k as number], path, depth + 1, value);
    return copy;
  }
  const copy = { ...(data as Record<string, unknown>) };
  copy[k] = replaceAt((data as Record<string, unknown>)[k], path, depth + 1, value);
  return copy;
}

function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b));
}

/** The one scalar that `slice` holds on its own, or undefined (errors, warnings, props, anything else). */
function parseSlice(slice: string, lineBreakAfter: boolean): Scalar | undefined {
  const d = parseYamlDocument(lineBreakAfter ? `${slice}\n` : slice);
  if (d.errors.length || d.warnings.length || !isScalar(d.value)) return undefined;
  const s = d.value;
  if (!s.range || s.range[0] !== 0 || s.tag !== undefined || s.anchor !== undefined || s.comment || s.commentBefore) return undefined;
  return s;
}

/**
 * The scalar (a mapping value or a sequence item, never a key) whose value range holds the edit,
 * with its place in the plain data (`doc.toJS()`): keys as the yaml package writes them (a scalar
 * key's value as a string, null as ''), item indexes; no path when a key is not a scalar.
 */
function valueScalarAt(site: EditSite): { scalar: Scalar; flow: boolean; path: (string | number)[] | undefined } | undefined {
  const { hit, steps } = site.scalar;
  if (!hit) return undefined;
  let path: (string | number)[] | undefined = [];
  for (const step of steps) {
    if (typeof step === 'number') { path.push(step); continue; }
    const k = dataKey(step);
    if (k === undefined) { path = undefined; break; }
    path.push(k);
  }
  return { scalar: hit.scalar, flow: hit.flow, path };
}

/**
 * A new node with the same own properties (the yaml package's own classes only: anything else,
 * such as an alias or a tagged collection class, throws and the caller falls back to a full parse).
 */
function shallowCopy(node: Node): Node {
  const proto = Object.getPrototypeOf(node);
  if (proto === Scalar.prototype) return Object.assign(new Scalar((node as Scalar).value), node);
  if (proto === YAMLMap.prototype) return Object.assign(new YAMLMap((node as YAMLMap).schema), node);
  if (proto === YAMLSeq.prototype) return Object.assign(new YAMLSeq((node as YAMLSeq).schema), node);
  throw new RangeError('unexpected node class');
}

/**
 * A copy of `node` for the new text: subtrees that end before the edit are shared, everything else
 * is copied (own properties, as the yaml package's clone does) with shifted ranges, and `old` is
 * replaced by `replacement`. Nothing reachable from the previous document is modified.
 */
function copyShifted(node: Node | null, editStart: number, old: Scalar, replacement: Scalar, shift: (o: number) => number): Node | null {
  if (node === null || node === undefined) return node;
  if (node === old) return replacement;
  const r = node.range;
  if (r && r[2] < editStart) return node;
  const copy = shallowCopy(node);
  if (r) copy.range = [shift(r[0]), shift(r[1]), shift(r[2])];
  if (isMap(copy)) {
    // The pairs under the same keys (the edit never touches a key), in the same order.
    const values = new Map<unknown, Pair>();
    for (const [k, item] of (node as YAMLMap).values) {
      const kr = (item.key as Node | null)?.range;
      const vr = (item.value as Node | null)?.range;
      if (kr && kr[2] < editStart && (item.value === null || (vr && vr[2] < editStart))) {
        values.set(k, item);
        continue;
      }
      if (Object.getPrototypeOf(item) !== Pair.prototype) throw new RangeError('unexpected pair class');
      const p = Object.assign(new Pair(item.key), item);
      p.key = copyShifted(item.key as Node, editStart, old, replacement, shift) as Node;
      p.value = copyShifted(item.value as Node | null, editStart, old, replacement, shift);
      values.set(k, p);
    }
    copy.values = values;
  } else if (isSeq(copy)) {
    for (let i = 0; i < copy.length; i++) copy[i] = copyShifted(copy[i] as Node | null, editStart, old, replacement, shift) as Node;
  }
  return copy;
}
