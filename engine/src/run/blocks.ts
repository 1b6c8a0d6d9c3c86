// Blocks at run time: creating the instances of a steps list (wiring their dependencies to the right
// instances), expanding `parallel` branches, `foreach` iterations and `workflow` children when the
// block's dependencies are done, and composing block outputs (language spec 2.2).
import type { Scope, Step } from '../model/types.js';
import type { Executor } from './executor.js';
import { continuesOnError, InstanceTable, isFinal, slotGroups, type Frame, type Instance, type WorkflowFrame } from './instance.js';
import { dryOutput, evalInstance, instanceOf, lookupStep, resolveOutputValue, evalScope, runtimePath } from './resolve.js';
import { SlotGroup } from './slots.js';
import { blockContinueOnError, isTemplated } from './step-policy.js';
import { buildChildFrame, unrunChildFrame } from './workflow-frame.js';
import { setOwn } from '../model/own-keys.js';
import { placeholder, placeholderText } from './dry-placeholders.js';
import { skipReaches } from './foreach-gates.js';
import { jsonBytesWithin } from './json-pieces.js';
import { tooLargeText } from './actions/output-limit.js';

/**
 * Creates the instances of a frame's steps (in `frame.instances.list`) and wires their
 * dependencies; returns how many. Siblings are wired by count only (the frame's compiled wiring
 * says whom a finished step releases); a dependency on an outer frame's instance that has not
 * finished lists this one among its dependents. No other array holds them: on a large graph every
 * array of young instances that has grown into the old generation costs a remembered-set entry per
 * store, and each garbage collection during the run visits those entries.
 */
export function populate(ex: Executor, frame: Frame): number {
  let created = 0;
  const steps = frame.scope.steps;
  const list = frame.instances.list;
  const wiring = frame.wf.wiring;
  const idx = wiring.scopeIdx.get(frame.scope);
  for (let k = 0; k < steps.length; k++) {
    const step = steps[k];
    const i = idx ? idx[k] : -1;
    if (!step.kind || i < 0) {
      frame.instances.sparse = true;
      continue;
    }
    const inst = ex.newInstance(step, i, frame, runtimePath(frame, step));
    inst.waiting = wiring.localDeps[i];
    list[k] = inst;
    created++;
  }
  const outer = wiring.outerDeps;
  for (let k = 0; k < list.length; k++) {
    const inst = list[k];
    if (inst === undefined) continue;
    const deps = outer[inst.order];
    if (!deps) continue;
    for (const d of deps) {
      const di = instanceOf(frame, d);
      if (!di) continue;
      if (!isFinal(di.status)) {
        inst.waiting++;
        (di.dependents ??= []).push(inst);
      } else if (di.status === 'skipped' && !di.dry && skipReaches(wiring, inst.order, d)) inst.depSkipped = true;
    }
  }
  return created;
}

/** Gates the steps of a populated frame that wait for nothing, in list order. */
function gateReady(ex: Executor, frame: Frame): void {
  // An indexed loop: this runs once per frame, often before V8 optimises it, and an unoptimised
  // for-of allocates an iterator result per step.
  const list = frame.instances.list;
  for (let k = 0; k < list.length; k++) {
    const inst = list[k];
    if (inst !== undefined && inst.waiting === 0) ex.gate(inst);
  }
}

/** Populates a frame and gates the steps that wait for nothing. */
export function activateFrame(ex: Executor, frame: Frame): void {
  populate(ex, frame);
  gateReady(ex, frame);
}

/** Visits every instance created so far in `f` and the frames of its blocks, a block before its children. */
export function forEachInstance(f: Frame, visit: (inst: Instance) => void): void {
  const list = f.instances.list;
  for (let k = 0; k < list.length; k++) {
    const inst = list[k];
    if (inst === undefined) continue;
    visit(inst);
    if (inst.children) for (const c of inst.children) forEachInstance(c, visit);
  }
}

