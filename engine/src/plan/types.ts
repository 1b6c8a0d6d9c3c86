// The plan: the steps as a tree with stages and needs, exactly the object `run.started` carries and
// the `weft/plan` request returns (interfaces spec, "Event stream").
import type { StepKind } from '../model/types.js';

export interface PlanNode {
  id: string;
  path: string;
  kind: StepKind | 'branch' | 'unknown';
  name: string;
  stage: number;
  /** Paths of the steps this one waits for. */
  needs: string[];
  children?: PlanNode[];
}

export interface Plan {
  workflow: string;
  file: string;
  steps: PlanNode[];
  stages: number;
  criticalPath: string[];
  maxConcurrency: number;
}
