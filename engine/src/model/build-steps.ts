// Builds the tree of scopes and steps (language spec sections 2 and 3.1) from the YAML nodes of a
// `steps` list, keeping every range a later feature needs. Tolerates any shape: the schema check
// reports what is wrong, this only extracts what is there.
import { YAMLSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { isMap, isScalar, isSeq } from './yaml-nodes.js';
import { parseDuration } from './duration.js';
import { findPair, mapPairs, resolve } from './yaml-node-at-path.js';
import { collectTemplates, rangeOf } from './template-strings.js';
import type { Template } from '../template/ast.js';
import { ACTION_KINDS, BLOCK_KINDS, type Branch, type RetryPolicy, type Scope, type Step, type StepKind } from './types.js';

const ALL_KINDS: readonly StepKind[] = [...ACTION_KINDS, ...BLOCK_KINDS];
const KIND_SET: ReadonlySet<string> = new Set(ALL_KINDS);

/**
 * The step kinds whose key the mapping has: one pass over its keys (the yaml package indexes a
 * mapping's pairs by key value). A `<<` merge key takes the full lookup, which follows merges as
 * the data does; other keys that are not strings (`1:`, `~:`) never name a kind.
 */
function kindsOf(doc: Document, node: YAMLMap): StepKind[] {
  const found: StepKind[] = [];
  for (const key of node.values.keys()) {
    if (typeof key === 'symbol' || key === '<<') return ALL_KINDS.filter((k) => findPair(doc, node, k));
    if (typeof key === 'string' && KIND_SET.has(key)) found.push(key as StepKind);
  }
  return found;
}

export interface BuildContext {
  doc: Document;
  text: string;
  allSteps: Step[];
  /** Parses a template string (through the build's cache, or the caller's kept across analyses). */
  parseTemplate: (value: string) => Template;
}

export function resolveNode(doc: Document, node: unknown): Node | undefined {
  return (resolve(doc, node) ?? undefined) as Node | undefined;
}

/** The key and value of `key` in a mapping, following `<<` merge keys as the data does. */
export function pairValue(doc: Document, map: YAMLMap, key: string): { key: Node; value: Node | undefined } | undefined {
  const pair = findPair(doc, map, key);
  return pair ? { key: pair.key as Node, value: resolveNode(doc, pair.value) } : undefined;
}

export function buildScope(
  ctx: BuildContext,
  seqNode: unknown,
  data: unknown,
  parent: Scope | undefined,
  owner: Step | undefined,
  pathPrefix: string,
  extra: { branch?: string; itemName?: string } = {},
): Scope {
  const node = resolveNode(ctx.doc, seqNode);
  const scope: Scope = { steps: [], parent, owner, range: rangeOf(node) ?? { start: 0, end: 0 }, ...extra };
  if (!isSeq(node)) return scope;
  const items = Array.isArray(data) ? data : [];
  node.forEach((item, index) => {
    const stepNode = resolveNode(ctx.doc, item);
    if (!isMap(stepNode)) return;
    scope.steps.push(buildStep(ctx, stepNode, items[index], scope, pathPrefix, index));
  });
  return scope;
}

function buildStep(ctx: BuildContext, node: YAMLMap, data: unknown, scope: Scope, pathPrefix: string, position: number): Step {
  const raw = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  const range = rangeOf(node) ?? { start: 0, end: 0 };
  const idPair = pairValue(ctx.doc, node, 'id');
  const id = idPair && isScalar(idPair.value) && idPair.value.value != null ? String(idPair.value.value) : '';
  const idRange = (idPair && rangeOf(idPair.value)) ?? (idPair && rangeOf(idPair.key)) ?? { start: range.start, end: range.start };
  const kinds = kindsOf(ctx.doc, node);
  const kind = kinds.length === 1 ? kinds[0] : undefined;
  const kindRange = kind ? rangeOf(pairValue(ctx.doc, node, kind)!.key) : undefined;
  const step: Step = {
    id,
    index: ctx.allSteps.length,
    idRange,
    range,
    kind,
    kindRange,
    name: typeof raw.name === 'string' ? raw.name : undefined,
    description: typeof raw.description === 'string' ? raw.description : undefined,
    needs: readNeeds(ctx, node),
    timeoutMs: parseDuration(raw.timeout),
    retries: retryPolicy(raw.retries),
    continueOnError: typeof raw.continueOnError === 'boolean' ? raw.continueOnError : undefined,
    templates: [],
    raw,
    node,
    scope,
    path: pathPrefix + (id || `#${position + 1}`),
  };
  ctx.allSteps.push(step);
  const childKeys = (path: (string | number)[]): boolean =>
    path[0] === 'id' ||
    path[0] === 'needs' ||
    (kind === 'parallel' && path[0] === 'parallel' && (typeof path[1] === 'number' || path[1] === 'branches')) ||
    (kind === 'foreach' && path[0] === 'foreach' && path[1] === 'steps');
  collectTemplates(ctx.doc, ctx.text, node, [], childKeys, step.templates, ctx.parseTemplate);
  if (kind === 'parallel') step.branches = buildBranches(ctx, step, pairValue(ctx.doc, node, 'parallel')!.value, raw.parallel);
  if (kind === 'foreach') {
    const fe = pairValue(ctx.doc, node, 'foreach')!.value;
    const feData = (raw.foreach ?? {}) as Record<string, unknown>;
    const itemName = typeof feData.as === 'string' && feData.as ? feData.as : 'item';
    const stepsNode = isMap(fe) ? pairValue(ctx.doc, fe, 'steps')?.value : undefined;
    step.body = buildScope(ctx, stepsNode, feData.steps, scope, step, `${step.path}/`, { itemName });
  }
  if (kind === 'workflow') {
    const wf = pairValue(ctx.doc, node, 'workflow')!.value;
    const pathNode = isMap(wf) ? pairValue(ctx.doc, wf, 'path')?.value : isScalar(wf) ? wf : undefined;
    if (isScalar(pathNode) && typeof pathNode.value === 'string' && !pathNode.value.includes('${')) {
      step.workflowPath = { value: pathNode.value, range: rangeOf(pathNode)! };
    }
  }
  return step;
}

function buildBranches(ctx: BuildContext, step: Step, node: Node | undefined, data: unknown): Branch[] {
  const branches: Branch[] = [];
  if (isSeq(node)) {
    // Shorthand: each step is its own branch, named after the step.
    const items = Array.isArray(data) ? data : [];
    node.forEach((item, i) => {
      const single = new YAMLSeq(ctx.doc.schema, [item]);
      const scope = buildScope(ctx, single, [items[i]], step.scope, step, `${step.path}/`);
      scope.range = rangeOf(resolveNode(ctx.doc, item)) ?? scope.range;
      const first = scope.steps[0];
      scope.branch = first?.id || `#${i + 1}`;
      branches.push({ name: scope.branch, nameRange: first?.idRange ?? scope.range, scope });
    });
    return branches;
  }
  if (!isMap(node)) return branches;
  const branchesNode = pairValue(ctx.doc, node, 'branches')?.value;
  if (!isMap(branchesNode)) return branches;
  const branchData = ((data as Record<string, unknown> | undefined)?.branches ?? {}) as Record<string, unknown>;
  for (const { name, pair } of mapPairs(ctx.doc, branchesNode)) {
    const scope = buildScope(ctx, pair.value, branchData[name], step.scope, step, `${step.path}/${name}/`, { branch: name });
    branches.push({ name, nameRange: rangeOf(pair.key as Node)!, scope });
  }
  return branches;
}

function readNeeds(ctx: BuildContext, node: YAMLMap): Step['needs'] {
  const v = pairValue(ctx.doc, node, 'needs')?.value;
  const items = isSeq(v) ? Array.from(v, (i) => resolveNode(ctx.doc, i)) : v ? [v] : [];
  const out: Step['needs'] = [];
  for (const item of items) {
    // An empty id (`needs: [""]`, `- !!str`) is the schema's error ('' is not a valid step id), not a step to find.
    if (isScalar(item) && item.value != null && item.value !== '' && item.range) {
      out.push({ id: String(item.value), range: { start: item.range[0], end: item.range[1] } });
    }
  }
  return out;
}

export function retryPolicy(value: unknown): RetryPolicy | undefined {
  const base: RetryPolicy = { max: 0, delayMs: 1000, backoff: 'exponential', maxDelayMs: 30_000 };
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return { ...base, max: value };
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const v = value as Record<string, unknown>;
    return {
      max: typeof v.max === 'number' && v.max >= 0 ? Math.floor(v.max) : 0,
      delayMs: parseDuration(v.delay) ?? base.delayMs,
      backoff: v.backoff === 'fixed' ? 'fixed' : 'exponential',
      maxDelayMs: parseDuration(v.maxDelay) ?? base.maxDelayMs,
    };
  }
  return undefined;
}
