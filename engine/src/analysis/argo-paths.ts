// Argo Workflows' names written inside a Weft template: `${inputs.parameters.msg}`,
// `${tasks.build.output}` (a DAG's tasks), `${workflow.name}`, `${workflow.parameters.x}`. Each was
// an unknown input or root whose message listed what Weft has; these say what the Argo name is in
// Weft, with the Weft path as the quick fix where it names something that exists. Asked only for a
// name already found unknown, so files without the mistake pay nothing.
import type { Range, TemplateString } from '../model/types.js';
import type { Expr, Segment } from '../template/ast.js';
import { andList } from '../model/schema-messages.js';
import { spelledAsIs } from '../model/template-strings.js';
import { RUN_PROPERTIES } from './step-properties.js';
import { didYouMean } from './suggest.js';

/** What another tool's name is in Weft (here and in github-contexts.ts). */
export interface ForeignHint {
  message: string;
  /** In the template's value (as the expression's ranges are). */
  range: Range;
  suggestion?: string;
}

export type PathExpr = Extract<Expr, { type: 'path' }>;

/** Argo's `workflow.X` that Weft has as a property of the run (foreign-templates.ts spells `{{workflow.X}}` with it too). */
export const WORKFLOW_TO_RUN: Readonly<Record<string, string>> = { name: 'run.workflow', uid: 'run.id', creationTimestamp: 'run.startedAt' };

/** The run's properties, said where another tool's name for the run has none in Weft. */
export const RUN_PROPERTIES_TEXT = `the run's own properties are ${andList(Object.keys(RUN_PROPERTIES).map((k) => `run.${k}`))}`;

/** The name of a `.NAME` segment (not `['NAME']`). */
export const prop = (s: Segment | undefined): string | undefined => (s?.kind === 'prop' && s.name ? s.name : undefined);

/**
 * `ROOT.parameters.NAME` (Argo's `inputs.parameters.NAME`, `workflow.parameters.NAME`): NAME is an
 * input of the workflow in Weft, `inputs.NAME`, or the closest declared one. The range is what the
 * fix rewrites: `parameters.NAME` after `inputs` (to `NAME`), the whole path after `workflow` (to
 * `inputs.NAME`). Undefined when `parameters` is not followed by `.NAME` alone.
 */
function parametersHint(e: PathExpr, ts: TemplateString, text: string, inputNames: ReadonlySet<string>, lead: string): ForeignHint | undefined {
  const [params, second] = e.segments;
  const name = prop(second);
  if (!name || !params || e.segments.length !== 2) return undefined;
  const inInputs = e.root.name === 'inputs';
  const range = { start: (inInputs ? params : e.root).range.start, end: second!.range.end };
  const found = inputNames.has(name) ? { text: '', suggestion: name } : didYouMean(name, inputNames);
  const listed = inputNames.size ? `; the inputs are ${[...inputNames].join(', ')}` : '';
  const missing = inputNames.has(name) ? '' : `, and this workflow declares no input '${name}'${found.text || listed}`;
  const fixable = found.suggestion && params.kind === 'prop' && spelledAsIs(ts, text, range);
  const argo = ts.value.slice(e.root.range.start, second!.range.end);
  return {
    message: `${lead}: Argo's ${argo} is inputs.${name} in Weft${missing}`,
    range,
    ...(fixable ? { suggestion: `${inInputs ? '' : 'inputs.'}${found.suggestion}` } : {}),
  };
}

/** For `inputs.parameters.NAME` when no input is named `parameters`. */
export function argoInputHint(e: PathExpr, ts: TemplateString, text: string, inputNames: ReadonlySet<string>): ForeignHint | undefined {
  return parametersHint(e, ts, text, inputNames, "unknown input 'parameters'");
}

/**
 * For the unknown roots `tasks` and `workflow`. `resolves` tells whether a step id names a step
 * visible from the template.
 */
export function argoRootHint(e: PathExpr, ts: TemplateString, text: string, inputNames: ReadonlySet<string>, resolves: (id: string) => boolean): ForeignHint | undefined {
  const root = e.root.name;
  const first = prop(e.segments[0]);
  if (root === 'tasks') {
    const lead = "unknown name 'tasks'";
    if (!first) return { message: `${lead}: Argo's tasks are Weft's steps, read as steps.ID.output`, range: e.root.range };
    const weft = `Argo's tasks.${first} is steps.${first} in Weft`;
    if (!resolves(first)) return { message: `${lead}: ${weft}, and no step '${first}' is visible here`, range: e.root.range };
    return { message: `${lead}: ${weft}`, range: e.root.range, suggestion: 'steps' };
  }
  if (root !== 'workflow') return undefined;
  const lead = "unknown name 'workflow'";
  const params = first === 'parameters' ? parametersHint(e, ts, text, inputNames, lead) : undefined;
  if (params) return params;
  const run = first !== undefined && Object.hasOwn(WORKFLOW_TO_RUN, first) ? WORKFLOW_TO_RUN[first] : undefined;
  if (!run || e.segments.length !== 1) return { message: `${lead}; ${RUN_PROPERTIES_TEXT}`, range: e.root.range };
  const range = { start: e.root.range.start, end: e.segments[0]!.range.end };
  return { message: `${lead}: Argo's workflow.${first} is ${run} in Weft`, range, ...(spelledAsIs(ts, text, range) ? { suggestion: run } : {}) };
}
