// The custom request `weft/plan` {uri}: the plan of the current text, the same steps tree that
// `run.started` carries.
import type { PlanNode } from '../../../engine/src/plan/types.js';
import type { Analysis } from '../../../engine/src/analysis/types.js';
import { planOf } from '../engine-api.js';

export const PLAN_REQUEST = 'weft/plan';

export interface PlanParams { uri: string }

export function planSteps(a: Analysis): PlanNode[] {
  return planOf(a).steps;
}
