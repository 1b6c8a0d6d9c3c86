// The analyser: model -> analysis. One function that the command line, the language server and the
// engine all call, so they always agree (language spec section 5).
import { parseWorkflow } from '../model/parse.js';
import { validateSchema } from '../model/schema-validate.js';
import type { Diagnostic, WorkflowModel } from '../model/types.js';
import { findUnknownCallOutputs } from './call-outputs.js';
import { findCycles } from './cycles.js';
import { findDuplicates } from './duplicates.js';
import { findFileRaces } from './file-race.js';
import { findForeignTemplates } from './foreign-templates.js';
import { findAlwaysTrueIfs } from './if-conditions.js';
import { findBadInputDefaults } from './input-defaults.js';
import { criticalPath, dependencyMaps, directDeps, leafGraph, stagesOf } from './graph.js';
import { resolveReferences } from './references.js';
import type { AnalyseOptions, Analysis } from './types.js';
import { analyseCalls } from './workflow-calls.js';

export function analyse(model: WorkflowModel, options: AnalyseOptions = {}): Analysis {
  const diagnostics: Diagnostic[] = [...model.parseDiagnostics];
  if (!model.parseDiagnostics.length) diagnostics.push(...schemaDiagnostics(model));

  const { references, diagnostics: refDiagnostics } = resolveReferences(model);
  const direct = directDeps(model.allSteps, references);
  diagnostics.push(...refDiagnostics, ...findDuplicates(model), ...findCycles(model, references, direct));
  // When the YAML itself is broken, what was read of it is unreliable (an unclosed quote swallows the
  // next lines): report only the syntax errors, as the schema check already does.
  const broken = model.parseDiagnostics.length > 0;

  const leaves = leafGraph(model.allSteps, direct);
  diagnostics.push(...findFileRaces(model, leaves), ...findAlwaysTrueIfs(model), ...findForeignTemplates(model));
  const { stages, stageCount } = stagesOf(model.root, model.allSteps, direct);
  const { deps, dependents } = dependencyMaps(model.allSteps, direct);
  const durations = options.durations;
  const path = criticalPath(model.allSteps, leaves, (s) => durations?.get(s.path) ?? 1);

  const calls = analyseCalls(model, options, (text, file, opts) => analyse(parseWorkflow(text, file), opts));
  diagnostics.push(...calls.diagnostics, ...findUnknownCallOutputs(references, calls.subWorkflows));

  return {
    model,
    diagnostics: sortAndDedupe(broken ? model.parseDiagnostics : diagnostics),
    references,
    deps,
    dependents,
    stages,
    stageCount,
    criticalPath: path,
    subWorkflows: calls.subWorkflows,
  };
}

/**
 * The `schema` diagnostics: the schema's own (validateSchema) and the checks of the analyser that the
 * schema cannot express (an input default of the wrong type). Add a new `schema` check here, and the
 * schema golden test (engine/test/schema/schema-validate.test.ts) checks it too.
 */
export function schemaDiagnostics(model: WorkflowModel): Diagnostic[] {
  return [...validateSchema(model), ...findBadInputDefaults(model)];
}

/** Parse and analyse in one call. */
export function analyseText(text: string, file: string, options: AnalyseOptions = {}): Analysis {
  return analyse(parseWorkflow(text, file), options);
}

function sortAndDedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of list) {
    const key = `${d.code}\u0000${d.range.start}\u0000${d.range.end}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.code.localeCompare(b.code));
}
