// The state of one run as the Runs view shows it, built only from RunEvents (the interfaces spec's
// event stream), so a live run, a finished run read from `.weft/runs/<id>.jsonl` and a run started by
// `weft run` in a terminal all look the same. It keeps, as events arrive, the counts the periodic
// views read (leaf steps by status, per static path, and the steps running), so the status bar, the
// editor's decorations and the view's tick do not walk a tree of tens of thousands of nodes several
// times a second. A finished run can drop its tree and keep its run row (`dropTree`, run-store.ts
// rebuilds it from the record when asked). No `vscode` import: unit-tested with recorded events.
import type { RunEvent, RunStatus, StepStatus } from '../../../engine/src/run/events.js';
import type { PlanNode } from '../../../engine/src/plan/types.js';
import { applyStepEvent, type StepProgress } from '../../../engine/src/run/step-progress.js';

export type ModelNode = RunNode | StageNode | StepNode | BranchNode | IterationNode;

interface NodeBase {
  /** Unique within the run; stable across updates (the tree view's id). */
  key: string;
  parent: ModelNode | undefined;
  children: ModelNode[];
}
export interface RunNode extends NodeBase {
  type: 'run';
  runId: string;
  workflow: string;
  file: string;
  inputs: Record<string, unknown>;
  status: RunStatus;
  startedAt: number;
  finishedAt?: number;
  durationMs?: number;
  counts: Partial<Record<string, number>>;
  outputs?: Record<string, unknown>;
  /** run.finished's error (for a run whose writer is gone: the engine's WRITER_GONE note). */
  error?: string;
  /** run.started's writer (host, pid): whether a record without run.finished is still being written. */
  writer?: { host?: string; pid?: number };
  plan: PlanNode[];
}
export interface StageNode extends NodeBase {
  type: 'stage';
  stage: number;
  stageCount: number;
}
export interface StepNode extends NodeBase, StepProgress {
  type: 'step';
  path: string;
  id: string;
  name: string;
  kind: string;
  /** The static path (foreach indexes removed), to find the step in the YAML. */
  staticPath: string;
  stage: number;
  needs: string[];
  /** The last few KB of the step's log while it runs. */
  logTail: string;
  /** Body template of a foreach (cloned per iteration). */
  template?: PlanNode[];
  /** Whether a foreach's body was laid out once under it, for a foreach that never iterated. */
  unrunBody?: boolean;
  /** A foreach's iterations by index (found without scanning: a foreach may have many thousands). */
  iterations?: Map<number, IterationNode>;
  /** Whether status came from the step's own events (blocks otherwise aggregate their children). */
  ownStatus: boolean;
}
export interface BranchNode extends NodeBase {
  type: 'branch';
  name: string;
  path: string;
}
export interface IterationNode extends NodeBase {
  type: 'iteration';
  index: number;
  path: string;
  /** The iteration's item, one line (the engine's `item` field on its steps' events). */
  item?: string;
}

const LOG_TAIL = 4096;
const BLOCK_KINDS: ReadonlySet<string> = new Set(['parallel', 'foreach', 'workflow']);
export const TERMINAL: ReadonlySet<StepStatus> = new Set(['succeeded', 'failed', 'skipped', 'cancelled']);

/** Leaf steps by status: how many there are in all, and of each status. */
export interface StatusCounts { total: number; by: Partial<Record<StepStatus, number>> }

/** Whether a step counts as a leaf ("3/7 running" counts these): no children and not a block. */
export function isLeaf(s: StepNode): boolean {
  return s.children.length === 0 && !BLOCK_KINDS.has(s.kind);
}

/** Applies events to a run's tree and reports which nodes changed (for throttled per-node refresh). */
export class RunModel {
  readonly root: RunNode;
  private steps = new Map<string, StepNode>();
  private readonly changed = new Set<ModelNode>();
  /** Leaf steps by static path, by status (kept as statuses change: see count). */
  private leaves = new Map<string, StatusCounts>();
  /** Step nodes by static path (a foreach body step has one per iteration). */
  private statics = new Map<string, Set<StepNode>>();
  /** Steps whose own status is running or retrying (blocks too). */
  private active = new Set<StepNode>();
  /** Whether the tree was dropped (a finished run's summary: its run row only). */
  summarized = false;
  /** How many times the tree was dropped: the run row's id in the view changes, so it comes back collapsed. */
  generation = 0;

