// Builds workflows in memory for the benchmarks: the engine's model and analysis for a DAG of stub
// steps, without YAML, so that 100,000-step graphs measure the scheduler and not the parser (the
// analyser's own cost is not part of "overhead per step"). Also the DAG shapes of issue 3 section 8.
import type { Analysis } from '../../engine/src/analysis/types.js';
import type { Scope, Step, WorkflowModel } from '../../engine/src/model/types.js';
import type { PreparedRun } from '../../engine/src/run/index.js';
import { rng } from '../../test/support/prng.js';
import { engine } from './weft.js';
export { rng };

export interface Dag {
  name: string;
  /** parents[i]: indexes of the nodes node i waits for (all < i). */
  parents: number[][];
  /** Stub delay per node in ms (0: no delay). */
  delayMs?: number[];
}


export function independent(n: number): Dag {
  return { name: 'independent', parents: Array.from({ length: n }, () => []) };
}

export function chain(n: number): Dag {
  return { name: 'chain', parents: Array.from({ length: n }, (_, i) => (i ? [i - 1] : [])) };
}

/** `layers` x `width`, each node with 3 random parents in the layer above. */
export function layered(layers: number, width: number, seed = 42): Dag {
  const r = rng(seed);
  const parents: number[][] = [];
  for (let l = 0; l < layers; l++) {
    for (let w = 0; w < width; w++) {
      if (l === 0) parents.push([]);
      else {
        const set = new Set<number>();
        while (set.size < Math.min(3, width)) set.add((l - 1) * width + Math.floor(r() * width));
        parents.push([...set]);
      }
    }
  }
  return { name: 'layered', parents };
}

const R = { start: 0, end: 0 };

/** The engine's prepared form of a DAG of stub steps, each with a per-attempt timeout. */
export function prepareDag(dag: Dag, opts: { maxConcurrency?: number; timeoutMs?: number } = {}): PreparedRun {
  const root: Scope = { steps: [], parent: undefined, owner: undefined, range: R };
  const steps: Step[] = dag.parents.map((_, i) => {
    const id = `s${i}`;
    const delay = dag.delayMs?.[i] ?? 0;
    return {
      id,
      index: i,
      idRange: R,
      range: R,
      kind: 'stub',
      kindRange: R,
      needs: [],
      timeoutMs: opts.timeoutMs ?? 60_000,
      templates: [],
      raw: { id, timeout: '1m', stub: delay ? { delay: `${delay}ms` } : true },
      node: undefined as never,
      scope: root,
      path: id,
    };
  });
  root.steps = steps;
  const deps = new Map<Step, Step[]>();
  const dependents = new Map<Step, Step[]>();
  for (const s of steps) dependents.set(s, []);
  dag.parents.forEach((ps, i) => {
    // A random DAG may list a parent twice; the analysis's lists name each dependency once.
    const parents = [...new Set(ps)].map((p) => steps[p]);
    deps.set(steps[i], parents);
    for (const p of parents) dependents.get(p)!.push(steps[i]);
  });
  const model = {
    file: `/bench/${dag.name}-${steps.length}.weft.yaml`,
    text: '',
    name: `${dag.name}-${steps.length}`,
    inputs: [],
    env: {},
    config: { maxConcurrency: opts.maxConcurrency ?? 10, continueOnError: false },
    outputs: [],
    outputTemplates: [],
    settingTemplates: [],
    root,
    allSteps: steps,
    yaml: undefined,
    data: {},
    parseDiagnostics: [],
    lines: { positionAt: () => ({ line: 0, character: 0 }), offsetAt: () => 0, lineCount: 1 },
  } as WorkflowModel;
  const analysis: Analysis = {
    model,
    diagnostics: [],
    references: [],
    deps,
    dependents,
    stages: new Map(),
    stageCount: new Map(),
    criticalPath: [],
    subWorkflows: new Map(),
  };
  return { analysis, plan: engine.buildPlan(analysis), durations: undefined, runsDir: '/nonexistent' };
}
