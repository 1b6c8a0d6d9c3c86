// The messages between the graph panel (graph-panel.ts, in the extension host) and its webview
// (webview/main.ts, in the page), typed once so both sides agree: the host posts the plan, statuses,
// the timeline and tab switches; the page asks to reveal a step, reports what it laid out and drew, and
// answers a probe with what it shows at that moment (a layout in progress, the tab).
import type { PlanNode } from '../../../engine/src/plan/types.js';
import type { LayoutPlace } from './webview/layout-runner.js';

/** The page's two tabs: the dependency graph and the last run's timeline. */
export type Tab = 'graph' | 'time';

export interface TimelineBar { path: string; start: number; end?: number; status: string; critical: boolean }
export interface Timeline { title: string; start: number; end: number; bars: TimelineBar[] }

export type ToWebview =
  /** The plan to draw (already cut by drawnPlan), or null with the reason there is nothing to draw. */
  | { type: 'plan'; plan: PlanNode[] | null; title: string; error?: string }
  | { type: 'status'; status: Record<string, string> }
  | { type: 'timeline'; timeline: Timeline | null }
  | { type: 'tab'; tab: Tab }
  /** Asks the page for a PageShows answer with the same id. */
  | { type: 'probe'; id: number };

/** What the page drew after a `plan` message, read back from its SVG, with its layout counters. */
export interface DrawnReport {
  type: 'drawn';
  /** The paths of the step boxes in the SVG. */
  nodes: string[];
  clusters: number;
  edges: number;
  /** Plans received and dagre layouts made since the page loaded (a plan like the last one is not laid out again). */
  plans: number;
  layouts: number;
  /** How long the last layout took, in ms, and where it ran: in the page's layout worker, or on its main thread (no worker could start). */
  layoutMs?: number;
  layoutIn?: LayoutPlace;
  /** Why the page lays out on its main thread, when it does. */
  noWorker?: string;
  /** Layouts dropped unfinished because a newer plan came first. */
  cancelled: number;
  /** Whether the page started from the layout an earlier page of this panel saved (it was hidden and shown). */
  restored: boolean;
}

/** The page's answer to a probe: what it shows when the probe reached it. */
export interface PageShows {
  type: 'shows';
  id: number;
  /** The tab the page shows. */
  tab: Tab;
  /** The steps of the plan being laid out, while a layout is in progress (the page shows "Laying out N steps…"). */
  layingOut: number | null;
  /** Whether a layout is still being made (in the worker or, as the fallback, on the page's main thread). */
  inFlight: boolean;
  /** The text of the page's layout notice as the user sees it on the tab shown (empty when none is rendered). */
  notice: string;
  /** The step boxes in the graph's SVG now. */
  nodes: number;
}

export type FromWebview = { type: 'ready' } | { type: 'reveal'; path: string } | DrawnReport | PageShows;
