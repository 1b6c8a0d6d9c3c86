// `schema` (error): an input's `default` that is not a value of its declared `type`
// (`n: {type: number, default: abc}`). The run refuses it with the same words when the run does
// not give the input (workflow-frame.ts converts a default as it converts a given value), so
// `weft validate` says it first. The run calls inputValueProblem (input-types.ts); this check calls
// literalInputProblem, the same rule except on a default holding `${`: a template passes here and
// `$${x}` is checked as `${x}`, where the run, which does not evaluate a default, checks the text as
// written (it refuses `default: "${inputs.m}"` for a number).
import type { Diagnostic, WorkflowModel } from '../model/types.js';
import { headRange, nodeAtPath } from '../model/yaml-node-at-path.js';
import { literalInputProblem } from './input-types.js';

export function findBadInputDefaults(model: WorkflowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!model.yaml) return out;
  for (const decl of model.inputs) {
    if (decl.default === undefined) continue;
    const problem = literalInputProblem(decl, decl.default);
    if (!problem) continue;
    // Only a declaration has a `default:` key. A shorthand's value is its default and gives its type,
    // so it fails only as a number that is not finite (`n: .inf`): marked on the input's name.
    const at = nodeAtPath(model.yaml, ['inputs', decl.name, 'default']);
    out.push({
      code: 'schema',
      severity: 'error',
      message: `the default of input '${decl.name}' ${problem}`,
      // On the value (a block collection's first line), else the input's name.
      range: headRange(at.value, model.text) ?? decl.nameRange,
    });
  }
  return out;
}