  constructor(runId: string) {
    this.root = {
      type: 'run', key: runId, parent: undefined, children: [], runId, workflow: '', file: '', inputs: {},
      status: 'running', startedAt: 0, counts: {}, plan: [],
    };
  }

  /** Nodes changed since the last call (each changed step marks its ancestors too). */
  takeChanged(): ModelNode[] {
    const out = [...this.changed];
    this.changed.clear();
    return out;
  }

  step(path: string): StepNode | undefined {
    return this.steps.get(path);
  }

  /** How many step nodes the tree holds (what keeping it costs: kept-trees.ts). */
  get stepCount(): number {
    return this.steps.size;
  }

  /** Every step node (leaves and blocks), in tree order. */
  allSteps(): StepNode[] {
    const out: StepNode[] = [];
    const walk = (n: ModelNode) => { if (n.type === 'step') out.push(n); n.children.forEach(walk); };
    walk(this.root);
    return out;
  }

  /** Leaf steps (no children and not blocks). Walks the tree: the counts below do not. */
  leafSteps(): StepNode[] {
    return this.allSteps().filter(isLeaf);
  }

  /** Leaf steps by status, for "3/7 running" (kept as events arrive; no walk). */
  leafCounts(): StatusCounts {
    const out: StatusCounts = { total: 0, by: {} };
    for (const c of this.leaves.values()) {
      out.total += c.total;
      for (const [k, v] of Object.entries(c.by) as [StepStatus, number][]) out.by[k] = (out.by[k] ?? 0) + v;
    }
    return out;
  }

  /** The leaf steps of one static path by status (a foreach body step: its iterations'). */
  leafCountsOf(staticPath: string): StatusCounts | undefined {
    return this.leaves.get(staticPath);
  }

  /** The step nodes of one static path (one per iteration in a foreach body). */
  stepsOf(staticPath: string): ReadonlySet<StepNode> | undefined {
    return this.statics.get(staticPath);
  }

  /** Steps whose own status is running or retrying (their durations move). */
  activeSteps(): ReadonlySet<StepNode> {
    return this.active;
  }

  /**
   * Drops the tree (steps, plan, counts) and keeps the run row: status, counts, times, file, inputs,
   * outputs, error. For a finished run whose record can give the tree back (adoptTree).
   */
  dropTree(): void {
    const r = this.root;
    r.children = []; r.plan = [];
    this.steps = new Map(); this.leaves = new Map(); this.statics = new Map(); this.active = new Set();
    this.changed.clear();
    this.summarized = true;
    this.generation++;
    this.mark(r);
  }

  /** Takes the tree of `full`, built from the same run's events, keeping this run row object. */
  adoptTree(full: RunModel): void {
    const r = this.root;
    const { children: _c, parent: _p, key: _k, ...fields } = full.root;
    Object.assign(r, fields);
    r.children = full.root.children;
    r.children.forEach((c) => (c.parent = r));
    this.steps = full.steps; this.leaves = full.leaves; this.statics = full.statics; this.active = full.active;
    this.summarized = false;
    this.mark(r);
  }

  /** A run row from its record's first and last events, without its tree (a finished run in history). */
  static summary(started: Extract<RunEvent, { type: 'run.started' }>, finished: Extract<RunEvent, { type: 'run.finished' }>): RunModel {
    const m = new RunModel(started.runId);
    Object.assign(m.root, { workflow: started.workflow, file: started.file, inputs: started.inputs ?? {}, startedAt: started.ts });
    if (started.pid !== undefined) m.root.writer = { host: started.host, pid: started.pid };
    m.finish(finished);
    m.summarized = true;
    m.changed.clear();
    return m;
  }

