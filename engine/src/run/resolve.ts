// Evaluates a step's templated fields for one instance: builds the expression scope (steps resolve
// lexically, then to the instance in the same or an enclosing frame, so a foreach body sees its own
// iteration), and walks the raw action value replacing every string that holds `${`.
import type { Scope, Step, TemplateString } from '../model/types.js';
import type { Template } from '../template/ast.js';
import { evaluateTemplate, type EvalScope } from '../template/evaluate.js';
import { parseTemplate } from '../template/parse.js';
import { isBlock, type Frame, type Instance } from './instance.js';
import { recordOf } from './step-record.js';
import { setOwn } from '../model/own-keys.js';
import { placeholder, placeholderText } from './dry-placeholders.js';

const templateCache = new Map<string, Template>();
const scopeIndex = new WeakMap<Scope, Map<string, Step>>();

function parsed(text: string): Template {
  let t = templateCache.get(text);
  if (!t) {
    if (templateCache.size > 50_000) templateCache.clear();
    t = parseTemplate(text);
    templateCache.set(text, t);
  }
  return t;
}

/** The step `id` names when written in `scope` (nearest enclosing scope that has it, spec 3.1). */
export function lookupStep(scope: Scope, id: string): Step | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    let index = scopeIndex.get(s);
    if (!index) {
      index = new Map();
      for (const step of s.steps) if (!index.has(step.id)) index.set(step.id, step);
      scopeIndex.set(s, index);
    }
    const found = index.get(id);
    if (found) return found;
  }
  return undefined;
}

/** The instance of `target` seen from `frame` (same frame or an enclosing one). */
export function instanceOf(frame: Frame, target: Step): Instance | undefined {
  for (let f: Frame | undefined = frame; f; f = f.parent) {
    if (f.scope === target.scope) return f.instances.get(target);
  }
  return undefined;
}

/**
 * What a dry run shows for the output of `inst` (a step it did not run) where another step, a
 * block's output or a file's `outputs:` use it: `<steps.ID.output>` for a leaf; a block's own dry
 * output, composed of its children's (`{"greeting": "<steps.hi.output>"}`), so that
 * `${steps.call.output.greeting}` shows the called file's placeholder rather than nothing.
 */
export function dryOutput(inst: Instance, id: string): unknown {
  return isBlock(inst) ? inst.output : placeholder(`steps.${id}.output`);
}

export interface RunInfo {
  id: string;
  workflow: string;
  startedAt: number;
}

const RUN_VALUES = new WeakMap<RunInfo, Record<string, unknown>>();

/**
 * What `${run.X}` reads: the id, the workflow's name, and `startedAt` as ISO 8601 text (what the
 * hover says, and what Argo's `workflow.creationTimestamp`, which the analyser maps to it, gives),
 * where RunInfo keeps the milliseconds the engine counts durations from. Made once per run.
 */
export function runValues(run: RunInfo): Record<string, unknown> {
  let values = RUN_VALUES.get(run);
  if (!values) RUN_VALUES.set(run, (values = { id: run.id, workflow: run.workflow, startedAt: new Date(run.startedAt).toISOString() }));
  return values;
}

/** The scope for expressions written in `scope` (a step's own fields) evaluated in `frame`. */
export function evalScope(frame: Frame, scope: Scope, run: RunInfo, dry = false): EvalScope {
  return {
    step(id) {
      const target = lookupStep(scope, id);
      const inst = target && instanceOf(frame, target);
      if (!inst) return undefined;
      if (dry && inst.dry) return { ...recordOf(inst), output: dryOutput(inst, id) };
      return recordOf(inst);
    },
    inputs: frame.wf.inputs,
    env: frame.wf.env,
    run: runValues(run),
    variable(name) {
      for (let f: Frame | undefined = frame; f; f = f.parent) {
        if (f.itemName !== undefined) {
          if (f.itemName === name) return { found: true, value: f.item };
          if (name === 'index') return { found: true, value: f.index };
        }
      }
      return { found: false, value: undefined };
    },
    placeholderText: dry ? placeholderText : undefined,
  };
}

/** Deep copy of `value` with every templated string evaluated. */
export function resolveValue(value: unknown, scope: EvalScope): unknown {
  if (typeof value === 'string') return value.includes('${') ? evaluateTemplate(parsed(value), scope) : value;
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, scope));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) setOwn(out, k, resolveValue(v, scope));
    return out;
  }
  return value;
}

/** Evaluates a model TemplateString (top-level outputs) or passes a literal through. */
export function resolveOutputValue(value: TemplateString | unknown, scope: EvalScope): unknown {
  if (value && typeof value === 'object' && 'template' in value && 'value' in value) {
    return evaluateTemplate((value as TemplateString).template, scope);
  }
  return resolveValue(value, scope);
}

/** Runtime path of a step in a frame: the static path with the frame's prefix swapped in. */
export function runtimePath(frame: Frame, step: Step): string {
  return frame.staticLen === 0 && frame.runtimeBase === '' ? step.path : frame.runtimeBase + step.path.slice(frame.staticLen);
}

export function evalInstance(inst: Instance, value: unknown, run: RunInfo, dry = false): unknown {
  return resolveValue(value, evalScope(inst.frame, inst.step.scope, run, dry));
}
