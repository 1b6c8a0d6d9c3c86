// Weft as users get it: the esbuild bundle dist/engine.js (package export `weft/engine`, built by
// `node esbuild.mjs`, which `npm run bench` runs first), so that Weft runs as plain bundled JS like
// its peers from node_modules, not as sources through tsx (keepNames wrappers, interop calls).
// Types come from the sources; the bench takes every engine function from here.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type * as Engine from '../../engine/src/index.js';

const root = path.join(__dirname, '..', '..');
const bundlePath = path.join(root, 'dist', 'engine.js');

if (!fs.existsSync(bundlePath)) throw new Error(`${path.relative(process.cwd(), bundlePath)} is missing: run \`node esbuild.mjs\` (or \`npm run bench\`, which builds first)`);

export const engine = createRequire(__filename)(bundlePath) as typeof Engine;

function newestSource(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestSource(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** One line for the report's header: what was measured, and a warning when the bundle is older than engine/src. */
export function bundleNote(): string {
  const built = fs.statSync(bundlePath).mtimeMs;
  const stale = newestSource(path.join(root, 'engine', 'src')) > built;
  return `Weft measured from ${path.relative(process.cwd(), bundlePath)} (the esbuild bundle, built ${new Date(built).toISOString()})` +
    (stale ? `\nWARNING: engine/src has changed since that build; run \`node esbuild.mjs\` (npm run bench does) to measure the current sources` : '');
}