/**
 * Every instance created so far in `frames` (the run's top frame, or a block's frames), in creation
 * order: what the executor kept in a list of all instances, for a stop, the walk that needs that order.
 */
export function allInstances(...frames: Frame[]): Instance[] {
  const out: Instance[] = [];
  for (const f of frames) forEachInstance(f, (inst) => out.push(inst));
  return out.sort((a, b) => a.seq - b.seq);
}

/**
 * `evaluate`: the block is starting (not a dry run), so a templated `continueOnError`
 * (`${inputs.lenient}`, step-policy.ts) is evaluated in its scope; a bad value throws before anything
 * is set, and the block fails (expandBlock's caller). A block that never runs its children keeps
 * the inherited policy: they are only marked skipped.
 */
function blockSettings(ex: Executor, inst: Instance, raw: Record<string, unknown>, limit: unknown, evaluate = false): void {
  const parentGroups = slotGroups(inst, ex.runGroups);
  const parentCoe = continuesOnError(inst, ex.opts.continueOnError);
  const own = evaluate && isTemplated(raw.continueOnError) ? blockContinueOnError(inst, ex.run, raw.continueOnError) : raw.continueOnError;
  inst.childContinueOnError = typeof own === 'boolean' ? own : parentCoe;
  // Tolerating its children's failures is then the block's inner policy (completeBlock).
  if (typeof own === 'boolean') inst.childCoeOwn = true;
  if (typeof limit === 'number' && limit >= 1) {
    inst.limit = new SlotGroup(Math.floor(limit), inst.path);
    inst.childGroups = [...parentGroups, inst.limit];
  } else inst.childGroups = parentGroups;
}

/** A foreach's block settings (its `foreach:` mapping's); returns that mapping. */
function foreachSettings(ex: Executor, inst: Instance, evaluate = false): Record<string, unknown> {
  const fe = (inst.step.raw.foreach ?? {}) as Record<string, unknown>;
  blockSettings(ex, inst, { continueOnError: fe.continueOnError }, fe.maxConcurrency, evaluate);
  return fe;
}

/** A `workflow` step's block settings: the called file's `config:`. */
function workflowSettings(ex: Executor, inst: Instance, wf: WorkflowFrame): void {
  const data = (wf.analysis.model.data ?? {}) as { config?: Record<string, unknown> };
  blockSettings(ex, inst, { continueOnError: wf.policy?.continueOnError ?? data.config?.continueOnError }, data.config?.maxConcurrency);
}

/**
 * A frame of a foreach's body at `runtimeBase`: an iteration's (`per_file/3/`, with its item and
 * index), or the body of one that never runs it (`per_file/`, no item).
 */
function bodyFrame(inst: Instance, body: Scope, runtimeBase: string, item?: unknown, index?: number): Frame {
  return {
    scope: body,
    parent: inst.frame,
    owner: inst,
    wf: inst.frame.wf,
    instances: new InstanceTable(inst.frame.wf),
    runtimeBase,
    staticLen: inst.step.path.length + 1,
    itemName: body.itemName ?? 'item',
    item,
    index,
  };
}

/** The frame of a `workflow` step's child steps (`call/fetch`), in the called file's frame `wf`. */
function childFrame(inst: Instance, wf: WorkflowFrame): Frame {
  return {
    scope: wf.analysis.model.root,
    parent: undefined,
    owner: inst,
    wf,
    instances: new InstanceTable(wf),
    runtimeBase: inst.path + '/',
    staticLen: 0,
  };
}

function branchFrames(inst: Instance): Frame[] {
  return (inst.step.branches ?? []).map((b) => ({
    scope: b.scope,
    parent: inst.frame,
    owner: inst,
    wf: inst.frame.wf,
    instances: new InstanceTable(inst.frame.wf),
    runtimeBase: inst.path + '/',
    staticLen: inst.step.path.length + 1,
    branch: b.name,
  }));
}

