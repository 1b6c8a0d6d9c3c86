// Starts the graph page's layout worker. A webview cannot start a worker from its own resource URIs
// (they are another origin than the page's, and the webview's service worker does not serve a
// worker's requests), so esbuild.mjs inlines layout-worker.ts, bundled, into the page's script as a
// string (the `worker-source:` import), and the page starts it from a blob: URL, which the page's
// CSP allows as `worker-src blob:` (webview-html.ts).
import source from 'worker-source:./layout-worker.js';
import type { WorkerLike } from './layout-runner.js';

let url: string | undefined;

/** A new layout worker; throws when the page cannot start one (layout-runner.ts then lays out on the main thread). */
export function startLayoutWorker(): WorkerLike {
  url ??= URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  return new Worker(url, { name: 'weft-graph-layout' }) as unknown as WorkerLike;
}
