// The state of a run as the views see it, rebuilt from events alone (so the same code can render a
// live run, a --json stream or a record read back from disk). The tree starts as the plan; paths
// that appear only at run time (foreach iterations, a sub-workflow's steps past the plan's budget)
// are added under their parent as they show up.
import type { PlanNode } from '../../plan/types.js';
import type { RunEvent, RunFinishedEvent, StepStatus } from '../../run/events.js';
import { applyStepEvent, type StepProgress } from '../../run/step-progress.js';

export interface ViewNode extends StepProgress {
  path: string;
  label: string;
  kind: string;
  stage?: number;
  children: ViewNode[];
  /** Added at run time (an iteration, a step past the plan); a foreach's plan children are not, and are hidden once iterations exist. */
  dynamic?: boolean;
  /** A foreach whose iterations have started (its plan children are gone). */
  iterated?: boolean;
}

export interface Interval {
  path: string;
  start: number;
  end: number | undefined;
  status: StepStatus;
}

export class RunState {
  runId = '';
  workflow = '';
  file = '';
  startedAt = 0;
  finished: RunFinishedEvent | undefined;
  roots: ViewNode[] = [];
  readonly nodes = new Map<string, ViewNode>();
  /** Leaf steps' running intervals (first attempt start to finish), in start order. */
  readonly intervals: Interval[] = [];
  private open = new Map<string, Interval>();
  /**
   * Leaf steps holding a slot now: an open interval's step, unless it waits to retry (the engine
   * gives the slot back during the backoff delay), so `peak` never exceeds the limits it obeys.
   */
  private holding = new Set<string>();
  peak = 0;
  dryRun = false;

  /** Leaf steps holding a slot now (the live tree's "N running"). */
  get running(): number {
    return this.holding.size;
  }

  apply(ev: RunEvent): void {
    switch (ev.type) {
      case 'run.started':
        this.runId = ev.runId;
        this.workflow = ev.workflow;
        this.file = ev.file;
        this.startedAt = ev.ts;
        this.dryRun = !!ev.dryRun;
        this.roots = ev.plan.map((p) => this.fromPlan(p));
        break;
      case 'step.started': {
        const n = this.ensure(ev.path, ev.kind);
        // A block that retries runs its steps again from scratch: what its earlier attempt showed
        // inside it is reset (a foreach's iterations may differ now).
        if (isBlock(n.kind) && ev.attempt > 1) this.resetInside(n);
        applyStepEvent(n, ev);
        this.labelIteration(ev.path, ev.item);
        if (!isBlock(n.kind) && !this.open.has(ev.path)) {
          const iv: Interval = { path: ev.path, start: ev.ts, end: undefined, status: 'running' };
          this.open.set(ev.path, iv);
          this.intervals.push(iv);
        }
        if (!isBlock(n.kind)) {
          this.holding.add(ev.path);
          this.peak = Math.max(this.peak, this.holding.size);
        }
        break;
      }
      case 'step.retrying': {
        applyStepEvent(this.ensure(ev.path), ev);
        this.holding.delete(ev.path);
        break;
      }
      case 'step.finished': {
        applyStepEvent(this.ensure(ev.path, ev.kind), ev);
        this.labelIteration(ev.path, ev.item);
        const iv = this.open.get(ev.path);
        if (iv) {
          iv.end = ev.ts;
          iv.status = ev.status;
          this.open.delete(ev.path);
        }
        this.holding.delete(ev.path);
        break;
      }
      case 'run.finished':
        this.finished = ev;
        this.settle();
        break;
      default:
        break;
    }
  }

  /**
   * Before block `b` runs again (a retry): the steps inside it are as before its first attempt,
   * pending, and those that appeared at run time (foreach iterations, steps past the plan) are
   * removed until they start again; their bars go too, so that a path's bar is its last run (a leaf
   * starts again after it finished only inside a block that retries).
   */
  private resetInside(b: ViewNode): void {
    const inside = `${b.path}/`;
    let kept = 0;
    for (const iv of this.intervals) if (!iv.path.startsWith(inside)) this.intervals[kept++] = iv;
    this.intervals.length = kept;
    const visit = (n: ViewNode): void => {
      for (const c of n.children) {
        visit(c);
        this.open.delete(c.path);
        this.holding.delete(c.path);
        if (c.dynamic) this.nodes.delete(c.path);
        else {
          c.status = 'pending';
          c.attempt = 0;
          c.startedAt = c.finishedAt = c.durationMs = c.error = c.output = c.reused = undefined;
        }
      }
      n.children = n.children.filter((c) => !c.dynamic);
    };
    visit(b);
  }

