// The graph's one skip, and its one order: dagre takes most of a second for a few hundred nested nodes
// (drawn-plan.ts), and most edits (a keystroke in a prompt or a command) leave the plan as it was, so
// the webview lays a plan out only when it differs from the last one it laid out. The last layout is
// also kept in the webview's state, so a page recreated after its tab was hidden does not lay the same
// plan out again. Layouts take time (in a worker, layout-runner.ts) and plans keep coming, so only the
// newest plan asked for gets an answer: an older one still laying out is cancelled, and if its layout
// comes back anyway it is dropped, never drawn over the newer plan nor kept as the last layout.
// Pure (no DOM): the unit tests run it in Node.
import type { PlanNode } from '../../../../engine/src/plan/types.js';
import type { GraphLayout } from '../layout.js';
import type { LayoutPlace, Layouter } from './layout-runner.js';

/** What the page keeps across being hidden and shown (vscode.setState / getState). */
export interface SavedLayout { key: string; layout: GraphLayout }

export const isSavedLayout = (s: unknown): s is SavedLayout =>
  typeof s === 'object' && s !== null && typeof (s as SavedLayout).key === 'string' && typeof (s as SavedLayout).layout === 'object' && (s as SavedLayout).layout !== null;

export class LayoutCache {
  /** Plans asked for and layouts made, since this cache was made. */
  plans = 0;
  layouts = 0;
  /** How long the last layout took, in ms, and where it ran. */
  lastMs: number | undefined;
  lastWhere: LayoutPlace | undefined;
  /** Whether it started from a layout saved by an earlier page of the same panel. */
  readonly restored: boolean;
  private last: SavedLayout | undefined;
  /** Counts requests: only the newest one's layout is answered and kept. */
  private request = 0;

  constructor(private readonly lay: Layouter, saved?: unknown) {
    if (isSavedLayout(saved)) this.last = saved;
    this.restored = this.last !== undefined;
  }

  /**
   * The plan's layout: the last one when the plan is the same as its plan (at once), else a new one
   * (`fresh`), with `starting` called first (the page shows that it is laying out). Undefined when a
   * newer plan (or `cancel`) came before this one's layout was made.
   */
  async layout(plan: PlanNode[], starting?: () => void): Promise<{ layout: GraphLayout; fresh: boolean } | undefined> {
    this.plans++;
    const request = ++this.request;
    const key = JSON.stringify(plan);
    if (this.last?.key === key) {
      this.lay.cancel();
      return { layout: this.last.layout, fresh: false };
    }
    starting?.();
    let made;
    try {
      made = await this.lay.run(plan);
    } catch (e) {
      if (request !== this.request) return undefined;
      throw e;
    }
    if (!made || request !== this.request) return undefined;
    this.layouts++;
    this.lastMs = made.ms;
    this.lastWhere = made.where;
    this.last = { key, layout: made.layout };
    return { layout: made.layout, fresh: true };
  }

  /** Drops the layout in flight (the page has no plan to draw now). */
  cancel(): void {
    this.request++;
    this.lay.cancel();
  }

  /** What to keep across the page being recreated. */
  saved(): SavedLayout | undefined {
    return this.last;
  }
}
