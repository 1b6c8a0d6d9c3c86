// Bundles the four entry points named in the interfaces spec (extension, server, cli, engine), all
// for Node, and the graph webview's script for the browser (dagre lays the graph out in the page, in
// a worker whose bundle the page's script carries as a string: the `worker-source:` plugin of
// scripts/webview-build.mjs, which the graph page tests build with too).
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { browser, workerSource } from './scripts/webview-build.mjs';

const watch = process.argv.includes('--watch');

// undici (the fetch of an http or llm step whose time limit is over 5 minutes, engine/src/run/actions/
// step-fetch.ts) is a bundle of its own, dist/undici.js, required from beside the bundle on first
// use: inside each of them it would add its parse time to every start of `weft` and the extension.
const undiciApart = {
  name: 'undici-apart',
  setup(build) {
    build.onResolve({ filter: /^undici$/ }, () => ({ path: './undici.js', external: true }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // `vscode` is provided by the editor at run time.
  external: ['vscode'],
  plugins: [undiciApart],
};

const entries = [
  { entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js' },
  { entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js' },
  { entryPoints: ['engine/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['engine/src/index.ts'], outfile: 'dist/engine.js' },
  { entryPoints: [createRequire(import.meta.url).resolve('undici')], outfile: 'dist/undici.js', plugins: [] },
  // Alone in its folder: the webview's localResourceRoots (graph-panel.ts) let the page load only it.
  { entryPoints: ['client/src/graph-view/webview/main.ts'], outfile: 'dist/webview/graph-webview.js', ...browser, external: [], plugins: [workerSource] },
];

const present = await Promise.all(entries.map(async (e) => {
  try { await fs.promises.access(e.entryPoints[0]); return e; } catch { return null; }
}));
const todo = present.filter(Boolean);
if (watch) {
  for (const e of todo) (await esbuild.context({ ...common, ...e })).watch();
} else {
  // Each file is written beside its target and renamed over it, so a process that loads a bundle while
  // another rebuilds it (a test file that builds first, beside one that runs dist/cli.js) reads the
  // old file or the new one, never half of one. (--watch, above, is esbuild's own writing, in place.)
  // Every entry that compiles is written, as esbuild's own writing did; the first failure is thrown
  // after (esbuild has printed its errors), so the build still exits 1.
  const results = await Promise.allSettled(todo.map((e) => esbuild.build({ ...common, ...e, write: false })));
  for (const r of results) {
    if (r.status !== 'fulfilled') continue;
    for (const file of r.value.outputFiles) {
      const temp = `${file.path}.${process.pid}.tmp`;
      await fs.promises.mkdir(path.dirname(file.path), { recursive: true });
      try {
        await fs.promises.writeFile(temp, file.contents);
        await fs.promises.rename(temp, file.path);
      } finally {
        await fs.promises.rm(temp, { force: true });
      }
    }
  }
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw failed.reason;
}
