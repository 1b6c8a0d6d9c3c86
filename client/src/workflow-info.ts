// What the editor needs from a workflow's text, without running anything: where each step is (by
// its static path, for decorations and "reveal step") and the declared inputs (for "Run with
// Inputs"). Read from the engine's model, so the paths, merge keys and input rules are the ones the
// run itself uses. No `vscode` import.
import { analyseText } from '../../engine/src/analysis/analyse.js';
import { parseWorkflow } from '../../engine/src/model/parse.js';
import type { InputDecl } from '../../engine/src/model/types.js';

export interface StepLocation {
  path: string;
  id: string;
  /** Offsets of the id value (or of the step mapping when it has no id). */
  start: number;
  end: number;
  /** Offset where the step mapping starts (its `- ` item). */
  stepStart: number;
}

export interface InputInfo {
  name: string;
  type: InputDecl['type'];
  default?: unknown;
  required: boolean;
  description?: string;
}

export interface WorkflowInfo {
  name?: string;
  steps: Map<string, StepLocation>;
  inputs: InputInfo[];
}

export function readWorkflowInfo(text: string): WorkflowInfo {
  const model = parseWorkflow(text, 'workflow.weft.yaml');
  const data = model.data as { name?: unknown } | undefined;
  const info: WorkflowInfo = { steps: new Map(), inputs: model.inputs.map(({ nameRange: _, ...input }) => input) };
  if (typeof data?.name === 'string') info.name = data.name;
  for (const step of model.allSteps) {
    if (step.id) info.steps.set(step.path, { path: step.path, id: step.id, start: step.idRange.start, end: step.idRange.end, stepStart: step.range.start });
  }
  return info;
}

/** The static path of a runtime path: foreach iteration indexes removed (`per_file/3/size` -> `per_file/size`). */
export function staticPath(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '');
}

/**
 * Whether the text has errors of its own (the files it calls are not read): the run would refuse it,
 * so Run with Inputs says so before asking for any input.
 */
export function hasOwnErrors(text: string, file: string): boolean {
  return analyseText(text, file).diagnostics.some((d) => d.severity === 'error');
}
