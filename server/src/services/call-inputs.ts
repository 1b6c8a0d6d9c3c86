// The inputs of a called workflow, where a `workflow` step gives them (`workflow: inputs:`): which
// step's call holds the cursor, the file it calls (the analyser already read and analysed it, through
// the same read-only host as the diagnostics: `Analysis.subWorkflows`), completion of its declared
// inputs that are not given yet, and the declaration a given input's key names in that file.
import { pathToFileURL } from 'node:url';
import type { CompletionItem, Location, MarkupContent, Position } from 'vscode-languageserver-types';
import { CompletionItemKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver-types';
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { InputDecl, Step } from '../../../engine/src/model/types.js';
import { keyAt } from './key-at.js';
import { codeSpanText, jsonPreview } from './one-line.js';
import { stepAt } from './step-info.js';
import { innerRange } from './target-at.js';
import type { PathSeg } from './yaml-path.js';

/** True when a key path ends in a step's `workflow: inputs:` (`..., '[]', 'workflow', 'inputs'`). */
export function isCallInputsPath(parents: readonly PathSeg[]): boolean {
  const n = parents.length;
  return n >= 3 && parents[n - 1] === 'inputs' && parents[n - 2] === 'workflow' && parents[n - 3] === '[]';
}

/**
 * The `workflow` step around `offset` and the analysis of the file it calls, when it could be read.
 * A cursor on a new line at the end of the step (`inputs:` then an empty line) lies after the step's
 * mapping (and maybe inside a block around it): then it is the step that starts last before the cursor (a workflow step has no steps
 * inside it, so none can start between its start and a cursor under its `inputs:`).
 */
export function callAt(a: Analysis, offset: number): { step: Step; called: Analysis } | undefined {
  let step = stepAt(a, offset);
  if (step?.kind !== 'workflow') {
    step = undefined;
    for (const s of a.model.allSteps) if (s.range.start <= offset && (!step || s.range.start >= step.range.start)) step = s;
  }
  if (!step || step.kind !== 'workflow') return undefined;
  const called = a.subWorkflows.get(step);
  return called ? { step, called } : undefined;
}

/**
 * Markdown for an input: type, required, default, description, and for a called file's input the
 * file. `title` is how it is named (`topic` under `workflow: inputs:`, `inputs.topic` in a template).
 */
export function inputMarkdown(decl: InputDecl, calledPath: string | undefined, title = decl.name): MarkupContent {
  const head = `**${title}** · \`${decl.type}\`${decl.required ? ' · required' : ''}`;
  const parts = [head];
  if (decl.default !== undefined) parts.push(`default: \`${codeSpanText(jsonPreview(decl.default))}\``);
  if (decl.description) parts.push(decl.description);
  if (calledPath) parts.push(`An input of \`${calledPath}\`.`);
  return { kind: MarkupKind.Markdown, value: parts.join('\n\n') };
}

/**
 * Completion items for the keys under a `workflow: inputs:` at `offset` of the analysis: the called
 * file's declared inputs not in `present`, required ones first. Undefined when the step is not a
 * call whose file was read (the caller then offers nothing).
 */
export function callInputItems(a: Analysis, offset: number, present: ReadonlySet<string>, range: { start: Position; end: Position }): CompletionItem[] | undefined {
  const call = callAt(a, offset);
  if (!call) return undefined;
  const shown = call.step.workflowPath?.value;
  return call.called.model.inputs.filter((i) => !present.has(i.name)).map((i, n): CompletionItem => ({
    label: i.name,
    kind: CompletionItemKind.Property,
    detail: `${i.type}${i.required ? ' (required)' : i.default !== undefined ? ` = ${jsonPreview(i.default, 40)}` : ''}`,
    documentation: inputMarkdown(i, shown),
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: { range, newText: `${snippetKey(i.name)}: $0` },
    sortText: `${i.required ? '0' : '1'}${String(n).padStart(4, '0')}`,
  }));
}

/**
 * The called file's declaration of the input whose key under `workflow: inputs:` holds `offset`, with
 * the calling step and the called file's analysis (callAt's).
 */
export function callInputKeyAt(a: Analysis, offset: number): { decl: InputDecl; step: Step; called: Analysis; range: { start: number; end: number } } | undefined {
  const hit = keyAt(a.model.yaml?.value, offset);
  if (!hit || !isCallInputsPath(hit.path.slice(0, -1))) return undefined;
  const call = callAt(a, offset);
  const name = hit.path[hit.path.length - 1];
  const decl = call?.called.model.inputs.find((i) => i.name === name);
  return decl && call ? { decl, step: call.step, called: call.called, range: { start: hit.start, end: hit.end } } : undefined;
}

/** Go to definition from an input's key under `workflow: inputs:` to its name under `inputs:` in the called file. */
export function callInputDefinition(a: Analysis, offset: number): Location | undefined {
  const hit = callInputKeyAt(a, offset);
  if (!hit) return undefined;
  return nameLocation(hit.called, hit.decl.nameRange);
}

/** Where a name in a called file is (its quotes left out), for go to definition into that file. */
export function nameLocation(called: Analysis, nameRange: { start: number; end: number }): Location {
  // The called file's model carries its own line index (parse.ts builds it with the model).
  const m = called.model;
  const r = innerRange(m.text, nameRange);
  return { uri: pathToFileURL(m.file).href, range: { start: m.lines.positionAt(r.start), end: m.lines.positionAt(r.end) } };
}

/** A key as a snippet's text: `$`, `}` and `\` escaped, quoted when YAML would not read it plain. */
function snippetKey(name: string): string {
  const yaml = /^[A-Za-z_][\w-]*$/.test(name) ? name : JSON.stringify(name);
  return yaml.replace(/[$}\\]/g, (c) => '\\' + c);
}
