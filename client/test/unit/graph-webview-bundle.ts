// Builds the graph webview's script in memory for the graph page tests, as esbuild.mjs builds
// dist/webview/graph-webview.js: layout-worker.ts bundled for the browser first, then main.ts with
// that bundle as the text of its `worker-source:` import. Returns both, with their esbuild inputs.
import * as esbuild from 'esbuild';
import path from 'node:path';

const dir = path.resolve(__dirname, '../../src/graph-view/webview');
const browser = { bundle: true, write: false, metafile: true, platform: 'browser', format: 'iife', target: 'chrome120', logLevel: 'silent' } as const;

export interface WebviewBundle { page: string; pageInputs: string[]; worker: string; workerInputs: string[] }

let built: Promise<WebviewBundle> | undefined;

export function webviewBundle(): Promise<WebviewBundle> {
  return built ??= (async () => {
    const w = await esbuild.build({ ...browser, entryPoints: [path.join(dir, 'layout-worker.ts')] });
    const worker = w.outputFiles[0].text;
    const p = await esbuild.build({
      ...browser,
      entryPoints: [path.join(dir, 'main.ts')],
      plugins: [{
        name: 'worker-source',
        setup(b) {
          b.onResolve({ filter: /^worker-source:\.\/layout-worker\.js$/ }, () => ({ path: 'layout-worker', namespace: 'worker-source' }));
          b.onLoad({ filter: /.*/, namespace: 'worker-source' }, () => ({ contents: worker, loader: 'text' }));
        },
      }],
    });
    return { page: p.outputFiles[0].text, pageInputs: Object.keys(p.metafile.inputs), worker, workerInputs: Object.keys(w.metafile.inputs) };
  })();
}
