// The one place where the server calls into the engine (parse, analyse, plan), so that a change in
// the engine's entry points touches a single file. Never executes anything from a workflow.
import type { Document } from 'yaml';
import { buildModel, parseWorkflow } from '../../engine/src/model/parse.js';
import { analyse } from '../../engine/src/analysis/analyse.js';
import { buildPlan } from '../../engine/src/plan/build-plan.js';
import type { Analysis, AnalysisHost } from '../../engine/src/analysis/types.js';
import type { Plan } from '../../engine/src/plan/types.js';
import type { TemplateCache } from '../../engine/src/template/template-cache.js';

export function analyseText(text: string, file: string, host: AnalysisHost, templates?: TemplateCache): Analysis {
  const model = parseWorkflow(text, file, { templates });
  return analyse(model, { host });
}

export function planOf(analysis: Analysis): Plan {
  return buildPlan(analysis);
}

/** The analysis of `text` from a YAML Document already parsed from it (see scalar-edit.ts). */
export function analyseDocument(doc: Document, text: string, file: string, host: AnalysisHost, templates?: TemplateCache, data?: unknown): Analysis {
  return analyse(buildModel([doc], text, file, { templates, data }), { host });
}
