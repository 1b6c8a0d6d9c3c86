// What the graph page keeps in its webview state (acquireVsCodeApi().getState/setState), which VS Code
// hands to the page it makes when the panel's tab is shown again (the panel keeps no page while hidden,
// retainContextWhenHidden: false): the last layout (layout-cache.ts) and the tab the user was on, so
// a re-shown panel opens where it was left, not on the Graph tab. Pure: the unit tests run it in Node.
import type { Tab } from '../messages.js';
import { isSavedLayout, type SavedLayout } from './layout-cache.js';

export interface PageState { layout?: SavedLayout; tab: Tab }

/** The state an earlier page of this panel saved, or the start (Graph tab, no layout) when there is none or it is not one. */
export function readPageState(raw: unknown): PageState {
  const s = typeof raw === 'object' && raw !== null ? raw as Record<string, unknown> : {};
  return { layout: isSavedLayout(s.layout) ? s.layout : undefined, tab: s.tab === 'time' ? 'time' : 'graph' };
}