  apply(e: RunEvent): void {
    const r = this.root;
    switch (e.type) {
      case 'run.started':
        if (r.plan.length > 0 || r.children.length > 0) return; // applied twice (editor + file watcher)
        Object.assign(r, { workflow: e.workflow, file: e.file, inputs: e.inputs ?? {}, startedAt: e.ts, plan: e.plan ?? [] });
        if (e.pid !== undefined) r.writer = { host: e.host, pid: e.pid };
        r.children = this.buildScope(e.plan ?? [], r, '', '');
        this.mark(r);
        return;
      case 'step.started':
      case 'step.retrying':
      case 'step.finished': {
        const s = this.resolve(e.path);
        // A block that retries runs everything in it again from scratch (docs/engine.md).
        if (e.type === 'step.started' && e.attempt > 1 && BLOCK_KINDS.has(s.kind)) this.resetInside(s);
        this.count(s, -1);
        applyStepEvent(s, e);
        this.count(s, +1);
        s.ownStatus = true;
        if (e.type !== 'step.retrying' && e.item !== undefined) this.nameIteration(s, e.item);
        this.markUp(s);
        return;
      }
      case 'step.log': {
        const s = this.resolve(e.path);
        s.logTail = (s.logTail + e.text).slice(-LOG_TAIL);
        this.changed.add(s); // tooltip only; the view throttles it
        return;
      }
      case 'run.finished':
        this.finish(e);
        // Anything still open when the run ends did not get its own event: settle it.
        for (const s of this.allSteps()) {
          if (s.status === 'running' || s.status === 'retrying') this.settle(s, 'cancelled');
          else if (s.status === 'pending' && s.children.length === 0) this.settle(s, 'skipped');
        }
        this.mark(r);
        return;
    }
  }

  private finish(e: Extract<RunEvent, { type: 'run.finished' }>): void {
    Object.assign(this.root, { status: e.status, finishedAt: e.ts, durationMs: e.durationMs, counts: e.counts ?? {}, outputs: e.outputs });
    if (e.error !== undefined) this.root.error = e.error;
  }

  private settle(s: StepNode, status: StepStatus): void {
    this.count(s, -1);
    s.status = status;
    this.count(s, +1);
    this.markUp(s);
  }

  /** Adds (+1) or takes away (-1) a step's part in the counts: call around any change of its status or leafness. */
  private count(s: StepNode, d: 1 | -1): void {
    if (s.status === 'running' || s.status === 'retrying') { if (d > 0) this.active.add(s); else this.active.delete(s); }
    if (!isLeaf(s)) return;
    let c = this.leaves.get(s.staticPath);
    if (!c) this.leaves.set(s.staticPath, (c = { total: 0, by: {} }));
    c.total += d;
    c.by[s.status] = (c.by[s.status] ?? 0) + d;
  }

  /** A new step node: indexed by path and static path, and counted. */
  private register(s: StepNode): void {
    this.steps.set(s.path, s);
    let same = this.statics.get(s.staticPath);
    if (!same) this.statics.set(s.staticPath, (same = new Set()));
    same.add(s);
    this.count(s, +1);
  }

  /** A step node leaving the tree (an earlier attempt's, inside a block that retries). */
  private unregister(s: StepNode): void {
    this.count(s, -1);
    this.steps.delete(s.path);
    this.statics.get(s.staticPath)?.delete(s);
  }

  /** Status of a node: a step's own status, or the aggregate of its children (blocks, stages, branches). */
  statusOf(n: ModelNode): StepStatus | RunStatus {
    if (n.type === 'run') return n.status;
    if (n.type === 'step' && (n.ownStatus || n.children.length === 0)) return n.status;
    return aggregate(n.children.map((c) => this.statusOf(c)));
  }

