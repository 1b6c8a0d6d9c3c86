// Builds the run-time frame of one workflow file: its inputs (declared types, defaults, required),
// its `env:` (templates may use inputs), and the priorities of its steps. Used for the top-level
// workflow and for every `workflow` step's child, which runs inside the same scheduler.
import { inputValueProblem } from '../analysis/input-types.js';
import type { Analysis } from '../analysis/types.js';
import type { InputDecl } from '../model/types.js';
import { TemplateEvalError, toText } from '../template/evaluate.js';
import type { Executor } from './executor.js';
import type { Instance, WorkflowFrame } from './instance.js';
import { computePriorities, type Priorities } from './priority.js';
import { evalInstance, resolveValue, runValues, type RunInfo } from './resolve.js';
import { configPolicy } from './step-policy.js';
import * as path from 'node:path';
import { setOwn } from '../model/own-keys.js';
import { holdsPlaceholder, placeholder } from './dry-placeholders.js';

export class InputError extends Error {}

/**
 * Converts given input values to the declared types and checks them. Text (from `--input`, a
 * `workflow` step's template inside text) is converted; a typed value (a `workflow` step's
 * `n: ${steps.x.output.count}`, the library's `inputs`) must already have the type, as GitHub
 * Actions checks a reusable workflow's typed inputs: an object given for a number is an error, not
 * a value the child's steps trip over. `null` (an optional value that is not there) passes.
 * `dryRun`: a required input that was not given becomes a placeholder (`<inputs.who>`): a dry run
 * shows the plan without running anything, so it needs no values (as `weft plan` needs none). With
 * `evaluated` too (a `workflow` step's inputs, from its templates), a placeholder for a value the
 * dry run does not have (`<steps.x.output>`) is kept; text given on the command line is the user's
 * and is checked, whatever it looks like.
 */
export function coerceInputs(decls: InputDecl[], given: Record<string, unknown>, dryRun = false, evaluated = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const known = new Set(decls.map((d) => d.name));
  for (const name of Object.keys(given)) {
    if (!known.has(name)) {
      const list = decls.map((d) => d.name).join(', ') || 'none';
      throw new InputError(`unknown input '${name}' (declared: ${list})`);
    }
  }
  for (const d of decls) {
    if (Object.prototype.hasOwnProperty.call(given, d.name)) {
      const v = given[d.name];
      setOwn(out, d.name, dryRun && evaluated && typeof v === 'string' && holdsPlaceholder(v) ? v : coerce(d, v));
    } else if (d.default !== undefined) setOwn(out, d.name, coerce(d, d.default));
    else if (d.required && dryRun) setOwn(out, d.name, placeholder(`inputs.${d.name}`));
    else if (d.required) throw new InputError(`missing required input '${d.name}' (pass --input ${d.name}=...)`);
    else setOwn(out, d.name, null);
  }
  return out;
}

/**
 * The value of `v` for the input `d`: text (`--input n=5`, a workflow step's input given as text)
 * converted to the declared type, a typed value as it is (a number or boolean given for a `string`
 * input as text). Whether it is a value of the input at all is decided by inputValueProblem, the
 * rule `weft validate` checks literal `workflow` inputs with, so that both say the same words.
 */
function coerce(d: InputDecl, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  const problem = inputValueProblem(d, v);
  if (problem !== undefined) throw new InputError(`input '${d.name}' ${problem}`);
  if (typeof v !== 'string') return d.type === 'string' ? String(v) : v;
  switch (d.type) {
    case 'number':
      return Number(v);
    case 'boolean':
      return v === 'true';
    case 'object':
    case 'array':
      return JSON.parse(v) as unknown;
    default:
      return v;
  }
}

export interface FrameParams {
  analysis: Analysis;
  inputs: Record<string, unknown>;
  baseEnv: Record<string, string | undefined>;
  run: RunInfo;
  durations?: Map<string, number>;
  prefix?: string;
  tail?: number;
  /** A dry run: placeholders for values it does not have pass the input types (coerceInputs). */
  dryRun?: boolean;
  /** The inputs are a calling `workflow` step's, evaluated from its templates (may hold placeholders). */
  evaluated?: boolean;
  /** Precomputed priorities (PreparedRun.compiled) for the top-level workflow. */
  priorities?: Priorities;
  /** The `env:` of the calling files, evaluated (WorkflowFrame.declaredEnv). */
  declaredEnv?: Record<string, string>;
}

