// The messages between the graph panel (graph-panel.ts, in the extension host) and its webview
// (webview/main.ts, in the page), typed once so both sides agree: the host posts the plan, statuses,
// the timeline and tab switches; the page asks to reveal a step and reports what it laid out and drew.
import type { PlanNode } from '../../../engine/src/plan/types.js';

export interface TimelineBar { path: string; start: number; end?: number; status: string; critical: boolean }
export interface Timeline { title: string; start: number; end: number; bars: TimelineBar[] }

export type ToWebview =
  /** The plan to draw (already cut by drawnPlan), or null with the reason there is nothing to draw. */
  | { type: 'plan'; plan: PlanNode[] | null; title: string; error?: string }
  | { type: 'status'; status: Record<string, string> }
  | { type: 'timeline'; timeline: Timeline | null }
  | { type: 'tab'; tab: 'graph' | 'time' };

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
  /** How long the last layout took in the page, in ms. */
  layoutMs?: number;
  /** Whether the page started from the layout an earlier page of this panel saved (it was hidden and shown). */
  restored: boolean;
}

export type FromWebview = { type: 'ready' } | { type: 'reveal'; path: string } | DrawnReport;
