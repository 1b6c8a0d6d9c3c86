// `workflow` steps: loads the called files through the host (read only, never executed), analyses
// them, and reports calls that cannot be read (`workflow-not-found`) or that reach their own file
// (`workflow-cycle`).
import * as path from 'node:path';
import type { Diagnostic, Step, WorkflowModel } from '../model/types.js';
import type { AnalyseOptions, Analysis } from './types.js';

export function resolveWorkflowPath(model: WorkflowModel, relative: string): string {
  return path.resolve(path.dirname(model.file), relative);
}

export function analyseCalls(
  model: WorkflowModel,
  options: AnalyseOptions,
  analyseChild: (text: string, file: string, options: AnalyseOptions) => Analysis,
): { diagnostics: Diagnostic[]; subWorkflows: Map<Step, Analysis> } {
  const diagnostics: Diagnostic[] = [];
  const subWorkflows = new Map<Step, Analysis>();
  const host = options.host;
  if (!host) return { diagnostics, subWorkflows };
  const chain = [...(options.callChain ?? []), path.resolve(model.file)];
  for (const step of model.allSteps) {
    if (step.kind !== 'workflow' || !step.workflowPath) continue;
    const target = resolveWorkflowPath(model, step.workflowPath.value);
    const range = step.workflowPath.range;
    const at = chain.indexOf(target);
    if (at >= 0) {
      const loop = [...chain.slice(at), target].map((f) => path.basename(f)).join(' -> ');
      diagnostics.push({ code: 'workflow-cycle', severity: 'error', message: `this call reaches its own file: ${loop}`, range });
      continue;
    }
    const text = host.readFile(target);
    if (text === undefined) {
      diagnostics.push({ code: 'workflow-not-found', severity: 'error', message: `cannot read workflow file '${step.workflowPath.value}' (${target})`, range });
      continue;
    }
    const child = analyseChild(text, target, { ...options, callChain: chain });
    subWorkflows.set(step, child);
    const cycle = child.diagnostics.find((d) => d.code === 'workflow-cycle');
    if (cycle) {
      diagnostics.push({ code: 'workflow-cycle', severity: 'error', message: cycle.message.replace('this call reaches its own file', `'${step.workflowPath.value}' calls back into this file`), range });
    }
    checkCallInputs(step, child, diagnostics, model);
  }
  return { diagnostics, subWorkflows };
}

function checkCallInputs(step: Step, child: Analysis, out: Diagnostic[], model: WorkflowModel): void {
  const wf = step.raw.workflow as Record<string, unknown> | undefined;
  const given = wf && typeof wf.inputs === 'object' && wf.inputs ? Object.keys(wf.inputs) : [];
  const declared = new Set(child.model.inputs.map((i) => i.name));
  const missing = child.model.inputs.filter((i) => i.required && !given.includes(i.name)).map((i) => i.name);
  const unknown = given.filter((g) => !declared.has(g));
  if (unknown.length) {
    out.push({
      code: 'unknown-input',
      severity: 'error',
      message: `'${step.workflowPath!.value}' declares no input ${unknown.map((u) => `'${u}'`).join(', ')}${declared.size ? `; its inputs are ${[...declared].join(', ')}` : ''}`,
      range: step.kindRange ?? step.idRange,
    });
  }
  if (missing.length) {
    out.push({
      code: 'unknown-input',
      severity: 'error',
      message: `'${step.workflowPath!.value}' needs the input${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}; give ${missing.length > 1 ? 'them' : 'it'} under workflow.inputs`,
      range: step.kindRange ?? step.idRange,
    });
  }
  void model;
}
