// Facts about steps that several services share: which step holds an offset, what is visible from
// a scope, a one-line summary of what a step does, stage groups ("parallel with ..."), and which
// steps a reference would close a cycle with. (The fields of `${steps.X.<field>}` and `${run.<field>}`
// are the analyser's tables, through engine-api.ts.)
import { serialBlockAround } from '../../../engine/src/analysis/block-limits.js';
import { childScopes, descendants } from '../../../engine/src/analysis/scopes.js';
import type { Analysis } from '../../../engine/src/analysis/types.js';
import type { Scope, Step } from '../../../engine/src/model/types.js';
import { shorten } from './one-line.js';

/** The innermost step whose mapping contains `offset`. */
export function stepAt(analysis: Analysis, offset: number): Step | undefined {
  let best: Step | undefined;
  for (const s of analysis.model.allSteps) {
    if (s.range.start <= offset && offset <= s.range.end) {
      if (!best || s.range.end - s.range.start <= best.range.end - best.range.start) best = s;
    }
  }
  return best;
}

/** The innermost scope (steps list) whose range contains `offset`. */
export function scopeAt(analysis: Analysis, offset: number): Scope {
  const step = stepAt(analysis, offset);
  if (step) {
    // The cursor may be inside a block's children list but outside every child.
    for (const sc of childScopes(step)) {
      if (sc.range.start <= offset && offset <= sc.range.end) return sc;
    }
    return step.scope;
  }
  return analysis.model.root;
}

const visibleCache = new WeakMap<Scope, Step[]>();

/** Steps visible from a scope: its own, then those of enclosing scopes (nearest wins). Cached per scope object. */
export function visibleSteps(scope: Scope): Step[] {
  let v = visibleCache.get(scope);
  if (!v) visibleCache.set(scope, (v = computeVisible(scope)));
  return v;
}

function computeVisible(scope: Scope): Step[] {
  const seen = new Set<string>();
  const out: Step[] = [];
  for (let sc: Scope | undefined = scope; sc; sc = sc.parent) {
    for (const s of sc.steps) {
      if (!s.id || seen.has(s.id)) continue;
      seen.add(s.id);
      out.push(s);
    }
  }
  return out;
}

/** Resolves an id from a scope the way `${steps.X}` does. */
export function resolveId(scope: Scope, id: string): Step | undefined {
  for (let sc: Scope | undefined = scope; sc; sc = sc.parent) {
    const hit = sc.steps.find((s) => s.id === id);
    if (hit) return hit;
  }
  return undefined;
}

/** The foreach item names visible from a scope (innermost first). */
export function itemNames(scope: Scope): string[] {
  const out: string[] = [];
  for (let sc: Scope | undefined = scope; sc; sc = sc.parent) if (sc.itemName) out.push(sc.itemName);
  return out;
}

/**
 * Steps that `from` must not reference because they already wait for it (directly, through a block,
 * or by inheriting a block's dependencies), plus `from` itself and the blocks that contain it.
 */
export function wouldCycle(analysis: Analysis, from: Step): Set<Step> {
  const bad = new Set<Step>();
  const queue: Step[] = [];
  const add = (s: Step) => { if (!bad.has(s)) { bad.add(s); queue.push(s); } };
  add(from);
  for (let o = from.scope.owner; o; o = o.scope.owner) add(o);
  while (queue.length) {
    const y = queue.pop()!;
    for (const d of analysis.dependents.get(y) ?? []) {
      add(d);
      for (const c of descendants(d)) add(c);
    }
    if (y.scope.owner) add(y.scope.owner);
  }
  return bad;
}

/** A raw field on one line: a text as written, anything else as JSON, nothing as ''. */
function oneLine(v: unknown, max = 80): string {
  return shorten(typeof v === 'string' ? v : v === undefined ? '' : JSON.stringify(v), max);
}

const summaries = new WeakMap<Step, string>();

/** One line saying what a step does, from its raw data (cached per step object). */
export function summary(step: Step): string {
  let s = summaries.get(step);
  if (s === undefined) summaries.set(step, (s = computeSummary(step)));
  return s;
}