  private buildScope(plan: PlanNode[], parent: ModelNode, keyPrefix: string, pathRewrite: string): ModelNode[] {
    const nodes = plan.map((p) => this.buildNode(p, keyPrefix, pathRewrite));
    const stageCount = Math.max(0, ...nodes.map((n) => (n.type === 'step' ? n.stage : 0)));
    if (stageCount <= 1) { nodes.forEach((n) => (n.parent = parent)); return nodes; }
    const stages: StageNode[] = [];
    for (let i = 1; i <= stageCount; i++) {
      const members = nodes.filter((n) => (n.type === 'step' ? n.stage : 1) === i);
      if (members.length === 0) continue;
      const stage: StageNode = { type: 'stage', key: `${keyPrefix}#stage${i}@${parent.key}`, parent, children: members, stage: i, stageCount };
      members.forEach((m) => (m.parent = stage));
      stages.push(stage);
    }
    return stages;
  }

  private buildNode(p: PlanNode, keyPrefix: string, pathRewrite: string): ModelNode {
    const path = rewrite(p.path, pathRewrite);
    if (p.kind === 'branch') {
      const b: BranchNode = { type: 'branch', key: `branch:${path}`, parent: undefined, children: [], name: p.name || p.id, path };
      b.children = this.buildScope(p.children ?? [], b, keyPrefix, pathRewrite);
      return b;
    }
    const s: StepNode = {
      type: 'step', key: `step:${path}`, parent: undefined, children: [], path, id: p.id, name: p.name || p.id, kind: p.kind,
      staticPath: p.path.replace(/\/\d+(?=\/|$)/g, ''), stage: p.stage || 1, needs: (p.needs ?? []).map((n) => rewrite(n, pathRewrite)),
      status: 'pending', attempt: 0, logTail: '', ownStatus: false,
    };
    if (p.kind === 'foreach') s.template = p.children ?? [];
    else if (p.children?.length) s.children = this.buildScope(p.children, s, keyPrefix, pathRewrite);
    this.register(s);
    return s;
  }

  /** Finds the node for an event's path, creating foreach iterations and unplanned nodes on demand. */
  private resolve(path: string): StepNode {
    for (let guard = 0; guard < 64; guard++) {
      const hit = this.steps.get(path);
      if (hit) return hit;
      const segs = path.split('/');
      let k = segs.length - 1;
      while (k > 0 && !this.steps.has(segs.slice(0, k).join('/'))) k--;
      const owner = k > 0 ? this.steps.get(segs.slice(0, k).join('/')) : undefined;
      if (owner?.kind === 'foreach' && /^\d+$/.test(segs[k]) && !owner.iterations?.has(Number(segs[k]))) {
        this.addIteration(owner, Number(segs[k]));
        continue;
      }
      if (owner?.kind === 'foreach' && !/^\d+$/.test(segs[k]) && !owner.unrunBody && owner.template?.length) {
        this.addUnrunBody(owner);
        continue;
      }
      // Not in the plan (a sub-workflow's steps, or a plan without children): a node under the nearest owner.
      let parent: ModelNode = owner ?? this.root;
      if (owner?.kind === 'foreach' && /^\d+$/.test(segs[k])) parent = owner.iterations!.get(Number(segs[k]))!;
      const rest = segs.slice(k).filter((s) => !/^\d+$/.test(s) || parent.type !== 'iteration');
      const s: StepNode = {
        type: 'step', key: `step:${path}`, parent, children: [], path, id: segs[segs.length - 1], name: rest.join('/') || path, kind: 'unknown',
        staticPath: path.replace(/\/\d+(?=\/|$)/g, ''), stage: 1, needs: [], status: 'pending', attempt: 0, logTail: '', ownStatus: false,
      };
      // A step (not a block) with steps under it is no leaf any more.
      if (parent.type === 'step') this.count(parent, -1);
      parent.children.push(s);
      if (parent.type === 'step') this.count(parent, +1);
      this.register(s);
      this.mark(parent);
      return s;
    }
    throw new Error(`cannot place step ${path}`);
  }

