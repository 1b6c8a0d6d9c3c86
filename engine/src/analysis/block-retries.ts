// `block-retries` (warning): `retries` on a parallel, foreach or workflow step. The run gives a block
// one attempt (docs/engine.md: re-running its steps would give each a second `step.finished` at the
// same path), so the setting does nothing, and a user should hear so before relying on it rather
// than find out when a flaky step inside fails the block.
import type { Diagnostic, WorkflowModel } from '../model/types.js';
import { pairValue } from '../model/build-steps.js';
import { nodeRange } from '../model/yaml-node-at-path.js';
import { isMap } from '../model/yaml-nodes.js';

const WHERE: Record<string, string> = {
  parallel: 'put retries on the steps inside the block',
  foreach: 'put retries on the steps of its body',
  workflow: "put retries on the called file's steps, or in its config.retries",
};

export function findBlockRetries(model: WorkflowModel): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (!model.yaml) return out;
  for (const step of model.allSteps) {
    if (step.kind !== 'parallel' && step.kind !== 'foreach' && step.kind !== 'workflow') continue;
    const value = step.raw.retries;
    if (value === undefined || value === null || value === 0) continue;
    const pair = isMap(step.node) ? pairValue(model.yaml, step.node, 'retries') : undefined;
    const range = nodeRange(pair?.key, model.text) ?? step.kindRange ?? step.idRange;
    out.push({
      code: 'block-retries',
      severity: 'warning',
      message: `retries on a ${step.kind} step are not applied: a block runs its steps once; ${WHERE[step.kind]}`,
      range,
    });
  }
  return out;
}
