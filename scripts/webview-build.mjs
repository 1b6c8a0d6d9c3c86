// The graph webview's browser build, in one place for esbuild.mjs (dist/webview/graph-webview.js) and
// for the graph page tests, which build the same script in memory (client/test/unit/
// graph-webview-bundle.ts): the browser target, and the `worker-source:` plugin. Importing this
// builds nothing.
import * as esbuild from 'esbuild';
import path from 'node:path';

/** The graph webview's page and its layout worker run in VS Code's Chromium. */
export const browser = { platform: 'browser', format: 'iife', target: 'chrome120' };

/** `entry` bundled for the browser, in memory: its text, and its inputs (paths as esbuild gives them). */
export async function bundleForBrowser(entry, logLevel = 'warning', plugins = []) {
  const r = await esbuild.build({ entryPoints: [entry], bundle: true, write: false, metafile: true, ...browser, logLevel, plugins });
  return { text: r.outputFiles[0].text, inputs: Object.keys(r.metafile.inputs) };
}

// `import source from 'worker-source:./x.js'`: x bundled for the browser, as a string. A webview can
// start a worker only from a blob: URL (client/src/graph-view/webview/worker-source.ts).
export const workerSource = {
  name: 'worker-source',
  setup(build) {
    build.onResolve({ filter: /^worker-source:/ }, async (a) => {
      const r = await build.resolve(a.path.slice('worker-source:'.length), { resolveDir: a.resolveDir, kind: a.kind });
      return r.errors.length ? { errors: r.errors } : { path: r.path, namespace: 'worker-source' };
    });
    build.onLoad({ filter: /.*/, namespace: 'worker-source' }, async (a) => {
      const { text, inputs } = await bundleForBrowser(a.path);
      return { contents: text, loader: 'text', watchFiles: inputs.map((f) => path.resolve(f)) };
    });
  },
};