function computeSummary(step: Step): string {
  const raw = step.raw ?? {};
  const kind = step.kind;
  const a = kind ? (raw as Record<string, unknown>)[kind] : undefined;
  const o = (a && typeof a === 'object' ? a : {}) as Record<string, unknown>;
  switch (kind) {
    case 'shell':
      return `$ ${oneLine(typeof a === 'string' ? a : o.run)}`;
    case 'http':
      return `${String(o.method ?? 'GET').toUpperCase()} ${oneLine(o.url)}`;
    case 'file':
      return `${String(o.action ?? 'read')} ${oneLine(o.path)}`;
    case 'llm':
      return `prompt: ${oneLine(o.prompt, 60)}`;
    case 'stub':
      return a === true || o.output === undefined ? 'stub' : `stub → ${oneLine(o.output, 60)}`;
    case 'parallel': {
      const names = (step.branches ?? []).map((b) => b.name);
      return `${names.length} branch${names.length === 1 ? '' : 'es'}: ${oneLine(names.join(', '), 60)}`;
    }
    case 'foreach':
      return `for each ${step.body?.itemName ?? 'item'} in ${oneLine(o.items, 50)}`;
    case 'workflow':
      return `calls ${oneLine(step.workflowPath?.value ?? o.path)}`;
    default:
      return step.name ?? '';
  }
}

/** Per analysis: the steps of each (scope, stage), for "parallel with" hints. */
const groupCache = new WeakMap<Analysis, Map<Scope, Map<number, Step[]>>>();
export function stageGroups(analysis: Analysis): Map<Scope, Map<number, Step[]>> {
  let g = groupCache.get(analysis);
  if (g) return g;
  g = new Map();
  for (const s of analysis.model.allSteps) {
    const st = analysis.stages.get(s);
    if (st === undefined) continue;
    let byStage = g.get(s.scope);
    if (!byStage) g.set(s.scope, (byStage = new Map()));
    let list = byStage.get(st);
    if (!list) byStage.set(st, (list = []));
    list.push(s);
  }
  groupCache.set(analysis, g);
  return g;
}

/**
 * The steps that run at the same time as `step`: those of the same stage in its own steps list, and,
 * in a branch of a `parallel` block, those of the same stage in the block's other branches (a
 * shorthand `parallel:` list makes each step its own branch, so there they are all the peers).
 * Copies of `step` itself, from a steps list reused through a YAML alias, are left out.
 */
export function parallelWith(analysis: Analysis, step: Step): Step[] {
  const st = analysis.stages.get(step);
  if (st === undefined) return [];
  const blocked = cycleBlocked(analysis);
  if (blocked.has(step)) return [];
  const groups = stageGroups(analysis);
  const owner = step.scope.owner;
  const scopes = owner?.kind === 'parallel' && step.scope.branch !== undefined ? childScopes(owner) : [step.scope];
  const self = textKey(step);
  return scopes.flatMap((scope) => groups.get(scope)?.get(st) ?? []).filter((s) => textKey(s) !== self && !blocked.has(s));
}

/**
 * The limit that makes `step` and its parallelWith peers run one at a time, innermost first:
 * `maxConcurrency: 1 on blk` (a parallel or foreach block around them: its limit counts the leaf
 * steps inside it), `maxConcurrency: 1 in config` (the whole run); undefined when there is none.
 * A `--max-concurrency` or the editor's setting may override the file's at run time.
 */
export function serialLimit(analysis: Analysis, step: Step): string | undefined {
  const block = serialBlockAround(step);
  if (block) return `maxConcurrency: 1 on ${ownName(analysis, block)}`;
  return analysis.model.config.maxConcurrency === 1 ? 'maxConcurrency: 1 in config' : undefined;
}

/**
 * The step's stage peers as the hint and the hover name them: `parallel with a, b`, or under a limit
 * of 1 (serialLimit) `one at a time with a, b (maxConcurrency: 1 in config)`; undefined without
 * peers. `sep` goes between the words and the names (the hover's list writes `parallel with: a`).
 */
export function peersPhrase(analysis: Analysis, step: Step, max: number, sep = ' '): string | undefined {
  const peers = parallelWith(analysis, step);
  if (!peers.length) return undefined;
  const serial = serialLimit(analysis, step);
  const names = listNames(analysis, peers, max);
  return serial ? `one at a time with${sep}${names} (${serial})` : `parallel with${sep}${names}`;
}

