// The graph's one skip: dagre takes most of a second for a few hundred nested nodes (drawn-plan.ts),
// and most edits (a keystroke in a prompt or a command) leave the plan as it was, so the webview lays
// a plan out only when it differs from the last one it laid out. The last layout is also kept in the
// webview's state, so a page recreated after its tab was hidden does not lay the same plan out again.
// Pure (no DOM): the unit tests run it in Node.
import type { PlanNode } from '../../../../engine/src/plan/types.js';
import type { GraphLayout } from '../layout.js';

/** What the page keeps across being hidden and shown (vscode.setState / getState). */
export interface SavedLayout { key: string; layout: GraphLayout }

const isSaved = (s: unknown): s is SavedLayout =>
  typeof s === 'object' && s !== null && typeof (s as SavedLayout).key === 'string' && typeof (s as SavedLayout).layout === 'object' && (s as SavedLayout).layout !== null;

export class LayoutCache {
  /** Plans asked for and layouts made, since this cache was made. */
  plans = 0;
  layouts = 0;
  /** How long the last layout took, in ms. */
  lastMs: number | undefined;
  /** Whether it started from a layout saved by an earlier page of the same panel. */
  readonly restored: boolean;
  private last: SavedLayout | undefined;

  constructor(private readonly lay: (plan: PlanNode[]) => GraphLayout, saved?: unknown) {
    if (isSaved(saved)) this.last = saved;
    this.restored = this.last !== undefined;
  }

  /** The plan's layout: the last one when the plan is the same as its plan, else a new one (`fresh`). */
  layout(plan: PlanNode[]): { layout: GraphLayout; fresh: boolean } {
    this.plans++;
    const key = JSON.stringify(plan);
    if (this.last?.key === key) return { layout: this.last.layout, fresh: false };
    const t = performance.now();
    const layout = this.lay(plan);
    this.lastMs = Math.round(performance.now() - t);
    this.layouts++;
    this.last = { key, layout };
    return { layout, fresh: true };
  }

  /** What to keep across the page being recreated. */
  saved(): SavedLayout | undefined {
    return this.last;
  }
}