  /**
   * A block's next attempt: what its earlier attempt showed inside it goes. A foreach's iterations
   * (and a body laid out for no iteration) and steps met only in events (a called file's) are
   * removed, to come again with the new attempt's events; planned steps are pending again.
   */
  private resetInside(block: StepNode): void {
    const forget = (n: ModelNode) => {
      if (n.type === 'step') this.unregister(n);
      n.children.forEach(forget);
    };
    if (block.kind === 'foreach') {
      block.children.forEach(forget);
      block.children = [];
      block.iterations = undefined;
      block.unrunBody = false;
    }
    const reset = (n: ModelNode): void => {
      if (n.type === 'step' && n !== block) this.count(n, -1);
      n.children = n.children.filter((c) => c.type !== 'step' || c.kind !== 'unknown' || (forget(c), false));
      if (n.type === 'step' && n !== block) this.count(n, +1);
      for (const c of n.children) {
        if (c.type === 'step') {
          this.count(c, -1);
          Object.assign(c, { status: 'pending', attempt: 0, logTail: '', ownStatus: false });
          c.startedAt = c.finishedAt = c.durationMs = c.error = c.output = c.reused = undefined;
          this.count(c, +1);
          if (c.kind === 'foreach') this.resetInside(c);
        }
        reset(c);
      }
    };
    reset(block);
    block.logTail = '';
    this.markUp(block);
    this.mark(block);
  }

  /** Gives the iteration a step is directly in its item (the step's parent, or a stage under it); the caller's markUp refreshes it. */
  private nameIteration(s: StepNode, item: string): void {
    let n: ModelNode | undefined = s.parent;
    if (n?.type === 'stage') n = n.parent;
    if (n?.type === 'iteration' && n.item === undefined) n.item = item;
  }

  private addIteration(owner: StepNode, index: number): void {
    const path = `${owner.path}/${index}`;
    const it: IterationNode = { type: 'iteration', key: `iter:${path}`, parent: owner, children: [], index, path };
    it.children = this.buildScope(owner.template ?? [], it, path, `${owner.staticPath}=>${path}`);
    (owner.iterations ??= new Map()).set(index, it);
    // Iterations mostly start in order: appended at once, searched for only when one comes early.
    const last = owner.children[owner.children.length - 1];
    const at = last?.type === 'iteration' && last.index < index ? -1 : owner.children.findIndex((c) => c.type === 'iteration' && c.index > index);
    if (at < 0) owner.children.push(it); else owner.children.splice(at, 0, it);
    this.mark(owner);
  }

  /**
   * A foreach that never iterated (skipped, stopped, failed before its items, or over `[]`): the
   * engine settles its body once, at the plan's paths without an index (`each/s`). The body is shown
   * once under the foreach, as the plan has it, for those events to land on.
   */
  private addUnrunBody(owner: StepNode): void {
    owner.unrunBody = true;
    owner.children.push(...this.buildScope(owner.template ?? [], owner, `${owner.path}!`, `${owner.staticPath}=>${owner.path}`));
    this.mark(owner);
  }

  private mark(n: ModelNode): void {
    this.changed.add(n);
  }

  private markUp(n: ModelNode | undefined): void {
    for (; n; n = n.parent) this.changed.add(n);
  }
}

/** Rewrites a static body path (`per_file/size`) to an iteration's path (`per_file/3/size`). */
function rewrite(path: string, rule: string): string {
  if (!rule) return path;
  const [from, to] = rule.split('=>');
  if (path === from) return to;
  return path.startsWith(from + '/') ? to + path.slice(from.length) : path;
}

export function aggregate(statuses: (StepStatus | RunStatus)[]): StepStatus {
  if (statuses.length === 0) return 'pending';
  if (statuses.some((s) => s === 'running' || s === 'retrying')) return 'running';
  if (statuses.every((s) => s === 'pending')) return 'pending';
  if (statuses.some((s) => s === 'pending')) return 'running';
  if (statuses.some((s) => s === 'failed')) return 'failed';
  if (statuses.some((s) => s === 'cancelled')) return 'cancelled';
  if (statuses.every((s) => s === 'skipped')) return 'skipped';
  return 'succeeded';
}

/** Parses a `.jsonl` run record (tolerates a half-written last line). */
export function parseRecord(text: string): RunEvent[] {
  const out: RunEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try { out.push(JSON.parse(line) as RunEvent); } catch { /* partial line being written */ }
  }
  return out;
}
