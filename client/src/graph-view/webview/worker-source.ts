// Starts the graph page's layout worker. A webview cannot start a worker from its own resource URIs
// (they are another origin than the page's, and the webview's service worker does not serve a
// worker's requests), so esbuild.mjs inlines layout-worker.ts, bundled, into the page's script as a
// string (the `worker-source:` import), and the page starts it from a blob: URL, which the page's
// CSP allows as `worker-src blob:` (webview-html.ts). That string is the page's only copy of dagre:
// the main-thread fallback runs the very same source as an inline script carrying the page's nonce
// (which `script-src 'nonce-…'` already admits, so the CSP is unchanged: no 'unsafe-eval', no blob:
// or 'unsafe-inline' scripts), instead of bundling dagre a second time into the page's own script.
import source from 'worker-source:./layout-worker.js';
import type { GraphLayout } from '../layout.js';
import type { PlanNode } from '../../../../engine/src/plan/types.js';
import { PAGE_LAYOUT, type WorkerLike } from './layout-runner.js';

let url: string | undefined;
// Read while the page's script runs (document.currentScript is null later); the `nonce` property
// keeps the value even where the browser hides the attribute.
const nonce = typeof document === 'undefined' ? '' : (document.currentScript as HTMLScriptElement | null)?.nonce ?? '';

/** A new layout worker; throws when the page cannot start one (layout-runner.ts then lays out on the main thread). */
export function startLayoutWorker(): WorkerLike {
  url ??= URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Worker(url, { name: 'weft-graph-layout' }) as unknown as WorkerLike;
}

type PageLayout = (plan: PlanNode[]) => GraphLayout;
const pageLayout = (): PageLayout | undefined => (globalThis as Record<string, unknown>)[PAGE_LAYOUT] as PageLayout | undefined;

/** Lays a plan out on the page's main thread, with the worker's script run once as a script of the page. */
export function layOutOnPage(plan: PlanNode[]): GraphLayout {
  if (!pageLayout()) {
    const script = document.createElement('script');
    script.nonce = nonce;
    script.textContent = source;
    // An inline script runs as it is inserted; a CSP that refuses it leaves no PAGE_LAYOUT behind.
    document.head.appendChild(script);
    script.remove();
  }
  const lay = pageLayout();
  if (!lay) throw new Error('the page could not run its layout script');
  return lay(plan);
}
