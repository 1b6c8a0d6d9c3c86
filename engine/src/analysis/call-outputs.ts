// `${steps.call.output.NAME}` where `call` is a `workflow` step: its output is the called file's
// `outputs` object (language spec 2.2), so when that file declares outputs, a NAME it does not
// declare is `unknown-property`, as a field missing from a stub's literal output is
// (references.ts, checkStepProperties). Checked after the calls are analysed, as only then is the
// called file's model known; a file that declares no outputs gives its last step's output, which
// stays open.
import type { Diagnostic, Step } from '../model/types.js';
import { unknownOutputField } from './references.js';
import { fixData, named } from './segment-names.js';
import type { Analysis, StepReference } from './types.js';

export function findUnknownCallOutputs(references: readonly StepReference[], subWorkflows: ReadonlyMap<Step, Analysis>): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!subWorkflows.size) return out;
  for (const ref of references) {
    const target = ref.target;
    const { expr, host } = ref;
    if (ref.via !== 'template' || target?.kind !== 'workflow' || expr?.type !== 'path' || !host) continue;
    // `.name` or `['name']`, as the run reads them alike.
    if (named(expr.segments[1], host)?.name !== 'output') continue;
    const field = named(expr.segments[2], host);
    if (!field || field.name === '') continue;
    const child = subWorkflows.get(target);
    if (!child?.model.outputs.length) continue;
    const known = child.model.outputs.map((o) => o.name);
    const problem = unknownOutputField(target, field.name, known, `; its workflow declares ${known.join(', ')}`);
    if (!problem) continue;
    const data = fixData(field, problem.suggestion);
    const range = { start: host.toSource(field.range.start), end: host.toSource(field.range.end) };
    out.push({ code: 'unknown-property', severity: 'error', message: problem.message, range, ...(data ? { data } : {}) });
  }
  return out;
}