/** Creates a parallel block's children without starting them (also used to skip them; `evaluate`: see blockSettings). */
export function createChildren(ex: Executor, inst: Instance, evaluate = false): void {
  if (inst.children) return;
  const raw = (inst.step.raw.parallel ?? {}) as Record<string, unknown>;
  const cfg = Array.isArray(raw) ? {} : raw;
  blockSettings(ex, inst, { continueOnError: cfg.continueOnError }, cfg.maxConcurrency, evaluate);
  inst.children = branchFrames(inst);
  for (const f of inst.children) inst.openChildren! += populate(ex, f);
}

/**
 * Creates the steps of a block that will not run them, to be marked skipped (a skipped or stopped
 * block, a foreach without iterations, a workflow step that failed before its child started):
 * a parallel block's branches; a foreach's body once, at the paths an iteration's steps would have
 * without the index (`per_file/size`, as in the plan); a workflow step's child steps under the
 * step's path, as when it runs (`child/fetch`), its inputs not evaluated. Returns the new frames.
 */
export function createUnrunChildren(ex: Executor, inst: Instance): Frame[] {
  if (inst.kind === 'parallel') {
    if (inst.children) return [];
    createChildren(ex, inst);
    return inst.children!;
  }
  let frame: Frame | undefined;
  // The settings its children read (slot groups, continue-on-error), as expandBlock gives them; a
  // block that failed on its items or its child's inputs already has them.
  if (inst.kind === 'foreach') {
    if (!inst.childGroups) foreachSettings(ex, inst);
    const body = inst.step.body;
    if (body) frame = { ...bodyFrame(inst, body, `${inst.path}/`), unrun: true };
  } else if (inst.kind === 'workflow') {
    const wf = unrunChildFrame(ex, inst);
    if (wf) {
      if (!inst.childGroups) workflowSettings(ex, inst, wf);
      frame = { ...childFrame(inst, wf), unrun: true };
    }
  }
  if (!frame) return [];
  (inst.children ??= []).push(frame);
  populate(ex, frame);
  return [frame];
}

/** Starts a block whose dependencies are done: creates and gates its children. */
export function expandBlock(ex: Executor, inst: Instance): void {
  const step = inst.step;
  let frames: Frame[];
  if (inst.kind === 'parallel') {
    if (!inst.children) createChildren(ex, inst, !ex.opts.dryRun);
    for (const f of inst.children!) gateReady(ex, f);
    return;
  }
  if (inst.kind === 'foreach') {
    const fe = foreachSettings(ex, inst, !ex.opts.dryRun);
    const items = toItems(evalInstance(inst, fe.items, ex.run, ex.opts.dryRun), ex.opts.dryRun);
    const body = step.body;
    frames = body ? items.map((item, index) => bodyFrame(inst, body, `${inst.path}/${index}/`, item, index)) : [];
  } else {
    // A retry runs the same call again: the file, its inputs and config as the first attempt had them.
    let wfFrame = inst.calledFrame;
    if (!wfFrame) {
      wfFrame = inst.calledFrame = buildChildFrame(ex, inst);
      ex.opts.onEnv?.(wfFrame.env);
    }
    workflowSettings(ex, inst, wfFrame);
    frames = [childFrame(inst, wfFrame)];
  }
  inst.children = frames;
  for (const f of frames) inst.openChildren! += populate(ex, f);
  for (const f of frames) gateReady(ex, f);
  // A foreach without iterations: its body's steps get their skipped events all the same.
  if (frames.length === 0 && inst.kind === 'foreach') ex.skipUnrun(inst);
}

/**
 * Forgets what expanding the block gave it (its children and the settings blockSettings set), so
 * that a retry (block-retry.ts) expands it from scratch. A workflow step's `calledFrame` stays: a
 * retry runs the same call.
 */
