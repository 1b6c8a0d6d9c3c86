// The messages between the graph panel (graph-panel.ts, in the extension host) and its webview
// (webview/main.ts, in the page), typed once so both sides agree: the host posts the layout, statuses,
// the timeline and tab switches; the page asks to reveal a step.
import type { GraphLayout } from './layout.js';

export interface TimelineBar { path: string; start: number; end?: number; status: string; critical: boolean }
export interface Timeline { title: string; start: number; end: number; bars: TimelineBar[] }

export type ToWebview =
  /** The layout to draw, or null with the reason there is nothing to draw. */
  | { type: 'layout'; layout: GraphLayout | null; title: string; error?: string }
  | { type: 'status'; status: Record<string, string> }
  | { type: 'timeline'; timeline: Timeline | null }
  | { type: 'tab'; tab: 'graph' | 'time' };

export type FromWebview = { type: 'ready' } | { type: 'reveal'; path: string };
