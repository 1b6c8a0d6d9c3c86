// The dependency wiring of one workflow file, compiled once per prepared workflow (with the
// priorities) instead of once per run: for each step, the steps of its own steps list that wait
// for it, as integer indexes in compressed rows. A run then keeps no per-instance dependency or
// dependent arrays for them (they were most of the memory a large run retained, and the garbage
// collector's cost grew with it); an instance finds its waiting siblings by position in its frame.
// Dependencies on steps of enclosing lists (a foreach body naming an outer step) are rare and are
// still wired per instance (blocks.ts). Also the static facts the scheduler reads when it opens and
// starts a step (has an `if`, needs evaluation, has a templated policy, its config, its timeout), in
// arrays by index, so that the per-step path does not load each step's model and raw YAML objects
// (cache misses on large graphs, where steps open in no particular memory order).
import type { Scope, Step } from '../model/types.js';
import { hasTemplatedPolicy } from './step-policy.js';

export interface Wiring {
  /** Index (document order) of each step of a steps list, by position in the list. */
  scopeIdx: Map<Scope, Int32Array>;
  /** Number of a step's dependencies in its own steps list (they run in the same frame). */
  localDeps: Int32Array;
  /** Steps of the same list that depend on step i: `depOn[depOff[i]]` .. `depOn[depOff[i + 1] - 1]`. */
  depOff: Int32Array;
  depOn: Int32Array;
  /** Dependencies of each step outside its own steps list, or undefined (most steps). */
  outerDeps: (Step[] | undefined)[];
  /** FACT_* bits of each step. */
  facts: Uint8Array;
  /** The action config of each step without any `${` (its raw value, used as is), else undefined. */
  config: unknown[];
  /** Per-attempt timeout of each step in ms, NaN without one. */
  timeoutMs: Float64Array;
  /** By a foreach's index, the steps among its dependencies that only gate it (foreach-gates.ts); undefined when none has any. */
  gateOnly: Map<number, ReadonlySet<Step>> | undefined;
}

/** The step has an `if:`. */
export const FACT_IF = 1;
/** The step has templates: its config is evaluated per instance. */
export const FACT_TEMPLATED = 2;
/** The step's `timeout`, `retries` or `continueOnError` is a template (step-policy.ts). */
export const FACT_POLICY = 4;

/**
 * `steps[i]` has document-order index i; `deps[i]` are its direct dependencies. Steps without a
 * kind get no instance (only in workflows the analyser rejects) and are left out on both ends.
 */
export function compileWiring(steps: Step[], index: Map<Step, number>, deps: Step[][], gateOnly?: Map<number, ReadonlySet<Step>>): Wiring {
  const count = steps.length;
  const scopeIdx = new Map<Scope, Int32Array>();
  for (const s of steps) {
    if (scopeIdx.has(s.scope)) continue;
    const list = s.scope.steps;
    const idx = new Int32Array(list.length);
    for (let k = 0; k < list.length; k++) idx[k] = index.get(list[k]) ?? -1;
    scopeIdx.set(s.scope, idx);
  }
  const localDeps = new Int32Array(count);
  const depOff = new Int32Array(count + 1);
  const outerDeps: (Step[] | undefined)[] = new Array(count).fill(undefined);
  const local = (s: Step, d: Step) => d.scope === s.scope && d !== s && !!d.kind && index.has(d);
  for (let i = 0; i < count; i++) {
    const s = steps[i];
    if (!s.kind) continue;
    for (const d of deps[i]) {
      if (local(s, d)) {
        localDeps[i]++;
        depOff[index.get(d)! + 1]++;
      } else if (d.scope !== s.scope) (outerDeps[i] ??= []).push(d);
    }
  }
  for (let i = 0; i < count; i++) depOff[i + 1] += depOff[i];
  const fill = depOff.slice(0, count);
  const depOn = new Int32Array(depOff[count]);
  for (let i = 0; i < count; i++) {
    const s = steps[i];
    if (!s.kind) continue;
    for (const d of deps[i]) if (local(s, d)) depOn[fill[index.get(d)!]++] = i;
  }
  const facts = new Uint8Array(count);
  const config: unknown[] = new Array(count).fill(undefined);
  const timeoutMs = new Float64Array(count).fill(NaN);
  for (let i = 0; i < count; i++) {
    const s = steps[i];
    if (s.raw.if !== undefined) facts[i] |= FACT_IF;
    if (s.templates.length > 0) facts[i] |= FACT_TEMPLATED;
    else if (s.kind) config[i] = s.raw[s.kind];
    if (hasTemplatedPolicy(s.raw)) facts[i] |= FACT_POLICY;
    if (s.timeoutMs !== undefined) timeoutMs[i] = s.timeoutMs;
  }
  return { scopeIdx, localDeps, depOff, depOn, outerDeps, facts, config, timeoutMs, gateOnly };
}
