// Runs the graph's dagre layouts off the page's main thread: in a Web Worker (layout-worker.ts), one
// layout at a time, so a workflow of thousands of steps (seconds of dagre) leaves the page free to
// scroll, switch tabs and answer the extension meanwhile. A new layout cancels the one in flight
// (its worker is terminated, its promise resolves undefined): the page only wants the newest plan.
// When no worker can be started (no Worker, a CSP that forbids it, a script that fails to load), it
// lays out on the main thread instead, as the page did before (with the worker's own script, run on
// the page: worker-source.ts). Pure (no DOM): the unit tests give it fake workers.
import type { PlanNode } from '../../../../engine/src/plan/types.js';
import type { GraphLayout } from '../layout.js';

/** Where a layout ran: in the worker, or on the page's main thread (the fallback). */
export type LayoutPlace = 'worker' | 'page';
export interface LaidOut { layout: GraphLayout; ms: number; where: LayoutPlace }

/** The name under which layout-worker.ts, run as a script of the page (no worker), leaves layoutPlan on the page's global object. */
export const PAGE_LAYOUT = 'weftLayoutPlan';

/** What the page posts the worker, and what the worker answers (layout-worker.ts). */
export interface WorkerJob { id: number; plan: PlanNode[] }
export type WorkerAnswer = { id: number; layout: GraphLayout; ms: number; where: LayoutPlace } | { id: number; error: string };

/** The part of a DOM Worker this uses. */
export interface WorkerLike {
  postMessage(job: WorkerJob): void;
  terminate(): void;
  onmessage: ((ev: { data: WorkerAnswer }) => void) | null;
  onerror: ((ev: { message?: string }) => void) | null;
}

/** Lays plans out; `cancel` drops the layout in flight. What LayoutCache (layout-cache.ts) calls. */
export interface Layouter {
  run(plan: PlanNode[]): Promise<LaidOut | undefined>;
  cancel(): void;
}

interface Job { id: number; plan: PlanNode[]; resolve: (r: LaidOut | undefined) => void; reject: (e: Error) => void }

export class LayoutRunner implements Layouter {
  /** Why layouts run on the main thread (no worker could be started), or undefined while the worker is used. */
  noWorker: string | undefined;
  /** Layouts dropped because a newer one was asked for before they finished. */
  cancelled = 0;
  private worker: WorkerLike | undefined;
  private job: Job | undefined;
  private ids = 0;

  /**
   * `makeWorker` starts a worker (it may throw); `layOutHere` is the main-thread fallback, run after
   * `defer` (a macrotask in the page, so the "laying out" notice is painted first).
   */
  constructor(
    private readonly makeWorker: (() => WorkerLike) | undefined,
    private readonly layOutHere: (plan: PlanNode[]) => GraphLayout,
    private readonly defer: (f: () => void) => void = (f) => setTimeout(f, 0),
  ) {
    if (!makeWorker) this.noWorker = 'no Worker in this page';
  }

  /** Whether a layout is in flight. */
  get busy(): boolean {
    return this.job !== undefined;
  }

  run(plan: PlanNode[]): Promise<LaidOut | undefined> {
    this.cancel();
    return new Promise<LaidOut | undefined>((resolve, reject) => {
      const job: Job = { id: ++this.ids, plan, resolve, reject };
      this.job = job;
      const worker = this.startWorker();
      if (worker) worker.postMessage({ id: job.id, plan });
      else this.here(job);
    });
  }

  cancel(): void {
    const job = this.job;
    if (!job) return;
    this.job = undefined;
    this.cancelled++;
    // The worker is busy with the dropped layout (dagre cannot be interrupted): end it, the next layout starts another.
    this.worker?.terminate();
    this.worker = undefined;
    job.resolve(undefined);
  }

  private startWorker(): WorkerLike | undefined {
    if (this.worker || this.noWorker || !this.makeWorker) return this.worker;
    try {
      const w = this.makeWorker();
      w.onmessage = (ev) => this.answer(w, ev.data);
      // A worker whose script does not load or run reports it here (layouts' own errors come as answers).
      w.onerror = (ev) => this.broken(w, `the layout worker failed (${ev.message ?? 'no message'})`);
      this.worker = w;
      return w;
    } catch (e) {
      this.noWorker = `the layout worker could not start (${e instanceof Error ? e.message : String(e)})`;
      return undefined;
    }
  }

  private answer(w: WorkerLike, a: WorkerAnswer): void {
    const job = this.job;
    // An answer from a terminated worker, or for a dropped job, is stale.
    if (w !== this.worker || !job || a.id !== job.id) return;
    this.job = undefined;
    if ('error' in a) job.reject(new Error(a.error));
    else job.resolve({ layout: a.layout, ms: a.ms, where: a.where });
  }

  private broken(w: WorkerLike, why: string): void {
    if (w !== this.worker) return;
    w.terminate();
    this.worker = undefined;
    this.noWorker = why;
    // The job it had is laid out here instead.
    if (this.job) this.here(this.job);
  }

  private here(job: Job): void {
    this.defer(() => {
      if (this.job !== job) return;
      const t = performance.now();
      try {
        const layout = this.layOutHere(job.plan);
        this.job = undefined;
        job.resolve({ layout, ms: Math.round(performance.now() - t), where: 'page' });
      } catch (e) {
        this.job = undefined;
        job.reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  }
}
