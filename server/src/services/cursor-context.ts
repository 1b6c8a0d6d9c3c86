// What is at an offset, for completion: inside a template (and which path is being typed), in a
// `needs` entry, on a key, or on a value. Works from the text alone (the current line, or the lines of
// the flow collection the cursor is in), so it keeps working while the YAML is broken mid-edit.
import { lineCursor, lineInBlockScalar, type PathSeg } from './yaml-path.js';
import { lineEndAt, lineStartAt, nextLineStart } from '../engine-api.js';
import { blankComments, flowKeysAfter, flowSpot, flowStartLine } from './flow-context.js';
import { inComment } from './comment-at.js';
import { listedNeeds, NEEDS_WORD_RE } from './needs-listed.js';

export interface TemplatePathContext {
  kind: 'template';
  /** Offset where the expression starts (after `${`). */
  exprStart: number;
  /** Segments typed before the partial one: `steps.fetch.output.` -> ['steps', 'fetch', 'output']. */
  segments: string[];
  /** The word being typed and where it starts. */
  partial: string;
  partialStart: number;
  /** True when the partial word follows a `.` (a property), false when it starts a path. */
  afterDot: boolean;
}

export interface NeedsContext {
  kind: 'needs';
  partial: string;
  partialStart: number;
  /** Ids already listed on this line. */
  listed: string[];
}

export interface KeyContext {
  kind: 'key';
  parents: PathSeg[];
  partial: string;
  partialStart: number;
  column: number;
  /** True when the line is a new sequence item (`- `). */
  newItem: boolean;
  /** Inside a flow mapping (`{id: c, |}`): the keys the mapping already has (else they are read from the block lines). */
  flowKeys?: string[];
}

export interface ValueContext {
  kind: 'value';
  parents: PathSeg[];
  key: string;
  partial: string;
  partialStart: number;
  valueText: string;
}

export type CursorContext = TemplatePathContext | NeedsContext | KeyContext | ValueContext | { kind: 'none' };

/** Start of the unclosed `${` that the cursor is inside on its line, or -1. */
export function openTemplateStart(text: string, offset: number): number {
  const lineStart = lineStartAt(text, offset);
  let open = -1;
  let quote: string | undefined;
  for (let i = lineStart; i < offset; i++) {
    const c = text[i];
    if (open >= 0) {
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === '}') {
        open = -1;
      }
      continue;
    }
    if (c === '$' && text[i + 1] === '$' && text[i + 2] === '{') { i += 2; continue; }
    if (c === '$' && text[i + 1] === '{') { open = i + 2; i++; quote = undefined; }
  }
  return open;
}

/** Splits the expression text before the cursor into the path being typed. */
export function pathBefore(expr: string): { segments: string[]; partial: string; afterDot: boolean } | undefined {
  const pm = /[A-Za-z_][\w-]*$|$/.exec(expr)!;
  const partial = pm[0];
  let i = expr.length - partial.length;
  const segs: string[] = [];
  let afterDot = false;
  if (expr[i - 1] === '.') afterDot = true;
  // Right after `]` (`y[0]|`) a name cannot be typed: a field needs its `.` first.
  if (expr[i - 1] === ']') return undefined;
  while (expr[i - 1] === '.' || expr[i - 1] === ']') {
    if (expr[i - 1] === ']') {
      let depth = 0;
      let j = i - 1;
      for (; j >= 0; j--) {
        if (expr[j] === ']') depth++;
        else if (expr[j] === '[' && --depth === 0) break;
      }
      if (j < 0) return undefined;
      segs.unshift('[]');
      i = j;
    } else {
      i--; // the dot
    }
    // A `.` or a `[` follows a name or another `]` (`y[0].`, `output[0][1].`).
    if (expr[i - 1] === ']') continue;
    const m = /[A-Za-z_][\w-]*$/.exec(expr.slice(0, i));
    if (!m) return undefined;
    segs.unshift(m[0]);
    i -= m[0].length;
  }
  // A path cannot follow a name character or a dot that we did not consume.
  if (i > 0 && /[\w.$]/.test(expr[i - 1])) return undefined;
  return { segments: segs, partial, afterDot };
}