export function clearExpansion(inst: Instance): void {
  inst.children = undefined;
  inst.openChildren = 0;
  inst.limit = undefined;
  inst.childGroups = undefined;
  inst.childContinueOnError = undefined;
  inst.childCoeOwn = undefined;
}

/** Foreach items: an array, JSON text of one, or lines of text; null gives no iterations. */
export function toItems(value: unknown, dry = false): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === null || value === undefined) return [];
  if (typeof value === 'string') {
    // A dry run's placeholder for a step's output or an input it was not given: one symbolic item.
    if (dry && placeholderText(value) !== undefined) return [placeholder(`item of ${value}`)];
    const t = value.trim();
    if (t.startsWith('[')) {
      try {
        const v = JSON.parse(t);
        if (Array.isArray(v)) return v;
      } catch {
        /* fall through to lines */
      }
    }
    return t === '' ? [] : t.split(/\r?\n/).filter((l) => l.trim() !== '');
  }
  throw new Error(`foreach items must be an array, got ${typeof value}`);
}

/** The frames of a block that ran (its unrun ones aside). */
export function ranFrames(b: Instance): Frame[] {
  const frames = b.children ?? [];
  return frames.some((f) => f.unrun) ? frames.filter((f) => !f.unrun) : frames;
}

function lastOutput(f: Frame): unknown {
  const steps = f.scope.steps.filter((s) => s.kind);
  const last = steps[steps.length - 1];
  const inst = last && f.instances.get(last);
  if (!inst) return null;
  return inst.dry ? dryOutput(inst, last.id) : inst.output;
}

/**
 * parallel: {branch: last output}; foreach: [last output per item]; workflow: its outputs (`strict`:
 * an output that fails to evaluate throws its error instead of being null; not strict, a call that
 * failed or was cancelled already says why, and shows what outputs it can).
 */
export function blockOutput(ex: Executor, b: Instance, strict: boolean): unknown {
  const frames = ranFrames(b);
  if (b.kind === 'parallel') {
    const out: Record<string, unknown> = {};
    for (const f of frames) setOwn(out, f.branch ?? '', lastOutput(f));
    return out;
  }
  if (b.kind === 'foreach') return frames.map(lastOutput);
  const f = frames[0];
  if (!f) return null;
  const r = evaluateOutputs(ex, f);
  if (strict && r.error) throw r.error;
  return r.value;
}

/**
 * A workflow's `outputs:` evaluated once in its top frame, or its last step's output without any.
 * An output whose template fails to evaluate (`fromJson` of text that is not JSON) is null, and
 * `error` names the first such (`output 'name': <why>`), as the same template fails a step.
 */
export function evaluateOutputs(ex: Executor, f: Frame): { value: unknown; error?: Error } {
  const model = f.wf.analysis.model;
  if (model.outputs.length === 0) return { value: lastOutput(f) };
  const scope = evalScope(f, model.root, ex.run, ex.opts.dryRun);
  const out: Record<string, unknown> = {};
  let error: Error | undefined;
  // The outputs are one value, a `workflow` step's output or the run's in run.finished: held to the
  // output limit as a step's is (json-pieces.ts). Outputs of 15 x 40 MB made a run.finished past
  // what a string holds, which threw from the record writer and crashed the host.
  const limit = ex.opts.maxOutputBytes;
  let bytes = 0;
  for (const o of model.outputs) {
    try {
      const value = resolveOutputValue(o.value, scope) ?? null;
      const n = jsonBytesWithin(value, limit - bytes);
      if (n === undefined) throw new Error(tooLargeText('the outputs', limit));
      bytes += n;
      setOwn(out, o.name, value);
    } catch (e) {
      error ??= new Error(`output '${o.name}': ${(e as Error).message}`, { cause: e });
      setOwn(out, o.name, null);
    }
  }
  return { value: out, error };
}

export function stepIn(scope: Scope, id: string): Step | undefined {
  return lookupStep(scope, id);
}
