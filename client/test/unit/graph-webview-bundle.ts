// Builds the graph webview's script in memory for the graph page tests, with the browser target and
// the `worker-source:` plugin that esbuild.mjs builds dist/webview/graph-webview.js with
// (scripts/webview-build.mjs). Returns the page's script and, built on its own, the layout worker's
// bundle (the text the plugin inlines), each with its esbuild inputs.
import path from 'node:path';
import { bundleForBrowser, workerSource } from '../../../scripts/webview-build.mjs';

const dir = path.resolve(__dirname, '../../src/graph-view/webview');

export interface WebviewBundle { page: string; pageInputs: string[]; worker: string; workerInputs: string[] }

let built: Promise<WebviewBundle> | undefined;

export function webviewBundle(): Promise<WebviewBundle> {
  return built ??= (async () => {
    const [w, p] = await Promise.all([
      bundleForBrowser(path.join(dir, 'layout-worker.ts'), 'silent'),
      bundleForBrowser(path.join(dir, 'main.ts'), 'silent', [workerSource]),
    ]);
    return { page: p.text, pageInputs: p.inputs, worker: w.text, workerInputs: w.inputs };
  })();
}