/** `stage 2 of 3`, or what keeps the step from running when a dependency cycle does (cycleBlocked). */
export function stageLabel(analysis: Analysis, step: Step): string {
  const blocked = cycleBlocked(analysis).get(step);
  if (blocked) return blocked;
  const st = analysis.stages.get(step);
  const n = analysis.stageCount.get(step.scope);
  if (st === undefined) return '';
  return n ? `stage ${st} of ${n}` : `stage ${st}`;
}

/**
 * One key per step written in the text: the model builds one Step per use of a steps list that YAML
 * reuses (an anchor and its aliases), and all the copies share the id and its range.
 */
export function textKey(s: Step): string {
  return `${s.idRange.start}:${s.id}`;
}

/**
 * The steps' names (ownName), at most `max` of them then "+N more". A step of a steps list that YAML
 * reuses (an anchor and its aliases) has a copy per use, all with the one id text: it is named once.
 */
export function listNames(analysis: Analysis, steps: Step[], max = 3): string {
  const seen = new Set<string>();
  const names = steps.filter((s) => { const k = textKey(s); return !seen.has(k) && !!seen.add(k); }).map((s) => ownName(analysis, s));
  return names.length > max ? `${names.slice(0, max).join(', ')} +${names.length - max} more` : names.join(', ');
}

/** Per analysis: the steps of each id that more than one step of the file has. */
const sharedIds = new WeakMap<Analysis, Map<string, Step[]>>();

/**
 * How a step is named where its id alone may not say which step it is: its id when no other step of
 * the file has it (copies of one aliased text aside), else the shortest end of its path that is its
 * own (branches that each have a `process`: `west/process`).
 */
export function ownName(analysis: Analysis, step: Step): string {
  let shared = sharedIds.get(analysis);
  if (!shared) {
    const byId = new Map<string, Step[]>();
    for (const s of analysis.model.allSteps) {
      const list = byId.get(s.id);
      if (list) list.push(s);
      else byId.set(s.id, [s]);
    }
    shared = new Map([...byId].filter(([, list]) => list.length > 1));
    sharedIds.set(analysis, shared);
  }
  // The copies of one text (a steps list reused through a YAML alias) are one step to the reader.
  const self = textKey(step);
  const others = shared.get(step.id)?.filter((s) => textKey(s) !== self);
  if (!others?.length) return step.id;
  const segments = step.path.split('/');
  for (let n = 2; n < segments.length; n++) {
    const tail = segments.slice(-n).join('/');
    if (!others.some((s) => s.path === tail || s.path.endsWith(`/${tail}`))) return tail;
  }
  return step.path;
}

export type CycleStatus = 'in a dependency cycle' | 'waits for a dependency cycle';

const cycleCache = new WeakMap<Analysis, Map<Step, CycleStatus>>();

/**
 * The steps a dependency cycle keeps from ever running: those of a loop (the analyser's `cycle`
 * diagnostics mark every reference that closes one, and name its steps), and every step that waits
 * for one of them (directly, through a block, or as a block around one). A file with a cycle does
 * not run (`weft plan` plans nothing), and the stages the analysis still gives such steps (its depth
 * walk counts an edge back as depth 0) are no schedule: hints, hover and the code lens say so
 * instead of giving a stage and parallel peers. Empty, and cheap, without a cycle.
 */
export function cycleBlocked(a: Analysis): Map<Step, CycleStatus> {
  let out = cycleCache.get(a);
  if (out) return out;
  out = new Map();
  cycleCache.set(a, out);
  const cycles = a.diagnostics.filter((d) => d.code === 'cycle');
  if (!cycles.length) return out;
  const key = (r: { start: number; end: number }) => `${r.start}:${r.end}`;
  const marked = new Set(cycles.map((d) => key(d.range)));
  const members = new Set<Step>();
  for (const r of a.references) {
    if (!marked.has(key(r.range))) continue;
    if (r.from) members.add(r.from);
    if (r.target) members.add(r.target);
  }
  // The steps the diagnostics name (a block and a step inside it close a loop without a reference).
  const byId = new Map(a.model.allSteps.map((s) => [key(s.idRange), s] as const));
  for (const d of cycles) for (const rel of d.related ?? []) { const s = byId.get(key(rel.range)); if (s) members.add(s); }
  for (const m of members) out.set(m, 'in a dependency cycle');
  for (const m of members) for (const s of wouldCycle(a, m)) if (!out.has(s)) out.set(s, 'waits for a dependency cycle');
  return out;
}
