// Names the place a schema error is about, in the words of the language: "step 'fetch'", "'http' of
// step 'fetch'", "config.llm", "input 'depth'". Works on the data path ajv reports, following the
// language's structure (steps lists, parallel branches, foreach bodies) to find the enclosing step.
import type { Document } from 'yaml';
import type { LineIndex } from './types.js';
import { nodeAtPath } from './yaml-node-at-path.js';

export interface PathContext {
  /** Length of the prefix of the path that is the innermost step containing (or being) the path. */
  stepDepth: number;
  /** True when the path is itself a step (an item of a steps list). */
  isStep: boolean;
}

export function dataAt(data: unknown, path: readonly string[], upTo = path.length): unknown {
  let cur = data;
  for (let i = 0; i < upTo; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[path[i]!];
  }
  return cur;
}

/** Follows the steps lists of the language down `path`. */
export function pathContext(data: unknown, path: readonly string[]): PathContext {
  type State = 'root' | 'list' | 'step' | 'parallel' | 'branches' | 'foreach' | 'done';
  let state: State = 'root';
  let stepDepth = 0;
  for (let i = 0; i < path.length && state !== 'done'; i++) {
    const seg = path[i]!;
    switch (state) {
      case 'root':
        state = seg === 'steps' ? 'list' : 'done';
        break;
      case 'list':
        if (/^\d+$/.test(seg) && Array.isArray(dataAt(data, path, i))) {
          state = 'step';
          stepDepth = i + 1;
        } else state = 'done';
        break;
      case 'step':
        state = seg === 'parallel' ? 'parallel' : seg === 'foreach' ? 'foreach' : 'done';
        break;
      case 'parallel':
        if (/^\d+$/.test(seg) && Array.isArray(dataAt(data, path, i))) {
          state = 'step';
          stepDepth = i + 1;
        } else state = seg === 'branches' ? 'branches' : 'done';
        break;
      case 'branches':
        state = 'list';
        break;
      case 'foreach':
        state = seg === 'steps' ? 'list' : 'done';
        break;
    }
  }
  return { stepDepth, isStep: stepDepth === path.length && stepDepth > 0 };
}

export interface Labeller {
  data: unknown;
  doc: Document;
  lines: LineIndex;
}

/** "step 'fetch'", or "the step on line 12" when it has no usable id. */
export function stepLabel(l: Labeller, stepPath: readonly string[]): string {
  const step = dataAt(l.data, stepPath);
  const id = step && typeof step === 'object' ? (step as Record<string, unknown>).id : undefined;
  if (typeof id === 'string' && id !== '') return `step '${id}'`;
  const hit = nodeAtPath(l.doc, stepPath);
  const start = (hit.value ?? hit.last)?.range?.[0];
  return start === undefined ? 'a step' : `the step on line ${l.lines.positionAt(start).line + 1}`;
}

/** The name of an object (a mapping) at `path`, for "unknown key 'x' in <label>". */
export function containerLabel(l: Labeller, path: readonly string[]): string {
  if (path.length === 0) return 'the workflow';
  const ctx = pathContext(l.data, path);
  if (ctx.stepDepth > 0) {
    const step = stepLabel(l, path.slice(0, ctx.stepDepth));
    if (ctx.isStep) return step;
    return `'${path.slice(ctx.stepDepth).join('.')}' of ${step}`;
  }
  if (path[0] === 'inputs' && path.length === 2) return `input '${path[1]}'`;
  return path.join('.');
}

/** The name of a value for "'<subject>' must be ...": its key, or `list[i]` for list items. */
export function subject(path: readonly string[]): string {
  if (path.length === 0) return 'the workflow';
  const last = path[path.length - 1]!;
  if (/^\d+$/.test(last) && path.length > 1) return `${path[path.length - 2]}[${last}]`;
  return last;
}

/** What kind of name the keys of the mapping at `path` are (for propertyNames errors). */
export function keyKind(path: readonly string[]): string {
  const last = path[path.length - 1];
  if (last === 'branches') return 'branch name';
  if (last === 'env') return 'environment variable name';
  if (last === 'inputs') return 'input name';
  if (last === 'outputs') return 'output name';
  return 'name';
}
