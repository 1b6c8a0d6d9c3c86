// Bundles the four entry points named in the interfaces spec (extension, server, cli, engine), all
// for Node, and the graph webview's script for the browser (dagre lays the graph out in the page, in
// a worker whose bundle the page's script carries as a string: the `worker-source:` plugin below).
import * as esbuild from 'esbuild';
import path from 'node:path';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // `vscode` is provided by the editor at run time.
  external: ['vscode'],
};

/** The graph webview's page and its layout worker run in VS Code's Chromium. */
const browser = { platform: 'browser', format: 'iife', target: 'chrome120' };

// `import source from 'worker-source:./x.js'`: x bundled for the browser, as a string. A webview can
// start a worker only from a blob: URL (client/src/graph-view/webview/worker-source.ts).
const workerSource = {
  name: 'worker-source',
  setup(build) {
    build.onResolve({ filter: /^worker-source:/ }, async (a) => {
      const r = await build.resolve(a.path.slice('worker-source:'.length), { resolveDir: a.resolveDir, kind: a.kind });
      return r.errors.length ? { errors: r.errors } : { path: r.path, namespace: 'worker-source' };
    });
    build.onLoad({ filter: /.*/, namespace: 'worker-source' }, async (a) => {
      const r = await esbuild.build({ entryPoints: [a.path], bundle: true, write: false, metafile: true, ...browser, logLevel: 'warning' });
      return { contents: r.outputFiles[0].text, loader: 'text', watchFiles: Object.keys(r.metafile.inputs).map((f) => path.resolve(f)) };
    });
  },
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['engine/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['engine/src/index.ts'], outfile: 'dist/engine.js' },
  // Alone in its folder: the webview's localResourceRoots (graph-panel.ts) let the page load only it.
  { entryPoints: ['client/src/graph-view/webview/main.ts'], outfile: 'dist/webview/graph-webview.js', ...browser, external: [], plugins: [workerSource] },
];

const present = await Promise.all(entries.map(async (e) => {
  try { await import('node:fs').then((fs) => fs.promises.access(e.entryPoints[0])); return e; } catch { return null; }
}));
const todo = present.filter(Boolean);
if (watch) {
  for (const e of todo) (await esbuild.context({ ...common, ...e })).watch();
} else {
  await Promise.all(todo.map((e) => esbuild.build({ ...common, ...e })));
}
