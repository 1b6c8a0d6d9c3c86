// The outputs of a called workflow where a template reads them: on `status` in
// `${steps.announce.output.status}`, where `announce` is a `workflow` step, hover shows the called
// file's declaration of that output (its template as written, and its comments: the lines above its
// key and a trailing one) and go to definition goes to its key under `outputs:` in the called file.
// The called file is the one the diagnostics read (`Analysis.subWorkflows`, read only). The uses
// themselves (`outputUses`) are also what references and rename across the call walk (call-refs.ts).
import type { Location, MarkupContent } from 'vscode-languageserver-types';
import { MarkupKind } from 'vscode-languageserver-types';
import type { Analysis, StepReference } from '../../../engine/src/analysis/types.js';
import type { Range, Step } from '../../../engine/src/model/types.js';
import { isMap, isScalar } from '../../../engine/src/model/yaml-nodes.js';
import { findPair } from '../../../engine/src/model/yaml-node-at-path.js';
import { codeSpanText, jsonPreview, shorten } from './one-line.js';
import { nameLocation } from './call-inputs.js';
import { named } from '../../../engine/src/analysis/segment-names.js';

type OutputDecl = Analysis['model']['outputs'][number];

export interface CallOutputHit {
  step: Step;
  called: Analysis;
  decl: OutputDecl;
  /** The field name's range in this document. */
  range: Range;
}

/** A field after `output` in a template reference to a `workflow` step: `.NAME` or `['NAME']`. */
export interface OutputUse { step: Step; name: string; range: Range; bracketed: boolean; escaped: boolean }

/**
 * The field after `output` that a template reference reads (`steps.X.output.NAME` or
 * `output['NAME']`, the range inside the quotes when the source spells it plainly), if it reads one.
 * Also the fields of a shorthand parallel block's output (branch-fields.ts).
 */
export function outputField(ref: StepReference): Omit<OutputUse, 'step'> | undefined {
  const { expr, host } = ref;
  if (ref.via !== 'template' || expr?.type !== 'path' || !host) return undefined;
  if (named(expr.segments[1], host)?.name !== 'output') return undefined;
  const field = named(expr.segments[2], host);
  if (!field) return undefined;
  const bracketed = expr.segments[2].kind === 'index';
  let range = { start: host.toSource(field.range.start), end: host.toSource(field.range.end) };
  if (bracketed && field.quote) range = { start: range.start + 1, end: range.end - 1 };
  return { name: field.name, range, bracketed, escaped: bracketed && !field.quote };
}

/** Every such field (of the steps in `steps`, else of every step whose called file was read), for references and rename (call-refs.ts). */
export function* outputUses(a: Analysis, steps?: ReadonlySet<Step>): Iterable<OutputUse> {
  for (const ref of a.references) {
    const target = ref.target;
    if (target?.kind !== 'workflow' || (steps ? !steps.has(target) : !a.subWorkflows.has(target))) continue;
    const field = outputField(ref);
    if (field) yield { step: target, ...field };
  }
}

/** The called file's output that the field after `steps.X.output.` at `offset` names, X a `workflow` step. */
export function callOutputAt(a: Analysis, offset: number): CallOutputHit | undefined {
  // `.NAME` and `['NAME']` alike.
  for (const use of outputUses(a)) {
    if (offset < use.range.start || offset > use.range.end) continue;
    const called = a.subWorkflows.get(use.step);
    const decl = called?.model.outputs.find((o) => o.name === use.name);
    if (called && decl) return { step: use.step, called, decl, range: use.range };
  }
  return undefined;
}

export function callOutputDefinition(hit: CallOutputHit): Location {
  return nameLocation(hit.called, hit.decl.nameRange);
}

/** An output's template as its file writes it, or undefined when its value is not a template. */
export function templateText(decl: OutputDecl): string | undefined {
  const v = decl.value as { value?: unknown; template?: unknown } | null;
  return v && typeof v === 'object' && 'template' in v && typeof v.value === 'string' ? v.value : undefined;
}

export function callOutputMarkdown(hit: CallOutputHit): MarkupContent {
  const { decl, step } = hit;
  const written = templateText(decl) ?? jsonPreview(decl.value, 200);
  const parts = [`**output.${decl.name}** = \`${codeSpanText(shorten(written, 200))}\``];
  const comments = commentsOf(hit.called, decl.name);
  if (comments) parts.push(comments);
  parts.push(`An output of \`${step.workflowPath?.value ?? 'the called workflow'}\`, called by \`${step.id}\`.`);
  return { kind: MarkupKind.Markdown, value: parts.join('\n\n') };
}

/** The comments the called file writes on an output: the lines above its key, then a trailing one. */
function commentsOf(called: Analysis, name: string): string | undefined {
  const doc = called.model.yaml;
  const top = doc?.value;
  const outputs = doc && isMap(top) ? findPair(doc, top, 'outputs')?.value : undefined;
  if (!doc || !isMap(outputs)) return undefined;
  const pair = findPair(doc, outputs, name);
  if (!pair) return undefined;
  const key = pair.key as { commentBefore?: string };
  const first = outputs.values.values().next().value === pair;
  const above = key.commentBefore ?? (first ? (outputs as { commentBefore?: string }).commentBefore : undefined);
  const trailing = isScalar(pair.value) ? pair.value.comment : undefined;
  const text = [above, trailing].filter((c): c is string => !!c?.trim()).map((c) => c.trim()).join('\n\n');
  return text || undefined;
}