export function buildWorkflowFrame(p: FrameParams): WorkflowFrame {
  const model = p.analysis.model;
  const inputs = coerceInputs(model.inputs, p.inputs, p.dryRun, p.evaluated);
  const env: Record<string, string | undefined> = { ...p.baseEnv };
  const scope = {
    step: () => undefined,
    inputs,
    env,
    run: runValues(p.run),
    variable: () => ({ found: false, value: undefined }),
  };
  const declared: Record<string, string> = { ...p.declaredEnv };
  for (const [k, v] of Object.entries(model.env ?? {})) {
    let text: string;
    try {
      text = toText(resolveValue(v, scope));
    } catch (e) {
      // `X: ${fromJson(env.CONFIG)}` on what the environment holds: the run is refused, as for a bad input.
      if (e instanceof TemplateEvalError) throw new InputError(`env '${k}': ${e.message}`);
      throw e;
    }
    setOwn(env, k, text);
    setOwn(declared, k, text);
  }
  const frame = frameOf(p, inputs, env, declared);
  // Templated config values (`timeout: ${inputs.t}`); a bad one is a bad input of the file. A dry
  // run may hold placeholders for inputs and evaluates none.
  if (!p.dryRun) {
    try {
      frame.policy = configPolicy((model.data as { config?: Record<string, unknown> } | undefined)?.config, scope);
    } catch (e) {
      throw new InputError((e as Error).message, { cause: e });
    }
  }
  return frame;
}

/**
 * The priorities of a called file's steps, by its analysis, the recorded durations and the calling
 * path (`each/child/`): computed once, not once per call. A foreach of 2,000 calls compiled the
 * child's graph 2,000 times during the run, and once more per call never started when the run
 * stopped (inside the synchronous sweep of a cancel). Nothing changes them after they are made.
 */
const compiledCalls = new WeakMap<Analysis, Map<string, { durations: Map<string, number> | undefined; pr: Priorities }[]>>();

function calledPriorities(analysis: Analysis, durations: Map<string, number> | undefined, prefix: string): Priorities {
  let byPrefix = compiledCalls.get(analysis);
  if (!byPrefix) compiledCalls.set(analysis, (byPrefix = new Map()));
  let list = byPrefix.get(prefix);
  if (!list) byPrefix.set(prefix, (list = []));
  const hit = list.find((c) => c.durations === durations);
  if (hit) return hit.pr;
  const pr = computePriorities(analysis, durations, prefix);
  list.push({ durations, pr });
  return pr;
}

/** The frame of `p.analysis` with its inputs and environment decided. */
function frameOf(p: FrameParams, inputs: Record<string, unknown>, env: Record<string, string | undefined>, declaredEnv: Record<string, string>): WorkflowFrame {
  const prefix = p.prefix ?? '';
  const pr = p.priorities ?? calledPriorities(p.analysis, p.durations, prefix);
  return {
    analysis: p.analysis,
    file: p.analysis.model.file,
    dir: path.dirname(p.analysis.model.file),
    inputs,
    env,
    declaredEnv,
    index: pr.index,
    rem: pr.rem,
    afterEnd: pr.afterEnd,
    pos: pr.pos,
    wiring: pr.wiring,
    tail: p.tail ?? 0,
    durations: p.durations,
    prefix,
  };
}

/** The called file's analysis of a `workflow` step, or throws why it cannot run. */
function childAnalysis(inst: Instance): { child: Analysis; raw: unknown } {
  const child = inst.frame.wf.analysis.subWorkflows.get(inst.step);
  const raw = inst.step.raw.workflow;
  const rel = typeof raw === 'string' ? raw : (raw as Record<string, unknown> | undefined)?.path;
  if (!child) throw new Error(`cannot load workflow '${String(rel)}'`);
  const errors = child.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`workflow '${String(rel)}' has errors: ${errors[0].message}`);
  return { child, raw };
}

/** What a child's frame takes from its caller: env, durations, path prefix, priority tail. */
function childParams(ex: Executor, inst: Instance, child: Analysis, inputs: Record<string, unknown>): FrameParams {
  const parent = inst.frame.wf;
  return {
    analysis: child,
    inputs,
    baseEnv: parent.env,
    declaredEnv: parent.declaredEnv,
    run: ex.run,
    durations: parent.durations,
    prefix: parent.prefix + inst.step.path + '/',
    tail: parent.afterEnd[parent.index.get(inst.step) ?? 0] + parent.tail,
    dryRun: ex.opts.dryRun,
    evaluated: true,
  };
}

/** The frame of a `workflow` step's child, with its inputs evaluated in the parent. */
export function buildChildFrame(ex: Executor, inst: Instance): WorkflowFrame {
  const { child, raw } = childAnalysis(inst);
  const given = raw && typeof raw === 'object' ? ((raw as Record<string, unknown>).inputs ?? {}) : {};
  const inputs = evalInstance(inst, given, ex.run, ex.opts.dryRun) as Record<string, unknown>;
  return buildWorkflowFrame(childParams(ex, inst, child, inputs ?? {}));
}

/**
 * The frame of the child of a `workflow` step that never starts (skipped, stopped, failed before
 * its child ran), only so that the child's steps can be created and marked skipped: its inputs
 * are not evaluated (they may name a step that failed or was skipped) nor checked, and it has no
 * `env:` of its own. Undefined when the child cannot be loaded (the plan has no children then).
 */
export function unrunChildFrame(ex: Executor, inst: Instance): WorkflowFrame | undefined {
  let child: Analysis;
  try {
    child = childAnalysis(inst).child;
  } catch {
    return undefined;
  }
  const p = childParams(ex, inst, child, {});
  return frameOf(p, {}, { ...p.baseEnv }, { ...p.declaredEnv });
}