export function cursorContext(text: string, offset: number): CursorContext {
  // A comment is not YAML: no template, key or value to complete in it (`# see ${steps.|`).
  if (inComment(text, offset)) return { kind: 'none' };
  const open = openTemplateStart(text, offset);
  if (open >= 0) {
    const expr = text.slice(open, offset);
    // Inside a string literal of the expression: nothing to complete.
    const quotes = (expr.match(/'/g)?.length ?? 0) % 2 || (expr.match(/"/g)?.length ?? 0) % 2;
    if (quotes) return { kind: 'none' };
    const p = pathBefore(expr);
    if (!p) return { kind: 'none' };
    return { kind: 'template', exprStart: open, segments: p.segments, partial: p.partial, partialStart: offset - p.partial.length, afterDot: p.afterDot };
  }
  // Inside a flow mapping (`- {id: c, needs: [a, |]}`, also over several lines): `needs` entries; in
  // the value of another key, its schema values as in block style (`http: {method: P|}`), else
  // nothing (the line scan below would offer step keys there); where a key goes, that mapping's
  // missing keys.
  const lineStart = lineStartAt(text, offset);
  let flowLine = flowStartLine(text, offset);
  // A flow collection that opens inside a block scalar (on a line above, or on the cursor's) is text.
  // That scan reads every line above, and completion runs on nearly every keystroke: the cursor's own
  // line is asked only when a flow mapping is open on it, a line above once.
  if (flowLine !== lineStart && lineInBlockScalar(text, flowLine)) flowLine = lineStart;
  const found = flowSpot(text.slice(flowLine, offset));
  const spot = found && (flowLine !== lineStart || !lineInBlockScalar(text, lineStart)) ? found : undefined;
  if (spot?.key === 'needs') {
    // The entries after the cursor in its flow list (`{id: c, needs: [|, a]}`, also on the lines
    // below) are listed too; a word in a comment is none.
    const after = text.slice(offset, flowEnd(text, offset, flowLine));
    const rest = /^[^\]}]*/.exec(blankComments(after) ?? after)![0];
    const ctx = needsContext(spot.valueText, offset);
    if (!ctx) return { kind: 'none' };
    if (spot.valueText.includes('[')) ctx.listed.push(...(rest.match(NEEDS_WORD_RE) ?? []).filter((x, i) => i > 0 || !/^[\w-]/.test(rest)));
    return ctx;
  }
  // Where the flow collection sits in the block structure: `- {` is an item, `http: {` a key's value.
  const blockPathOf = (flowStart: number) => {
    const at = lineCursor(text, flowLine + flowStart);
    return at.kind === 'value' ? [...at.parents, at.key] : at.parents;
  };
  if (spot && spot.key === undefined && spot.keys) {
    if (!spot.path) return { kind: 'none' };
    const partial = /[A-Za-z_$][\w$-]*$|$/.exec(text.slice(lineStart, offset))![0];
    return {
      kind: 'key', parents: [...blockPathOf(spot.flowStart), ...spot.path], partial, partialStart: offset - partial.length, column: offset - partial.length - lineStart,
      newItem: false, flowKeys: [...spot.keys, ...flowKeysAfter(text.slice(offset, flowEnd(text, offset, flowLine)))],
    };
  }
  if (spot?.key !== undefined) {
    if (!spot.path || spot.path[spot.path.length - 1] !== spot.key) return { kind: 'none' };
    const blockPath = blockPathOf(spot.flowStart);
    const partial = /[\w$.-]*$/.exec(spot.valueText)![0];
    return {
      kind: 'value', parents: [...blockPath, ...spot.path.slice(0, -1)], key: spot.key, partial, partialStart: offset - partial.length, valueText: spot.valueText,
    };
  }
  // Inside a flow mapping, but neither where a key goes nor in a key's value (a quoted key, an item
  // of a list in it): the block scan below would read the line as a new item and offer step keys.
  if (spot) return { kind: 'none' };
  const lc = lineCursor(text, offset);
  // A line of a block scalar is text: `needs: [x]` or `method: P` written in a command is not YAML.
  if (lc.inBlockScalarOf !== undefined) return { kind: 'none' };
  const inNeedsList = lc.parents[lc.parents.length - 1] === 'needs' || (lc.parents[lc.parents.length - 1] === '[]' && lc.parents[lc.parents.length - 2] === 'needs');
  // A block `needs:`: the ids of the whole value are listed (its other items, the text after the cursor).
  if (lc.kind === 'value' && lc.key === 'needs') {
    const ctx = needsContext(lc.valueText, offset);
    return ctx ? { ...ctx, listed: listedNeeds(text, offset) } : { kind: 'none' };
  }
  if (inNeedsList && (lc.kind === 'item' || lc.kind === 'key' || lc.kind === 'other')) {
    const pm = /[A-Za-z_][\w-]*$|$/.exec(lc.valueText || lc.partial)!;
    return { kind: 'needs', partial: pm[0], partialStart: offset - pm[0].length, listed: listedNeeds(text, offset) };
  }
  if (lc.kind === 'key' || lc.kind === 'item') {
    return { kind: 'key', parents: lc.parents, partial: lc.partial, partialStart: lc.partialStart, column: lc.column, newItem: lc.kind === 'item' || /-\s+$/.test(text.slice(lineStartAt(text, offset), lc.partialStart)) };
  }
  if (lc.kind === 'value') {
    return { kind: 'value', parents: lc.parents, key: lc.key, partial: lc.partial, partialStart: lc.partialStart, valueText: lc.valueText };
  }
  return { kind: 'none' };
}

/**
 * Where the text after the cursor that may still belong to its flow collection ends: at the end of
 * the cursor's line, or of the last of the following lines indented more than the line where the
 * collection opens (at most 64 KiB on).
 */
function flowEnd(text: string, offset: number, flowLine: number): number {
  const indent = /^[ \t]*/.exec(text.slice(flowLine, offset))![0].length;
  const limit = Math.min(text.length, offset + 65536);
  let end = lineEndAt(text, offset);
  for (let next = nextLineStart(text, offset); next >= 0 && next < limit; next = nextLineStart(text, next)) {
    const line = text.slice(next, lineEndAt(text, next));
    if (/^\s*$/.test(line)) continue;
    if (/^[ \t]*/.exec(line)![0].length <= indent) break;
    end = lineEndAt(text, next);
  }
  return Math.min(end, limit);
}

/**
 * The `needs` value typed so far (`[a, b`, `b`, or inside quotes `"b`, the same id) as a needs
 * context, or undefined if it is none of these.
 */
function needsContext(value: string, offset: number): NeedsContext | undefined {
  const v = value.replace(/^(?:[&!]\S*\s+)+/, ''); // an anchor or a tag before the value
  if (!/^[[]/.test(v) && !/^["']?[A-Za-z_]?[\w-]*$/.test(v)) return undefined;
  const pm = /[A-Za-z_][\w-]*$|$/.exec(v)!;
  const listed = (v.match(/[A-Za-z_][\w-]*/g) ?? []).filter((x) => x !== pm[0]);
  return { kind: 'needs', partial: pm[0], partialStart: offset - pm[0].length, listed };
}