  /**
   * At the end of the run, what never got an event of its own is settled, as the VS Code Runs view
   * does (run-model.ts): a step still running was cancelled, a plan leaf still pending never ran.
   * Since 6fa9456 the engine gives every step of the plan a step.finished before run.finished, the
   * steps of a workflow step or foreach body that never ran them included (skipped, a foreach body
   * once at the plan's paths), on a cancel too; a run killed outright has no run.finished, so this
   * never runs for it. What is left is a safety net for events that lack some: a record written by
   * an engine before that change (the Runs view reads such records back; `weft run` shows only its
   * own run's events).
   */
  private settle(): void {
    for (const n of this.nodes.values()) {
      if (n.status === 'running' || n.status === 'retrying') n.status = 'cancelled';
      else if (n.status === 'pending' && n.children.length === 0) n.status = 'skipped';
    }
  }

  private fromPlan(p: PlanNode): ViewNode {
    const n: ViewNode = {
      path: p.path,
      label: p.name !== p.id ? `${p.id} (${p.name})` : p.id,
      kind: p.kind,
      stage: p.stage,
      status: 'pending',
      attempt: 0,
      children: (p.children ?? []).map((c) => this.fromPlan(c)),
    };
    this.nodes.set(p.path, n);
    return n;
  }

  /** The node for a path, creating it (and missing parents) for paths the plan did not have. */
  ensure(path: string, kind?: string): ViewNode {
    let n = this.nodes.get(path);
    if (n) {
      if (kind && n.kind === 'group') n.kind = kind;
      return n;
    }
    const cut = path.lastIndexOf('/');
    const label = path.slice(cut + 1);
    n = { path, label: /^\d+$/.test(label) ? `[${label}]` : label, kind: kind ?? (/^\d+$/.test(label) ? 'iteration' : 'group'), status: 'pending', attempt: 0, children: [], dynamic: true };
    this.nodes.set(path, n);
    if (cut < 0) this.roots.push(n);
    else {
      const parent = this.ensure(path.slice(0, cut));
      // The first iteration replaces the plan's body steps (checked once: a foreach of 200,000 items
      // scanned its children for them on every iteration, 40% of the run's time at 40,000 items).
      if (n.kind === 'iteration' && !parent.iterated) {
        parent.children = parent.children.filter((c) => c.dynamic);
        parent.iterated = true;
      }
      parent.children.push(n);
    }
    return n;
  }

  /** Names a foreach iteration by its item (`[3] data/c.csv`), from the events of a step directly in it. */
  private labelIteration(path: string, item: string | undefined): void {
    if (item === undefined) return;
    const it = this.nodes.get(path.slice(0, path.lastIndexOf('/')));
    if (it?.kind === 'iteration' && /^\[\d+\]$/.test(it.label)) it.label += ` ${item}`;
  }

  /** Status of a node that has no events of its own (branches, iterations): from its children. */
  derived(n: ViewNode): StepStatus {
    if (n.status !== 'pending' || n.children.length === 0) return n.status;
    const s = n.children.map((c) => this.derived(c));
    if (s.some((x) => x === 'running' || x === 'retrying')) return 'running';
    if (s.every((x) => x === 'pending')) return 'pending';
    if (s.some((x) => x === 'failed')) return s.some((x) => x === 'pending') ? 'running' : 'failed';
    if (s.some((x) => x === 'cancelled')) return 'cancelled';
    if (s.some((x) => x === 'pending')) return 'running';
    if (s.every((x) => x === 'skipped')) return 'skipped';
    return 'succeeded';
  }
}

export function isBlock(kind: string): boolean {
  return kind === 'parallel' || kind === 'foreach' || kind === 'workflow' || kind === 'branch' || kind === 'iteration' || kind === 'group';
}
