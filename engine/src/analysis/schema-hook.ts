// Where the analyser takes the JSON Schema check (code `schema`) from.
import type { Diagnostic, WorkflowModel } from '../model/types.js';

export function schemaDiagnostics(model: WorkflowModel): Diagnostic[] {
  void model;
  return [];
}
